import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { languageOptions } from '../../descriptions/languages';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { readLanguage } from '../../helpers/language';
import { inputError, requiredText, requiredVoiceId } from '../../helpers/validation';
import { allLanguages, LOCALIZE_DIALECTS, languageName } from '../../languages';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

/** One Dialect parameter per language that has dialects, shown only when that language is chosen. */
function dialectParameterName(language: string): string {
	return `dialect_${language}`;
}

const dialectProperties: INodeProperties[] = Object.entries(LOCALIZE_DIALECTS).map(([language, dialects]) => ({
	displayName: 'Dialect',
	name: dialectParameterName(language),
	type: 'options',
	default: '',
	description: `The ${languageName(language)} dialect of the new voice`,
	options: [{ name: 'Default', value: '' }, ...dialects],
	displayOptions: { show: { language: [language] } },
}));

const properties: INodeProperties[] = [
	voiceLocator({ name: 'voice', displayName: 'Voice', description: 'The voice to localize' }),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Narrator (Spanish)',
		description: 'Name of the new, localized voice',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Our narrator, speaking Mexican Spanish',
	},
	{
		displayName: 'Target Language',
		name: 'language',
		type: 'options',
		options: languageOptions(allLanguages('localize')),
		default: 'es',
		description:
			'The language the new voice speaks. Arabic, Hebrew, Tamil, Telugu and Thai need Cartesia-Version 2025-11-04 or later.',
	},
	...dialectProperties,
	{
		displayName: 'Original Speaker Gender',
		name: 'originalSpeakerGender',
		type: 'options',
		default: 'female',
		options: [
			{ name: 'Female', value: 'female' },
			{ name: 'Male', value: 'male' },
		],
		description: 'The gender of the speaker in the voice being localized',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['localize'] } }, properties);

/** A dialect parameter's value, trimmed and lower-cased; empty means Cartesia's default. */
function dialectValue(context: IExecuteFunctions, itemIndex: number, language: string): string {
	return String(context.getNodeParameter(dialectParameterName(language), itemIndex, '') ?? '')
		.trim()
		.toLowerCase();
}

/**
 * The dialect for the target language. With the language from an expression every Dialect field
 * shows; one set for a language without dialects would be dropped, so the item fails instead.
 */
function readDialect(context: IExecuteFunctions, itemIndex: number, language: string): string | undefined {
	const dialects = LOCALIZE_DIALECTS[language];
	if (!dialects) {
		const setFor = Object.keys(LOCALIZE_DIALECTS).find((other) => dialectValue(context, itemIndex, other) !== '');
		if (setFor === undefined) return undefined;
		throw inputError(
			context,
			itemIndex,
			`"Dialect" is set ("${dialectValue(context, itemIndex, setFor)}"), but ${languageName(language)} has no dialects`,
			`Cartesia has dialects only for ${Object.keys(LOCALIZE_DIALECTS).map(languageName).join(', ')}. Clear "Dialect", or make it empty for other target languages.`,
		);
	}
	const dialect = dialectValue(context, itemIndex, language);
	if (!dialect) return undefined;
	if (!dialects.some((known) => known.value === dialect)) {
		throw inputError(
			context,
			itemIndex,
			`"Dialect" cannot be "${dialect}" for ${languageName(language)}`,
			`Choose one of: ${dialects.map((known) => known.value).join(', ')}.`,
		);
	}
	return dialect;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const voiceId = requiredVoiceId(this, itemIndex, 'voice', 'Voice');
	const name = requiredText(this, itemIndex, 'name', 'Name');
	const voiceDescription = requiredText(this, itemIndex, 'description', 'Description');
	const language = readLanguage(this, itemIndex, {
		name: 'language',
		displayName: 'Target Language',
		use: 'localize',
		version: client.apiVersion,
		required: true,
	});
	const gender = requiredText(this, itemIndex, 'originalSpeakerGender', 'Original Speaker Gender');
	if (gender !== 'male' && gender !== 'female') {
		throw inputError(this, itemIndex, `"Original Speaker Gender" must be "male" or "female", not "${gender}"`);
	}
	const dialect = readDialect(this, itemIndex, language);
	const voice = await client.json<IDataObject>({
		method: 'POST',
		path: '/voices/localize',
		json: {
			voice_id: voiceId,
			name,
			description: voiceDescription,
			language,
			original_speaker_gender: gender,
			dialect,
		},
		retry: 'once',
	});
	return pairedItems(voice, itemIndex);
}
