import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DICTIONARIES_PATH, dictionaryOutput, type PronunciationDictionary } from '../../helpers/pronunciationDictionary';
import { assertVersionAccepts, requiredText } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';
import { entriesProperty, readEntries } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Brand names',
	},
	entriesProperty({
		name: 'entries',
		displayName: 'Entries',
		description: 'What to say differently: each text is replaced by its pronunciation before speaking',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['pronunciationDictionary'], operation: ['create'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	assertVersionAccepts(this, itemIndex, client.apiVersion, 'pronunciationDicts', 'Pronunciation Dictionary');
	const name = requiredText(this, itemIndex, 'name', 'Name');
	const items = readEntries(this, itemIndex, client, { name: 'entries', displayName: 'Entries' });
	const options = this.getNodeParameter('options', itemIndex, {}) as { description?: string };
	const dictionary = await client.json<PronunciationDictionary>({
		method: 'POST',
		path: DICTIONARIES_PATH,
		json: { name, description: options.description?.trim() || undefined, items },
		// A resent create whose first copy arrived would make a second dictionary.
		retry: 'once',
	});
	return pairedItems(dictionaryOutput(dictionary), itemIndex);
}
