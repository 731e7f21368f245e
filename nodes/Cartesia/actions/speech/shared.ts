import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	capitalize,
	GENERATION_EMOTIONS,
	GENERATION_SPEED,
	GENERATION_VOLUME,
	LEGACY_SPEEDS,
	PRIMARY_EMOTIONS,
	type OutputFormat,
} from '../../catalog';
import { dictionaryLocator } from '../../descriptions/dictionaryLocator';
import { languageLocator } from '../../descriptions/languages';
import { modelProperties, readModel } from '../../descriptions/model';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { countCharacters, type AudioSent } from '../../helpers/audioOutput';
import { readLanguageOrLocale, readNormalization } from '../../helpers/language';
import { readDictionaryId } from '../../helpers/pronunciationDictionary';
import { BYTES_PART_CHARACTERS } from '../../helpers/textParts';
import { ttsVoice, ttsVoiceId } from '../../helpers/ttsVoice';
import { assertVersionAccepts, inputError, requiredText } from '../../helpers/validation';
import { readVoiceId } from '../../helpers/voiceName';
import type { CartesiaClient } from '../../transport';

/** What to say, how, and in which voice: shared by Speech → Generate and Generate With Timestamps. */
export const speechInputProperties: INodeProperties[] = [
	{
		displayName: 'Transcript',
		name: 'transcript',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Welcome to the morning briefing.',
		description: `The text to speak, of any length: a text longer than ${BYTES_PART_CHARACTERS.toLocaleString('en')} characters is split into parts whose audio is joined into one file. Inline tags such as &lt;break time="1s"/&gt; work with Sonic 3.`,
	},
	...modelProperties('tts', 'sonic-3'),
	voiceLocator({ name: 'voice', displayName: 'Voice' }),
	languageLocator('tts', {
		defaultCode: 'en',
		displayName: 'Language or Locale',
		codePlaceholder: 'e.g. en, or en-GB for British English',
		description:
			'The language of the transcript (en), or a locale: a language with a region (en-GB, Cartesia-Version 2026-08-14 and later). Sonic 2 and Sonic Turbo speak fewer languages than Sonic 3.',
	}),
];

/** Optional voice settings: `generation_config` (Sonic 3) and the older top-level fields. */
export const speechGenerationProperty: INodeProperties = {
	displayName: 'Generation Settings',
	name: 'generation',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: [
		{
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 10,
			description: 'The longest audio to generate; speech may be cut off (Cartesia-Version up to 2025-04-16)',
		},
		{
			displayName: 'Emotion',
			name: 'emotion',
			type: 'options',
			default: 'neutral',
			description: 'The emotion to speak with (Sonic 3). Neutral, Angry, Excited, Content, Sad and Scared work best.',
			options: GENERATION_EMOTIONS.map((emotion) => ({
				name: capitalize(emotion),
				value: emotion,
				...(PRIMARY_EMOTIONS.includes(emotion) ? { description: 'Works best' } : {}),
			})),
		},
		{
			displayName: 'Legacy Speed',
			name: 'legacySpeed',
			type: 'options',
			default: 'normal',
			description: 'The deprecated top-level speed for older models; prefer Speed',
			options: LEGACY_SPEEDS.map((speed) => ({ name: capitalize(speed), value: speed })),
		},
		{
			displayName: 'Normalization',
			name: 'normalization',
			type: 'string',
			default: 'auto',
			placeholder: 'e.g. auto, off or en-IN',
			description:
				'How numbers, dates and symbols are read: auto (follow the language), off, or a locale whose conventions to use, e.g. en-IN (Cartesia-Version 2026-08-14 and later)',
		},
		// Named pronunciationDictId since it was a plain ID field: workflows that saved one still read (as By ID).
		dictionaryLocator({
			name: 'pronunciationDictId',
			displayName: 'Pronunciation Dictionary',
			description:
				'A pronunciation dictionary of yours to apply to this generation (Sonic 3 and newer; Cartesia-Version 2025-04-16 and later)',
		}),
		{
			displayName: 'Speed',
			name: 'speed',
			type: 'number',
			typeOptions: { minValue: GENERATION_SPEED.min, maxValue: GENERATION_SPEED.max, numberPrecision: 2 },
			default: 1,
			description: 'Speaking rate, 0.6 to 1.5 (Sonic 3)',
		},
		{
			displayName: 'Volume',
			name: 'volume',
			type: 'number',
			typeOptions: { minValue: GENERATION_VOLUME.min, maxValue: GENERATION_VOLUME.max, numberPrecision: 2 },
			default: 1,
			description: 'Loudness, 0.5 to 2 (Sonic 3)',
		},
	],
};

