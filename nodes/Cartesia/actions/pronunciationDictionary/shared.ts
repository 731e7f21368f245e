import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dictionaryLocator } from '../../descriptions/dictionaryLocator';
import { readDictionaryId } from '../../helpers/pronunciationDictionary';
import { assertVersionAccepts, inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { versionSupports } from '../../versions';

/** Cartesia's limit on one replacement (docs/wire-format.md §2.15). */
export const MAX_PRONUNCIATION_LENGTH = 100;

/** The dictionary every operation but Create and Get Many works on. */
export const dictionaryProperty: INodeProperties = dictionaryLocator({
	name: 'dictionary',
	displayName: 'Pronunciation Dictionary',
	required: true,
});

export async function readDictionary(context: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<string> {
	const value = context.getNodeParameter('dictionary', itemIndex, '') as unknown;
	return readDictionaryId(context, itemIndex, {
		value,
		displayName: 'Pronunciation Dictionary',
		version: client.apiVersion,
		required: true,
	}) as string;
}

/** Entries (text → pronunciation), as Create and Update's "Add or Change Entries" take them. */
export function entriesProperty(overrides: Pick<INodeProperties, 'name' | 'displayName'> & Partial<INodeProperties>): INodeProperties {
	return {
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Entry',
		default: {},
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'e.g. Cartesia',
						description: 'The text to replace wherever it appears in a transcript',
					},
					{
						displayName: 'Pronunciation',
						name: 'pronunciation',
						type: 'string',
						default: '',
						placeholder: 'e.g. kar-TEE-zhuh, or <<k|ɑ|ɹ|ˈ|t|i|ʒ|ə>>',
						description:
							'How to say it, at most 100 characters: sounds-like text, or IPA phonemes separated by | inside &lt;&lt; &gt;&gt;',
					},
					{
						displayName: 'Case Sensitive',
						name: 'caseSensitive',
						type: 'boolean',
						default: false,
						description:
							'Whether the text matches only as written; otherwise it matches in any capitalization (Cartesia-Version 2026-08-14 and later)',
					},
				],
			},
		],
		...overrides,
	};
}

interface EntryParameter {
	text?: unknown;
	pronunciation?: unknown;
	caseSensitive?: unknown;
}

/** One item as Cartesia takes it: `pronunciation` and its deprecated twin `alias`, the same value (§2.15). */
export interface WireItem extends IDataObject {
	text: string;
	pronunciation: string;
	alias: string;
	case_sensitive?: boolean;
}

export function wireItem(text: string, pronunciation: string, caseSensitive: boolean | undefined): WireItem {
	return { text, pronunciation, alias: pronunciation, ...(caseSensitive !== undefined ? { case_sensitive: caseSensitive } : {}) };
}

/**
 * The entries of a fixedCollection, checked before any request: text and pronunciation present, the
 * pronunciation within Cartesia's limit, no text twice, Case Sensitive only where the version takes it.
 * On 2026-08-14 `case_sensitive` is always sent (false unless switched on), so that changing an entry
 * also resets it; earlier versions never see it.
 */
export function readEntries(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	parameter: { name: string; displayName: string },
): WireItem[] {
	const raw = context.getNodeParameter(parameter.name, itemIndex, {}) as { entry?: EntryParameter[] };
	const entries = Array.isArray(raw?.entry) ? raw.entry : [];
	const caseSensitiveOnWire = versionSupports(client.apiVersion, 'pronunciationCaseSensitive');
	const seen = new Map<string, number>();
	return entries.map((entry, index) => {
		const label = `"${parameter.displayName}" entry ${index + 1}`;
		const text = typeof entry.text === 'string' ? entry.text.trim() : String(entry.text ?? '').trim();
		const pronunciation = typeof entry.pronunciation === 'string' ? entry.pronunciation.trim() : String(entry.pronunciation ?? '').trim();
		if (!text) throw inputError(context, itemIndex, `${label} has no Text`, 'Enter the text to replace, or remove the entry.');
		if (!pronunciation) {
			throw inputError(context, itemIndex, `${label} ("${text}") has no Pronunciation`, 'Enter how to say the text, or remove the entry.');
		}
		if ([...pronunciation].length > MAX_PRONUNCIATION_LENGTH) {
			throw inputError(
				context,
				itemIndex,
				`${label} ("${text}") has a Pronunciation of ${[...pronunciation].length} characters`,
				`Cartesia takes at most ${MAX_PRONUNCIATION_LENGTH} characters per pronunciation.`,
			);
		}
		const earlier = seen.get(text);
		if (earlier !== undefined) {
			throw inputError(context, itemIndex, `${label} repeats the Text "${text}" of entry ${earlier}`, 'Keep one entry per text.');
		}
		seen.set(text, index + 1);
		const caseSensitive = entry.caseSensitive === true;
		if (caseSensitive) assertVersionAccepts(context, itemIndex, client.apiVersion, 'pronunciationCaseSensitive', 'Case Sensitive');
		return wireItem(text, pronunciation, caseSensitiveOnWire ? caseSensitive : undefined);
	});
}
