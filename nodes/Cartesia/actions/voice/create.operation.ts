import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { languageOptions } from '../../descriptions/languages';
import { retiredOperationNotice } from '../../descriptions/notices';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { readLanguage } from '../../helpers/language';
import { assertVersionAccepts, inputError, optionalVoiceId, requiredText } from '../../helpers/validation';
import { allLanguages } from '../../languages';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

/** Cartesia voice embeddings have 192 dimensions (docs/wire-format.md §2.13, §2.14). */
const EMBEDDING_SIZE = 192;

const properties: INodeProperties[] = [
	retiredOperationNotice('Voice → Create'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Calm narrator',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. A warm voice for bedtime stories',
	},
	{
		displayName: 'Embedding',
		name: 'embedding',
		type: 'json',
		default: '[]',
		required: true,
		description: 'The voice embedding: an array of 192 numbers, as Voice → Mix returns',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			voiceLocator({
				name: 'baseVoice',
				displayName: 'Base Voice',
				required: false,
				description: 'The voice this one derives from',
			}),
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: languageOptions(allLanguages('tts')),
				default: 'en',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['create'] } }, properties);

/** The embedding parameter may arrive as JSON text or, from an expression, as an array. */
export function readEmbedding(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	displayName: string,
): number[] {
	let value = raw;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			throw inputError(context, itemIndex, `"${displayName}" is not valid JSON`, 'Give an array of 192 numbers.');
		}
	}
	if (
		!Array.isArray(value) ||
		value.length !== EMBEDDING_SIZE ||
		!value.every((entry) => typeof entry === 'number' && Number.isFinite(entry))
	) {
		const got = Array.isArray(value) ? `an array of ${value.length} entries` : typeof value;
		throw inputError(
			context,
			itemIndex,
			`"${displayName}" must be an array of ${EMBEDDING_SIZE} numbers, got ${got}`,
		);
	}
	return value as number[];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	assertVersionAccepts(this, itemIndex, client.apiVersion, 'voiceCreate', 'Voice → Create');
	const name = requiredText(this, itemIndex, 'name', 'Name');
	const voiceDescription = requiredText(this, itemIndex, 'description', 'Description');
	const embedding = readEmbedding(this, itemIndex, this.getNodeParameter('embedding', itemIndex), 'Embedding');
	const options = this.getNodeParameter('options', itemIndex, {}) as { baseVoice?: unknown };
	const language = readLanguage(this, itemIndex, {
		name: 'options.language',
		displayName: 'Language',
		use: 'tts',
		version: client.apiVersion,
		required: false,
	});
	const baseVoiceId = optionalVoiceId(this, itemIndex, options.baseVoice, 'Base Voice');
	const voice = await client.json<IDataObject>({
		method: 'POST',
		path: '/voices',
		json: {
			name,
			description: voiceDescription,
			embedding,
			language,
			base_voice_id: baseVoiceId,
		},
		retry: 'once',
	});
	return pairedItems(voice, itemIndex);
}
