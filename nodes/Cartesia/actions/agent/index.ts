import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: ResourceOperations<'agent'> = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		default: 'getMany',
		options: [
			{ name: 'Get', value: 'get', action: 'Get an agent', description: 'Get a voice agent, its phone numbers and its webhook' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many agents', description: 'List your voice agents' },
		],
	},
	...getMany.description,
	...get.description,
];