interface GenerationSettings {
	duration?: number;
	emotion?: string;
	legacySpeed?: string;
	normalization?: string;
	/** A picker value, or a bare ID saved before the field became a picker. */
	pronunciationDictId?: unknown;
	speed?: number;
	volume?: number;
}

function inRange(
	context: IExecuteFunctions,
	itemIndex: number,
	value: number | undefined,
	range: { min: number; max: number },
	displayName: string,
): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !(value >= range.min && value <= range.max)) {
		throw inputError(context, itemIndex, `"${displayName}" must be from ${range.min} to ${range.max}, not ${String(value)}`);
	}
	return value;
}

/** What a TTS body sends, as the audio summary reports it. */
export function speechSent(body: IDataObject): AudioSent {
	return {
		characters: countCharacters(String(body.transcript)),
		model: String(body.model_id),
		voiceId: ttsVoiceId(body.voice),
	};
}

/** The JSON body both TTS endpoints share (docs/wire-format.md §2.5), checked before anything is sent. */
export async function readSpeechRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	outputFormat: OutputFormat,
): Promise<IDataObject> {
	const version = client.apiVersion;
	const transcript = requiredText(context, itemIndex, 'transcript', 'Transcript');
	const modelId = readModel(context, itemIndex);
	const voiceId = await readVoiceId(context, itemIndex, client, 'voice', 'Voice');
	const { language, locale } = readLanguageOrLocale(context, itemIndex, { name: 'language', displayName: 'Language or Locale', version });
	const settings = context.getNodeParameter('generation', itemIndex, {}) as GenerationSettings;

	const volume = inRange(context, itemIndex, settings.volume, GENERATION_VOLUME, 'Volume');
	const speed = inRange(context, itemIndex, settings.speed, GENERATION_SPEED, 'Speed');
	if (settings.emotion !== undefined && !(GENERATION_EMOTIONS as readonly string[]).includes(settings.emotion)) {
		throw inputError(
			context,
			itemIndex,
			`"Emotion" has an unknown value "${settings.emotion}"`,
			`Cartesia knows these emotions: ${GENERATION_EMOTIONS.join(', ')}.`,
		);
	}
	if (settings.legacySpeed !== undefined && !(LEGACY_SPEEDS as readonly string[]).includes(settings.legacySpeed)) {
		throw inputError(context, itemIndex, `"Legacy Speed" must be slow, normal or fast, not "${settings.legacySpeed}"`);
	}
	if (settings.duration !== undefined) {
		assertVersionAccepts(context, itemIndex, version, 'ttsDuration', 'Duration (Seconds)');
		if (!(settings.duration > 0)) {
			throw inputError(context, itemIndex, `"Duration (Seconds)" must be above 0, not ${String(settings.duration)}`);
		}
	}
	const normalization = readNormalization(context, itemIndex, settings.normalization, version);
	const pronunciationDictId = readDictionaryId(context, itemIndex, {
		value: settings.pronunciationDictId,
		displayName: 'Pronunciation Dictionary',
		version,
		required: false,
	});
	const generationConfig = { volume, speed, emotion: settings.emotion };
	return {
		model_id: modelId,
		transcript,
		voice: ttsVoice(version, voiceId),
		output_format: outputFormat,
		language,
		locale,
		normalization,
		generation_config: Object.values(generationConfig).some((value) => value !== undefined) ? generationConfig : undefined,
		speed: settings.legacySpeed,
		duration: settings.duration,
		pronunciation_dict_id: pronunciationDictId,
	};
}
