import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { voiceLocator } from '../../descriptions/voiceLocator';
import { requiredVoiceId } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { apiPath } from '../../transport/path';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [voiceLocator({ name: 'voice', displayName: 'Voice' })];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['delete'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const voiceId = requiredVoiceId(this, itemIndex, 'voice', 'Voice');
	// A resent delete whose first copy arrived would answer 404, so it is resent only if it cannot have arrived.
	await client.json({ method: 'DELETE', path: apiPath('voices', voiceId), retry: 'once' });
	return pairedItems({ deleted: true, id: voiceId }, itemIndex);
}
