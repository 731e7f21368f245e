import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as create from './create.operation';
import * as deleteDictionary from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: ResourceOperations<'pronunciationDictionary'> = {
	create,
	delete: deleteDictionary,
	get,
	getMany,
	update,
};

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['pronunciationDictionary'] } },
	default: 'getMany',
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a pronunciation dictionary',
			description: 'Create a dictionary of texts and how to say them',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a pronunciation dictionary', description: 'Delete one of your dictionaries' },
		{ name: 'Get', value: 'get', action: 'Get a pronunciation dictionary', description: 'Get a dictionary and its entries by ID' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many pronunciation dictionaries', description: 'List your dictionaries, page by page' },
		{
			name: 'Update',
			value: 'update',
			action: 'Update a pronunciation dictionary',
			description:
				'Rename a dictionary, or add, change or remove entries (read then write back: not atomic)',
		},
	],
};

export const description: INodeProperties[] = [
	operationSelector,
	...getMany.description,
	...get.description,
	...create.description,
	...update.description,
	...deleteDictionary.description,
];
