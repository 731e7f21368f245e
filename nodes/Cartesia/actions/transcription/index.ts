import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as transcribe from './transcribe.operation';

export const operations: ResourceOperations<'transcription'> = { transcribe };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transcription'] } },
		default: 'transcribe',
		options: [
			{
				name: 'Transcribe',
				value: 'transcribe',
				action: 'Transcribe audio to text',
				description: 'Turn speech in an audio file into text, with word timings and subtitles if asked',
			},
		],
	},
	...transcribe.description,
];
