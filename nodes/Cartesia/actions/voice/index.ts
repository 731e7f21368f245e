import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as addAccents from './addAccents.operation';
import * as clone from './clone.operation';
import * as create from './create.operation';
import * as deleteVoice from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as listAccents from './listAccents.operation';
import * as localize from './localize.operation';
import * as mix from './mix.operation';
import * as removeAccent from './removeAccent.operation';
import * as update from './update.operation';

export const operations: ResourceOperations<'voice'> = {
	addAccents,
	clone,
	create,
	delete: deleteVoice,
	get,
	getMany,
	listAccents,
	localize,
	mix,
	removeAccent,
	update,
};

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['voice'] } },
	default: 'getMany',
	options: [
		{
			name: 'Add Accents',
			value: 'addAccents',
			action: 'Add accents to a voice',
			description: 'Let one of your voice clones speak more accents (Cartesia-Version 2026-08-14 and later)',
		},
		{ name: 'Clone', value: 'clone', action: 'Clone a voice from a recording', description: 'Create a voice from an audio sample' },
		{
			name: 'Create a Voice (Retired)',
			value: 'create',
			action: 'Create a voice with the retired endpoint',
			description: 'Retired by Cartesia on 2026-06-01 and refused since: create a voice from an embedding. Use Clone instead.',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a voice', description: 'Delete one of your voices' },
		{ name: 'Get', value: 'get', action: 'Get a voice', description: 'Get a voice by ID' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many voices', description: 'List voices, page by page' },
		{
			name: 'List Accents',
			value: 'listAccents',
			action: 'List accents',
			description: "Get Cartesia's accent catalog (Cartesia-Version 2026-08-14 and later)",
		},
		{
			name: 'Localize',
			value: 'localize',
			action: 'Localize a voice into another language',
			description: 'Make a copy of a voice that speaks another language',
		},
		{
			name: 'Mix Voices (Retired)',
			value: 'mix',
			action: 'Mix voices with the retired endpoint',
			description: 'Retired by Cartesia on 2026-06-01 and refused since: blend voices into an embedding',
		},
		{
			name: 'Remove Accent',
			value: 'removeAccent',
			action: 'Remove an accent from a voice',
			description: 'Stop one of your voice clones speaking an added accent (Cartesia-Version 2026-08-14 and later)',
		},
		{ name: 'Update', value: 'update', action: 'Update a voice', description: 'Rename, describe or give an accent to a voice' },
	],
};

export const description: INodeProperties[] = [
	operationSelector,
	...get.description,
	...getMany.description,
	...create.description,
	...update.description,
	...deleteVoice.description,
	...clone.description,
	...localize.description,
	...mix.description,
	...listAccents.description,
	...addAccents.description,
	...removeAccent.description,
];
