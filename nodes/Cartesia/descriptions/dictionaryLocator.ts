import type { INodeProperties } from 'n8n-workflow';

/** The pronunciation dictionary picker: From List (searchable, paged) or By ID. */
export function dictionaryLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>,
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'A pronunciation dictionary of yours (Cartesia-Version 2025-04-16 and later)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a dictionary...',
				typeOptions: { searchListMethod: 'searchPronunciationDictionaries', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. pdict_abc123',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^(?!\\.{1,2}$)[^/\\s]+$', errorMessage: 'Not a pronunciation dictionary ID' },
					},
				],
			},
		],
		...overrides,
	};
}
