import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperties, resourceProperty, SUBTITLE } from './actions/resources';
import { router } from './actions/router';
import { requestOptionsProperty } from './descriptions/requestOptions';
import { credentialTest, listSearch } from './methods';

export class Cartesia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cartesia',
		name: 'cartesia',
		icon: { light: 'file:../../icons/cartesia.svg', dark: 'file:../../icons/cartesia.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description: 'Generate speech, transcribe audio, and clone and manage voices with Cartesia',
		defaults: { name: 'Cartesia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartesiaApi', required: true, testedBy: 'cartesiaApiTest' }],
		// Access tokens are secrets: n8n redacts them wherever it shows output.
		sensitiveOutputFields: ['token'],
		properties: [
			resourceProperty,
			...operationProperties,
			requestOptionsProperty,
		],
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
