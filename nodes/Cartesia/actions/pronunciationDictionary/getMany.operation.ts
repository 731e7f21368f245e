import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dictionaryOutput, dictionaryPages, type PronunciationDictionary } from '../../helpers/pronunciationDictionary';
import { assertVersionAccepts, inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['pronunciationDictionary'], operation: ['getMany'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	assertVersionAccepts(this, itemIndex, client.apiVersion, 'pronunciationDicts', 'Pronunciation Dictionary');
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw inputError(this, itemIndex, `"Limit" must be a whole number of at least 1, not ${limit}`);
	}
	const dictionaries: PronunciationDictionary[] = [];
	for await (const page of dictionaryPages(client, { max: limit })) dictionaries.push(...page.dictionaries);
	return pairedItems(dictionaries.map(dictionaryOutput), itemIndex);
}
