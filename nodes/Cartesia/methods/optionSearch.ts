import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { MODELS, type ModelUse } from '../catalog';
import { languageOptions } from '../descriptions/languages';
import { allLanguages, type LanguageUse } from '../languages';

/** The lists behind the Model and Language pickers: known to this node, so no request is made. */
function search(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = needle
		? items.filter((item) => [item.name, String(item.value)].some((text) => text.toLowerCase().includes(needle)))
		: items;
	return { results };
}

function models(use: ModelUse) {
	const items: INodeListSearchItems[] = MODELS[use].map(({ name, value }) => ({ name, value }));
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return search(items, filter);
	};
}

function languages(use: LanguageUse) {
	const items: INodeListSearchItems[] = languageOptions(allLanguages(use)).map(({ name, value }) => ({
		name: `${name} (${String(value)})`,
		value,
	}));
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return search(items, filter);
	};
}

export const searchTtsModels = models('tts');
export const searchInfillModels = models('infill');
export const searchSttModels = models('stt');
export const searchTtsLanguages = languages('tts');
export const searchSttLanguages = languages('stt');
export const searchLocalizeLanguages = languages('localize');
