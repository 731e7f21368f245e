import type { INodeProperties } from 'n8n-workflow';

import { VOICE_ID_PATTERN } from '../helpers/validation';
import { BY_NAME_MODE } from '../helpers/voiceName';

/** The voice picker every voice parameter uses: From List (searchable, paged), By ID or By Name. */
export function voiceLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>,
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Cartesia voice. Pick it from your voice library, paste its ID, or enter its name.',
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
			{
				displayName: 'By Name',
				name: BY_NAME_MODE,
				type: 'string',
				placeholder: 'e.g. Katie',
				hint: 'The whole name, in any case; it must name exactly one voice',
			},
		],
		...overrides,
	};
}
