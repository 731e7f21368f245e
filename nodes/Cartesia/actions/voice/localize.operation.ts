import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	LOCALIZE_DIALECTS,
	LOCALIZE_EXTRA_LANGUAGES,
	LOCALIZE_LANGUAGES,
	languageName,
	languageOptions,
} from '../../descriptions/languages';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { assertVersionAccepts, inputError, requiredText, requiredVoiceId } from '../../helpers/validation';
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
		options: languageOptions([...LOCALIZE_LANGUAGES, ...LOCALIZE_EXTRA_LANGUAGES]),
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const voiceId = requiredVoiceId(this, itemIndex, 'voice', 'Voice');
	const name = requiredText(this, itemIndex, 'name', 'Name');
	const voiceDescription = requiredText(this, itemIndex, 'description', 'Description');
	const language = requiredText(this, itemIndex, 'language', 'Target Language');
	if (LOCALIZE_EXTRA_LANGUAGES.includes(language)) {
		assertVersionAccepts(this, itemIndex, client.apiVersion, 'localizeExtraLanguages', `Target Language: ${languageName(language)}`);
	} else if (!LOCALIZE_LANGUAGES.includes(language)) {
		throw inputError(
			this,
			itemIndex,
			`"Target Language" cannot be "${language}"`,
			`Cartesia localizes into: ${[...LOCALIZE_LANGUAGES, ...LOCALIZE_EXTRA_LANGUAGES].join(', ')}.`,
		);
	}
	const gender = requiredText(this, itemIndex, 'originalSpeakerGender', 'Original Speaker Gender');
	if (gender !== 'male' && gender !== 'female') {
		throw inputError(this, itemIndex, `"Original Speaker Gender" must be "male" or "female", not "${gender}"`);
	}
	const dialects = LOCALIZE_DIALECTS[language];
	const dialect = dialects
		? (this.getNodeParameter(dialectParameterName(language), itemIndex, '') as string) || undefined
		: undefined;
	if (dialect && !dialects.some((known) => known.value === dialect)) {
		throw inputError(
			this,
			itemIndex,
			`"Dialect" cannot be "${dialect}" for ${languageName(language)}`,
			`Choose one of: ${dialects.map((known) => known.value).join(', ')}.`,
		);
	}
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
