import type { INodeProperties } from 'n8n-workflow';

/** What an accent is, said once for every Accent field. */
export const ACCENT_MEANING =
	'An accent is the regional way a language is spoken: British English and General American English are two accents of English, Mexican and Castilian two of Spanish.';

/**
 * An accent picker: From List (Cartesia's catalog, GET /accents from 2026-08-14; the names the node
 * knows before) or By ID (a catalog ID such as `british`, or a display name). helpers/accent.ts
 * `readAccent` turns it into what the version takes.
 */
export function accentLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'> & { localizable?: boolean },
): INodeProperties {
	const { localizable, ...rest } = overrides;
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: ACCENT_MEANING,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an accent...',
				typeOptions: { searchListMethod: localizable ? 'searchLocalizableAccents' : 'searchAccents', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. british',
				hint: 'A catalog ID (Voice → List Accents), or a display name such as British English',
			},
		],
		...rest,
	};
}
