import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { toListItem } from '../helpers/voiceListItem';
import { voicePages, type Voice } from '../helpers/voicePages';
import { CartesiaClient } from '../transport';
import { CREDENTIAL_TYPE, toCartesiaCredentials } from '../transport/credentials';
import { versionSupports } from '../versions';

/** Enough results to fill the dropdown; when searching locally, the most pages scanned per call. */
const RESULTS_PER_CALL = 100;
const MAX_PAGES_SCANNED_LOCALLY = 5;

function matches(voice: Voice, needle: string): boolean {
	return [voice.name, voice.description, voice.id].some((text) => text?.toLowerCase().includes(needle));
}

/**
 * The voice picker's list: one page per call, continued through n8n's pagination token (the last
 * voice id). Versions with `q` search on the server; older ones filter the pages here.
 */
export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = toCartesiaCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const client = new CartesiaClient({ credentials, node: this.getNode() });
	const needle = filter?.trim().toLowerCase() ?? '';
	const serverSearch = needle !== '' && versionSupports(client.apiVersion, 'voiceListSearch');

	const localFilter = needle !== '' && !serverSearch;
	const results: INodeListSearchItems[] = [];
	let nextCursor: string | undefined;
	let pagesScanned = 0;
	const pages = voicePages(
		client,
		{ q: serverSearch ? filter?.trim() : undefined },
		{ startingAfter: paginationToken || undefined, max: localFilter ? undefined : RESULTS_PER_CALL },
	);
	for await (const page of pages) {
		pagesScanned++;
		nextCursor = page.nextCursor;
		const kept = localFilter ? page.voices.filter((voice) => matches(voice, needle)) : page.voices;
		results.push(...kept.map(toListItem));
		if (results.length >= RESULTS_PER_CALL || pagesScanned >= MAX_PAGES_SCANNED_LOCALLY) break;
	}
	return { results, paginationToken: nextCursor };
}
