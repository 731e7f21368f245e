import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readResultLimit, returnAllProperties } from '../../descriptions/returnAll';
import { dictionaryOutput, dictionaryPages, type PronunciationDictionary } from '../../helpers/pronunciationDictionary';
import { assertVersionAccepts } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	...returnAllProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['pronunciationDictionary'], operation: ['getMany'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	assertVersionAccepts(this, itemIndex, client.apiVersion, 'pronunciationDicts', 'Pronunciation Dictionary');
	const limit = readResultLimit(this, itemIndex);
	const dictionaries: PronunciationDictionary[] = [];
	for await (const page of dictionaryPages(client, { max: limit })) dictionaries.push(...page.dictionaries);
	return pairedItems(dictionaries.map(dictionaryOutput), itemIndex);
}
