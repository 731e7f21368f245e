import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { languageName, type LanguageUse } from '../languages';

/** Dropdown options sorted by name, with the code in the description. */
export function languageOptions(codes: readonly string[]): INodePropertyOptions[] {
	return codes
		.map((code) => ({ name: languageName(code), value: code, description: `Code: ${code}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The list search method behind each language picker (methods/optionSearch.ts). */
export const LANGUAGE_SEARCH_METHODS: Record<LanguageUse, string> = {
	tts: 'searchTtsLanguages',
	stt: 'searchSttLanguages',
	localize: 'searchLocalizeLanguages',
};

/**
 * A language picker: From List (searchable by name or code) or By Code (`en`, `pt`…). A Resource
 * Locator rather than a dropdown because n8n's editor offers the "let the model define this"
 * ($fromAI) button on every parameter type except `options`. helpers/language.ts `readLanguage`
 * checks the code at run time, whichever way it arrived.
 */
export function languageLocator(
	use: LanguageUse,
	overrides: Partial<INodeProperties> & { defaultCode: string; codePlaceholder?: string },
): INodeProperties {
	const { defaultCode, codePlaceholder, ...rest } = overrides;
	return {
		displayName: 'Language',
		name: 'language',
		type: 'resourceLocator',
		default: { mode: 'list', value: defaultCode, cachedResultName: languageName(defaultCode) },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a language...',
				typeOptions: { searchListMethod: LANGUAGE_SEARCH_METHODS[use], searchable: true },
			},
			{
				displayName: 'By Code',
				name: 'code',
				type: 'string',
				placeholder: codePlaceholder ?? `e.g. ${defaultCode}`,
			},
		],
		...rest,
	};
}
