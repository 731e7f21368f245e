import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dictionaryOutput, dictionaryPath, type PronunciationDictionary } from '../../helpers/pronunciationDictionary';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';
import { dictionaryProperty, readDictionary } from './shared';

const properties: INodeProperties[] = [dictionaryProperty];

export const description = updateDisplayOptions({ show: { resource: ['pronunciationDictionary'], operation: ['get'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const id = await readDictionary(this, itemIndex, client);
	const dictionary = await client.json<PronunciationDictionary>({ method: 'GET', path: dictionaryPath(id), retry: 'repeatable' });
	return pairedItems(dictionaryOutput(dictionary), itemIndex);
}
