import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dictionaryPath } from '../../helpers/pronunciationDictionary';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';
import { dictionaryProperty, readDictionary } from './shared';

const properties: INodeProperties[] = [dictionaryProperty];

export const description = updateDisplayOptions({ show: { resource: ['pronunciationDictionary'], operation: ['delete'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const id = await readDictionary(this, itemIndex, client);
	// A resent delete whose first copy arrived would answer 404, so it is resent only if it cannot have arrived.
	await client.json({ method: 'DELETE', path: dictionaryPath(id), retry: 'once' });
	return pairedItems({ deleted: true, id }, itemIndex);
}
