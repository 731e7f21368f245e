import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as accessToken from './actions/accessToken';
import * as apiStatus from './actions/apiStatus';
import { router } from './actions/router';
import * as voice from './actions/voice';
import { requestOptionsProperty } from './descriptions/requestOptions';
import { listSearch } from './methods';

export class Cartesia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cartesia',
		name: 'cartesia',
		icon: { light: 'file:../../icons/cartesia.svg', dark: 'file:../../icons/cartesia.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Generate speech, transcribe audio, and clone and manage voices with Cartesia',
		defaults: { name: 'Cartesia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartesiaApi', required: true }],
		// Access tokens are secrets: n8n redacts them wherever it shows output.
		sensitiveOutputFields: ['token'],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Access Token', value: 'accessToken' },
					{ name: 'API Status', value: 'apiStatus' },
					{ name: 'Voice', value: 'voice' },
				],
				default: 'voice',
			},
			...voice.description,
			...accessToken.description,
			...apiStatus.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
