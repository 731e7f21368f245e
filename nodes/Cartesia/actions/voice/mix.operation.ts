import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { retiredOperationNotice } from '../../descriptions/notices';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { assertVersionAccepts, assertVoiceId, inputError, locatorValue } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	retiredOperationNotice('Voice → Mix'),
	{
		displayName: 'Voices',
		name: 'voices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, minRequiredFields: 2 },
		default: {},
		required: true,
		placeholder: 'Add Voice',
		description: 'Two or more voices and their weights; weights that do not add up to 1 are scaled',
		options: [
			{
				displayName: 'Voice',
				name: 'voice',
				values: [
					voiceLocator({ name: 'voice', displayName: 'Voice' }),
					{
						displayName: 'Weight',
						name: 'weight',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0.5,
						description: 'How much of this voice goes into the mix',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['mix'] } }, properties);

interface MixEntry {
	voice?: unknown;
	weight?: number;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	assertVersionAccepts(this, itemIndex, client.apiVersion, 'voiceMix', 'Voice → Mix');
	const entries = (this.getNodeParameter('voices.voice', itemIndex, []) as MixEntry[]) ?? [];
	const voices = entries.map((entry, position) => {
		const id = locatorValue(entry.voice);
		const weight = entry.weight;
		if (!id) throw inputError(this, itemIndex, `"Voices" entry ${position + 1} has no voice`);
		assertVoiceId(this, itemIndex, id, 'Voices', `"Voices" entry ${position + 1}`);
		if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
			throw inputError(this, itemIndex, `"Voices" entry ${position + 1} needs a weight of 0 or more`);
		}
		return { id, weight };
	});
	if (voices.length < 2) {
		throw inputError(this, itemIndex, `"Voices" needs at least two voices to mix, got ${voices.length}`);
	}
	if (voices.every((voice) => voice.weight === 0)) {
		throw inputError(this, itemIndex, '"Voices" weights are all 0', 'Give at least one voice a weight above 0.');
	}
	const result = await client.json<IDataObject>({
		method: 'POST',
		path: '/voices/mix',
		json: { voices },
		retry: 'once',
	});
	return pairedItems(result, itemIndex);
}
