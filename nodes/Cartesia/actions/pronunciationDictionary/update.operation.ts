import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	dictionaryOutput,
	dictionaryPath,
	itemPronunciation,
	type PronunciationDictionary,
} from '../../helpers/pronunciationDictionary';
import { inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { versionSupports } from '../../versions';
import { pairedItems } from '../output';
import { dictionaryProperty, entriesProperty, readDictionary, readEntries, wireItem, type WireItem } from './shared';

const properties: INodeProperties[] = [
	dictionaryProperty,
	{
		displayName:
			'Cartesia replaces the whole entry list on update, so adding, changing or removing entries reads the dictionary and then writes it back. This is not atomic: a change made elsewhere between the two is lost.',
		name: 'notAtomicNotice',
		type: 'notice',
		default: '',
	},
	entriesProperty({
		name: 'upsertEntries',
		displayName: 'Add or Change Entries',
		description: 'An entry whose text is already in the dictionary (as written) changes it; any other is added',
	}),
	{
		displayName: 'Remove Entries',
		name: 'removeEntries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Entry to Remove',
		default: {},
		description: 'Texts to take out of the dictionary, as written; a text the dictionary does not have is ignored',
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [{ displayName: 'Text', name: 'text', type: 'string', default: '', placeholder: 'e.g. Cartesia' }],
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['pronunciationDictionary'], operation: ['update'] } }, properties);

function readRemovals(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = context.getNodeParameter('removeEntries', itemIndex, {}) as { entry?: Array<{ text?: unknown }> };
	return (Array.isArray(raw?.entry) ? raw.entry : []).map((entry, index) => {
		const text = typeof entry.text === 'string' ? entry.text.trim() : String(entry.text ?? '').trim();
		if (!text) throw inputError(context, itemIndex, `"Remove Entries" entry ${index + 1} has no Text`, 'Enter the text to remove, or remove the entry.');
		return text;
	});
}

/** The dictionary's items as they will be written back: the same values, under both names. */
function currentItems(dictionary: PronunciationDictionary, keepCaseSensitive: boolean): WireItem[] {
	return (dictionary.items ?? []).map((item) =>
		wireItem(item.text, itemPronunciation(item) ?? '', keepCaseSensitive ? item.case_sensitive : undefined),
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const id = await readDictionary(this, itemIndex, client);
	const upserts = readEntries(this, itemIndex, client, { name: 'upsertEntries', displayName: 'Add or Change Entries' });
	const removals = readRemovals(this, itemIndex);
	const both = removals.find((text) => upserts.some((item) => item.text === text));
	if (both !== undefined) {
		throw inputError(this, itemIndex, `"${both}" is both in "Add or Change Entries" and in "Remove Entries"`, 'Keep it in one of the two.');
	}
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as { name?: string; description?: string };
	const name = fields.name?.trim() || undefined;
	const dictionaryDescription = fields.description?.trim() || undefined;
	const changesEntries = upserts.length > 0 || removals.length > 0;
	if (!changesEntries && name === undefined && dictionaryDescription === undefined) {
		throw inputError(
			this,
			itemIndex,
			'Nothing to update',
			'Add entries to add, change or remove, or a field under Update Fields.',
		);
	}

	let items: WireItem[] | undefined;
	if (changesEntries) {
		// Cartesia's PATCH replaces the whole list (docs/wire-format.md §2.15): read it, change it, write it.
		const current = await client.json<PronunciationDictionary>({ method: 'GET', path: dictionaryPath(id), retry: 'repeatable' });
		items = currentItems(current, versionSupports(client.apiVersion, 'pronunciationCaseSensitive')).filter(
			(item) => !removals.includes(item.text),
		);
		for (const upsert of upserts) {
			const at = items.findIndex((item) => item.text === upsert.text);
			if (at === -1) items.push(upsert);
			else items[at] = upsert;
		}
	}
	const dictionary = await client.json<PronunciationDictionary>({
		method: 'PATCH',
		path: dictionaryPath(id),
		json: { name, description: dictionaryDescription, items },
		retry: 'repeatable',
	});
	return pairedItems(dictionaryOutput(dictionary), itemIndex);
}
