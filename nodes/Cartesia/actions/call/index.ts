import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as downloadAudio from './downloadAudio.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as startOutbound from './startOutbound.operation';

export const operations: ResourceOperations<'call'> = { downloadAudio, get, getMany, startOutbound };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		default: 'getMany',
		options: [
			{
				name: 'Download Audio',
				value: 'downloadAudio',
				action: 'Download the audio of a call',
				description: "Download a call's recording into a binary field",
			},
			{ name: 'Get', value: 'get', action: 'Get a call', description: 'Get a call with its transcript' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many calls', description: "List an agent's calls, newest first" },
			{
				name: 'Start Outbound Calls',
				value: 'startOutbound',
				action: 'Start outbound calls',
				description: 'Have an agent call one or more numbers (Cartesia-Version 2026-03-01 and later)',
			},
		],
	},
	...getMany.description,
	...get.description,
	...downloadAudio.description,
	...startOutbound.description,
];
