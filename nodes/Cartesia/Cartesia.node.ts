import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as accessToken from './actions/accessToken';
import * as apiStatus from './actions/apiStatus';
import * as infill from './actions/infill';
import { router } from './actions/router';
import * as speech from './actions/speech';
import * as transcription from './actions/transcription';
import * as voice from './actions/voice';
import * as voiceChanger from './actions/voiceChanger';
import { requestOptionsProperty } from './descriptions/requestOptions';
import { credentialTest, listSearch } from './methods';

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
		credentials: [{ name: 'cartesiaApi', required: true, testedBy: 'cartesiaApiTest' }],
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
					{ name: 'Infill', value: 'infill' },
					{ name: 'Speech', value: 'speech' },
					{ name: 'Transcription', value: 'transcription' },
					{ name: 'Voice', value: 'voice' },
					{ name: 'Voice Changer', value: 'voiceChanger' },
				],
				default: 'speech',
			},
			...speech.description,
			...transcription.description,
			...infill.description,
			...voiceChanger.description,
			...voice.description,
			...accessToken.description,
			...apiStatus.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
