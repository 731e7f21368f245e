import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LOCALIZABLE_ACCENT_IDS } from '../../accents';
import { ACCENT_MEANING } from '../../descriptions/accentLocator';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { readAccent } from '../../helpers/accent';
import { voiceOutput } from '../../helpers/voicePages';
import { assertVersionAccepts, inputError } from '../../helpers/validation';
import { readVoiceId } from '../../helpers/voiceName';
import type { CartesiaClient } from '../../transport';
import { apiPath } from '../../transport/path';
import { pairedItems } from '../output';

/** "Up to 10 accents in total, including native" (JS4 4.1.0 `VoiceAddAccentsParams`). */
const MAX_ACCENTS = 10;

const properties: INodeProperties[] = [
	voiceLocator({
		name: 'voice',
		displayName: 'Voice',
		description: 'One of your instant voice clones; it must already have an accent of its own (set one with Update)',
	}),
	{
		displayName: 'Accents',
		name: 'accents',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. british, parisian',
		description: `The accents the voice should also speak, as catalog IDs separated by commas (see Voice → List Accents, Localizable Only). ${ACCENT_MEANING} A voice speaks at most ${MAX_ACCENTS} accents, its own included.`,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['addAccents'] } }, properties);

/** `PATCH /voices/{id}/accents` with `{accents: [...]}` (docs/wire-format.md §7.7); Cartesia answers the voice. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const version = client.apiVersion;
	assertVersionAccepts(this, itemIndex, version, 'voiceAccents', 'Voice → Add Accents');
	const voiceId = await readVoiceId(this, itemIndex, client, 'voice', 'Voice');
	const raw = this.getNodeParameter('accents', itemIndex, '') as unknown;
	const inputs = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
		.map((text) => text.trim())
		.filter(Boolean);
	if (inputs.length === 0) {
		throw inputError(this, itemIndex, '"Accents" is empty', 'Enter at least one accent ID, e.g. british.');
	}
	const accents = [
		...new Set(inputs.map((input) => readAccent(this, itemIndex, { value: input, displayName: 'Accents', version, localizable: true }) as string)),
	];
	const unknown = accents.find((id) => !LOCALIZABLE_ACCENT_IDS.includes(id));
	if (unknown !== undefined) {
		throw inputError(
			this,
			itemIndex,
			`"Accents" cannot hold "${unknown}": Cartesia cannot add that accent to a voice`,
			`Choose from: ${LOCALIZABLE_ACCENT_IDS.join(', ')}.`,
		);
	}
	if (accents.length >= MAX_ACCENTS) {
		throw inputError(this, itemIndex, `"Accents" lists ${accents.length} accents; a voice speaks at most ${MAX_ACCENTS}, its own included`);
	}
	const voice = await client.json<IDataObject>({
		method: 'PATCH',
		path: apiPath('voices', voiceId, 'accents'),
		json: { accents },
		retry: 'repeatable',
	});
	return pairedItems(voiceOutput(voice), itemIndex);
}
