import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CartesiaClient } from '../transport';
import { apiPath } from '../transport/path';
import type { ApiVersion } from '../versions';
import { cursorPages } from './cursorPages';
import { assertVersionAccepts, inputError, locatorRawValue } from './validation';

/** One entry of a dictionary as Cartesia sends it (docs/wire-format.md §2.15). */
export interface DictionaryItem extends IDataObject {
	text: string;
	/** The current name of the replacement. */
	pronunciation?: string;
	/** The deprecated name of the same value; some SDKs still read and write only this. */
	alias?: string;
	/** 2026-08-14 (§7.8). */
	case_sensitive?: boolean;
}

export interface PronunciationDictionary extends IDataObject {
	id: string;
	name?: string;
	items?: DictionaryItem[];
}

/** List and create take the trailing slash, as every SDK sends them (docs/wire-format.md §2.15). */
export const DICTIONARIES_PATH = '/pronunciation-dicts/';

export function dictionaryPath(id: string): string {
	return apiPath('pronunciation-dicts', id);
}

/** An item's replacement, whichever name it came under: `pronunciation ?? alias`. */
export function itemPronunciation(item: DictionaryItem): string | undefined {
	return item.pronunciation ?? item.alias;
}

/**
 * A dictionary as the node outputs it: Cartesia's fields as they came, each item reduced to `text`,
 * `pronunciation` (read from `alias` where only that came) and `case_sensitive` when sent.
 */
export function dictionaryOutput(dictionary: PronunciationDictionary): IDataObject {
	if (!Array.isArray(dictionary.items)) return dictionary;
	return {
		...dictionary,
		items: dictionary.items.map((item) => ({
			text: item.text,
			pronunciation: itemPronunciation(item),
			...(item.case_sensitive !== undefined ? { case_sensitive: item.case_sensitive } : {}),
		})),
	};
}

export interface DictionaryPage {
	dictionaries: PronunciationDictionary[];
	/** The cursor for the page after this one; undefined on the last page. */
	nextCursor?: string;
}

/** Walks GET /pronunciation-dicts/ through its cursor, as voices are walked (docs/wire-format.md §2.15). */
export async function* dictionaryPages(
	client: CartesiaClient,
	options: { max?: number; startingAfter?: string } = {},
): AsyncGenerator<DictionaryPage> {
	for await (const { items, nextCursor } of cursorPages<PronunciationDictionary>(client, DICTIONARIES_PATH, {}, options)) {
		yield { dictionaries: items, nextCursor };
	}
}

interface DictionaryIdParameter {
	/** A picker value ({ mode, value }) or a bare ID. */
	value: unknown;
	displayName: string;
	version: ApiVersion;
	/** Empty is refused (the dictionary operations) rather than read as "not set" (Speech). */
	required: boolean;
}

/**
 * A dictionary ID, checked before any request: the version must have dictionaries (2025-04-16 and later),
 * and the ID must be something Cartesia could have given (not empty, not `.` or `..`, no `/`). Dictionary
 * IDs are not UUIDs (`pdict_abc123`), so nothing stricter is asked.
 */
export function readDictionaryId(context: IExecuteFunctions, itemIndex: number, parameter: DictionaryIdParameter): string | undefined {
	const { displayName } = parameter;
	const raw = locatorRawValue(parameter.value);
	const id = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	if (!id) {
		if (!parameter.required) return undefined;
		throw inputError(context, itemIndex, `"${displayName}" is empty`, 'Choose a pronunciation dictionary from the list, or enter its ID.');
	}
	assertVersionAccepts(context, itemIndex, parameter.version, 'pronunciationDicts', displayName);
	if (id === '.' || id === '..' || id.includes('/')) {
		throw inputError(
			context,
			itemIndex,
			`"${displayName}" is not a pronunciation dictionary ID: ${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)}`,
			'Enter the ID as Cartesia gave it (e.g. pdict_abc123), or choose the dictionary from the list.',
		);
	}
	return id;
}
