import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as generate from './generate.operation';
import * as generateWithTimestamps from './generateWithTimestamps.operation';

export const operations: ResourceOperations<'speech'> = { generate, generateWithTimestamps };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['speech'] } },
		default: 'generate',
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate speech',
				description: 'Turn text into an audio file (MP3 by default, WAV or raw PCM), streamed to n8n',
			},
			{
				name: 'Generate With Timestamps',
				value: 'generateWithTimestamps',
				action: 'Generate speech with timestamps',
				description: 'Turn text into audio and get when each word (and phoneme) is spoken',
			},
		],
	},
	...generate.description,
	...generateWithTimestamps.description,
];
