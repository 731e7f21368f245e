import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { dictionaryPages, type PronunciationDictionary } from '../helpers/pronunciationDictionary';
import { CartesiaClient } from '../transport';
import { CREDENTIAL_TYPE, toCartesiaCredentials } from '../transport/credentials';
import { unsupportedFeatureMessage, versionSupports } from '../versions';

/** Enough results to fill the dropdown; when searching, the most pages scanned per call. */
const RESULTS_PER_CALL = 100;
const MAX_PAGES_SCANNED = 5;

function matches(dictionary: PronunciationDictionary, needle: string): boolean {
	return [dictionary.name, dictionary.id].some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

function toListItem(dictionary: PronunciationDictionary): INodeListSearchItems {
	const count = Array.isArray(dictionary.items) ? dictionary.items.length : undefined;
	const name = dictionary.name || dictionary.id;
	return { name: count === undefined ? name : `${name} (${count} ${count === 1 ? 'entry' : 'entries'})`, value: dictionary.id };
}

/**
 * The dictionary picker's list: one page per call, continued through n8n's pagination token (the last
 * id). Cartesia's list has no search parameter, so a filter is applied here, page by page.
 */
export async function searchPronunciationDictionaries(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = toCartesiaCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	if (!versionSupports(credentials.apiVersion, 'pronunciationDicts')) {
		throw new Error(`${unsupportedFeatureMessage('pronunciationDicts', credentials.apiVersion)}. Pick a later API version in the Cartesia API credential.`);
	}
	const client = new CartesiaClient({ credentials, node: this.getNode() });
	const needle = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchItems[] = [];
	let nextCursor: string | undefined;
	let pagesScanned = 0;
	const pages = dictionaryPages(client, { startingAfter: paginationToken || undefined, max: needle ? undefined : RESULTS_PER_CALL });
	for await (const page of pages) {
		pagesScanned++;
		nextCursor = page.nextCursor;
		const kept = needle ? page.dictionaries.filter((dictionary) => matches(dictionary, needle)) : page.dictionaries;
		results.push(...kept.map(toListItem));
		if (results.length >= RESULTS_PER_CALL || pagesScanned >= MAX_PAGES_SCANNED) break;
	}
	return { results, paginationToken: nextCursor };
}
