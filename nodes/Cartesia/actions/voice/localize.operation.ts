import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ACCENT_MEANING, accentLocator } from '../../descriptions/accentLocator';
import { languageLocator } from '../../descriptions/languages';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { readAccent } from '../../helpers/accent';
import { readLanguage } from '../../helpers/language';
import { assertVersionAccepts, inputError, requiredText } from '../../helpers/validation';
import { readVoiceId } from '../../helpers/voiceName';
import { voiceOutput } from '../../helpers/voicePages';
import { LOCALIZE_DIALECTS, languageName } from '../../languages';
import type { CartesiaClient } from '../../transport';
import { versionSupports } from '../../versions';
import { pairedItems } from '../output';

/** "At most 32 characters" (JS4 `Voice.tagline`). */
const MAX_TAGLINE = 32;

/** Said by the fields that only versions up to 2026-03-01 send. */
const UP_TO_2026_03_01 = 'Sent up to Cartesia-Version 2026-03-01; 2026-08-14 localizes by Accent instead.';

/** One Dialect parameter per language that has dialects, shown only when that language is chosen. */
function dialectParameterName(language: string): string {
	return `dialect_${language}`;
}

const dialectProperties: INodeProperties[] = Object.entries(LOCALIZE_DIALECTS).map(([language, dialects]) => ({
	displayName: 'Dialect',
	name: dialectParameterName(language),
	type: 'options',
	default: '',
	description: `The ${languageName(language)} dialect of the new voice (sent up to Cartesia-Version 2026-03-01; 2026-08-14 localizes by Accent instead)`,
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
	accentLocator({
		name: 'accent',
		displayName: 'Accent',
		localizable: true,
		description: `The accent the new voice speaks, e.g. mexican (Mexican Spanish). ${ACCENT_MEANING} Required from Cartesia-Version 2026-08-14, where it alone sets the new voice's language; optional on 2025-11-04 and 2026-03-01.`,
	}),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. Our narrator, speaking Mexican Spanish',
		description: 'Required up to Cartesia-Version 2026-03-01, optional from 2026-08-14',
	},
	{
		displayName: 'Tagline',
		name: 'tagline',
		type: 'string',
		default: '',
		placeholder: 'e.g. Warm Mexican narrator',
		description: `A few words describing the new voice, at most ${MAX_TAGLINE} characters (Cartesia-Version 2026-08-14 and later)`,
	},
	languageLocator('localize', {
		defaultCode: 'es',
		displayName: 'Target Language',
		description: `The language the new voice speaks. Arabic, Hebrew, Tamil, Telugu and Thai need Cartesia-Version 2025-11-04 or later. ${UP_TO_2026_03_01}`,
	}),
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
		description: 'The gender of the speaker in the voice being localized (sent up to Cartesia-Version 2026-03-01; 2026-08-14 localizes by Accent instead)',
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

/** The tagline (2026-08-14): trimmed, at most 32 characters; empty means "not set". */
function readTagline(context: IExecuteFunctions, itemIndex: number, client: CartesiaClient): string | undefined {
	const tagline = String(context.getNodeParameter('tagline', itemIndex, '') ?? '').trim();
	if (!tagline) return undefined;
	assertVersionAccepts(context, itemIndex, client.apiVersion, 'voiceTagline', 'Tagline');
	if ([...tagline].length > MAX_TAGLINE) {
		throw inputError(context, itemIndex, `"Tagline" has ${[...tagline].length} characters; Cartesia takes at most ${MAX_TAGLINE}`);
	}
	return tagline;
}

/**
 * `POST /voices/localize` (docs/wire-format.md §2.12, §7.2). From 2026-08-14 the accent decides the new
 * voice's language: the body is `voice_id, name, accent` plus an optional description and tagline. Up to
 * 2026-03-01 it is the target language, speaker gender, description and dialect (plus an optional accent
 * display name on 2025-11-04 and 2026-03-01).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const version = client.apiVersion;
	const voiceId = await readVoiceId(this, itemIndex, client, 'voice', 'Voice');
	const name = requiredText(this, itemIndex, 'name', 'Name');
	const byAccent = versionSupports(version, 'localizeByAccent');
	const accent = readAccent(this, itemIndex, {
		value: this.getNodeParameter('accent', itemIndex, ''),
		displayName: 'Accent',
		version,
		localizable: byAccent,
	});
	const tagline = readTagline(this, itemIndex, client);
	let body: IDataObject;
	if (byAccent) {
		if (accent === undefined) {
			throw inputError(
				this,
				itemIndex,
				`"Accent" is required to localize a voice with Cartesia-Version ${version}`,
				`Choose the accent the new voice speaks, e.g. mexican for Mexican Spanish. ${ACCENT_MEANING}`,
			);
		}
		const setDialect = Object.keys(LOCALIZE_DIALECTS).find((language) => dialectValue(this, itemIndex, language) !== '');
		if (setDialect !== undefined) assertVersionAccepts(this, itemIndex, version, 'localizeByLanguage', 'Dialect');
		const voiceDescription = String(this.getNodeParameter('description', itemIndex, '') ?? '').trim();
		body = { voice_id: voiceId, name, accent, description: voiceDescription || undefined, tagline };
	} else {
		const voiceDescription = requiredText(this, itemIndex, 'description', 'Description');
		const language = readLanguage(this, itemIndex, {
			name: 'language',
			displayName: 'Target Language',
			use: 'localize',
			version,
			required: true,
		});
		const gender = requiredText(this, itemIndex, 'originalSpeakerGender', 'Original Speaker Gender');
		if (gender !== 'male' && gender !== 'female') {
			throw inputError(this, itemIndex, `"Original Speaker Gender" must be "male" or "female", not "${gender}"`);
		}
		body = {
			voice_id: voiceId,
			name,
			description: voiceDescription,
			language,
			original_speaker_gender: gender,
			dialect: readDialect(this, itemIndex, language),
			accent,
		};
	}
	const voice = await client.json<IDataObject>({ method: 'POST', path: '/voices/localize', json: body, retry: 'once' });
	return pairedItems(voiceOutput(voice), itemIndex);
}
