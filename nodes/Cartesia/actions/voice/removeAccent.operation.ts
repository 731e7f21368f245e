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
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	voiceLocator({ name: 'voice', displayName: 'Voice', description: 'One of your instant voice clones' }),
	accentLocator({
		name: 'accent',
		displayName: 'Accent',
		required: true,
		localizable: true,
		description: 'The added accent the voice should no longer speak, e.g. british',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['removeAccent'] } }, properties);

/** `DELETE /voices/{id}/accents/{accent_id}` (docs/wire-format.md §7.7); Cartesia answers the voice. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const version = client.apiVersion;
	assertVersionAccepts(this, itemIndex, version, 'voiceAccents', 'Voice → Remove Accent');
	const voiceId = await readVoiceId(this, itemIndex, client, 'voice', 'Voice');
	const accent = readAccent(this, itemIndex, { value: this.getNodeParameter('accent', itemIndex, ''), displayName: 'Accent', version });
	if (accent === undefined) throw inputError(this, itemIndex, '"Accent" is empty', 'Choose the accent to remove.');
	const voice = await client.json<IDataObject>({
		method: 'DELETE',
		path: apiPath('voices', voiceId, 'accents', accent),
		retry: 'repeatable',
	});
	return pairedItems(voiceOutput(voice), itemIndex);
}
