import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as generate from './generate.operation';

export const operations: ResourceOperations<'infill'> = { generate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['infill'] } },
		default: 'generate',
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Fill a gap in audio with speech',
				description: 'Speak new words that join seamlessly onto existing audio',
			},
		],
	},
	...generate.description,
];
