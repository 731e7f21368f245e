import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { knownAccents } from '../helpers/accent';
import { CartesiaClient } from '../transport';
import { CREDENTIAL_TYPE, toCartesiaCredentials } from '../transport/credentials';
import { versionSupports } from '../versions';

/** One accent of `GET /accents` (docs/wire-format.md §7.6). */
export interface CatalogAccent {
	id: string;
	name: string;
	language?: string;
	locale?: string;
	is_locale_default?: boolean;
	is_localizable?: boolean;
}

/**
 * The accent picker's list: Cartesia's catalog where the version has one (2026-08-14), else the accents
 * the node knows by name (accents.ts). Localize's picker keeps only the accents Cartesia can localize to.
 */
async function accents(context: ILoadOptionsFunctions, localizableOnly: boolean, filter?: string): Promise<INodeListSearchResult> {
	const credentials = toCartesiaCredentials(await context.getCredentials(CREDENTIAL_TYPE));
	let entries: Array<{ id: string; name: string; locale?: string }>;
	if (versionSupports(credentials.apiVersion, 'accentCatalog')) {
		const client = new CartesiaClient({ credentials, node: context.getNode() });
		const catalog = await client.json<{ accents?: CatalogAccent[] }>({ method: 'GET', path: '/accents', retry: 'repeatable' });
		entries = (catalog.accents ?? []).filter((accent) => !localizableOnly || accent.is_localizable === true);
	} else {
		entries = knownAccents(localizableOnly);
	}
	const needle = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchItems[] = entries
		.filter((accent) => !needle || [accent.id, accent.name, accent.locale ?? ''].some((text) => text.toLowerCase().includes(needle)))
		.map((accent) => ({ name: accent.locale ? `${accent.name} (${accent.locale})` : accent.name, value: accent.id }));
	return { results };
}

export async function searchAccents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await accents(this, false, filter);
}

export async function searchLocalizableAccents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await accents(this, true, filter);
}
