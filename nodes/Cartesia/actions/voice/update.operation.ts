import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accentLocator } from '../../descriptions/accentLocator';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { readAccent } from '../../helpers/accent';
import { voiceOutput } from '../../helpers/voicePages';
import { assertVersionAccepts, inputError } from '../../helpers/validation';
import { readVoiceId } from '../../helpers/voiceName';
import type { CartesiaClient } from '../../transport';
import { apiPath } from '../../transport/path';
import { versionSupports } from '../../versions';
import { pairedItems } from '../output';

/** The Gender option that resets the voice's gender (Cartesia takes `null` for that). */
const CLEAR_GENDER = 'clear';

const properties: INodeProperties[] = [
	voiceLocator({ name: 'voice', displayName: 'Voice' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'With Cartesia-Version 2024-11-13, Name and Description are both required',
		options: [
			accentLocator({
				name: 'accent',
				displayName: 'Accent',
				description:
					'The accent the voice speaks with (Cartesia-Version 2025-11-04 and later; the node sends a display name up to 2026-03-01, a catalog ID from 2026-08-14). An accent is the regional way a language is spoken, e.g. British English or Mexican Spanish.',
			}),
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				default: 'feminine',
				description: 'Cartesia-Version 2025-04-16 and later',
				options: [
					{ name: 'Clear', value: CLEAR_GENDER, description: 'Remove the gender from the voice' },
					{ name: 'Feminine', value: 'feminine' },
					{ name: 'Gender Neutral', value: 'gender_neutral' },
					{ name: 'Masculine', value: 'masculine' },
				],
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['update'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const voiceId = await readVoiceId(this, itemIndex, client, 'voice', 'Voice');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as {
		accent?: unknown;
		description?: string;
		gender?: string;
		name?: string;
	};
	const name = fields.name?.trim() || undefined;
	const voiceDescription = fields.description?.trim() || undefined;
	if (fields.gender !== undefined) {
		assertVersionAccepts(this, itemIndex, client.apiVersion, 'voiceUpdateGender', 'Gender');
	}
	if (versionSupports(client.apiVersion, 'voiceUpdateRequiresNameAndDescription') && (!name || !voiceDescription)) {
		throw inputError(
			this,
			itemIndex,
			`Cartesia-Version ${client.apiVersion} needs both "Name" and "Description" to update a voice`,
			'Add both under Update Fields (repeat the current value to keep one).',
		);
	}
	const accent = readAccent(this, itemIndex, { value: fields.accent, displayName: 'Accent', version: client.apiVersion });
	const body = {
		name,
		description: voiceDescription,
		gender: fields.gender === undefined ? undefined : fields.gender === CLEAR_GENDER ? null : fields.gender,
		accent,
	};
	if (Object.values(body).every((value) => value === undefined)) {
		throw inputError(this, itemIndex, '"Update Fields" has nothing to update', 'Add at least one field under Update Fields.');
	}
	const voice = await client.json<IDataObject>({
		method: 'PATCH',
		path: apiPath('voices', voiceId),
		json: body,
		retry: 'repeatable',
	});
	return pairedItems(voiceOutput(voice), itemIndex);
}
