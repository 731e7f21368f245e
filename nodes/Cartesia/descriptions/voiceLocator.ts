import type { INodeProperties } from 'n8n-workflow';

import { VOICE_ID_PATTERN } from '../helpers/validation';

/** The voice picker every voice parameter uses: From List (searchable, paged) or By ID. */
export function voiceLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>,
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Cartesia voice. Pick it from your voice library, or paste its ID.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a voice...',
				typeOptions: { searchListMethod: 'searchVoices', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. a0e99841-438c-4a64-b679-ae501e7d6091',
				validation: [
					{
						type: 'regex',
						properties: { regex: VOICE_ID_PATTERN, errorMessage: 'Not a Cartesia voice ID (a UUID)' },
					},
				],
			},
		],
		...overrides,
	};
}
