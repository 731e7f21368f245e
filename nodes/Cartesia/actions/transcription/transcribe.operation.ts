import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { STT_ENCODINGS } from '../../catalog';
import { AUDIO_INPUT, audioInputProperties, maxDownloadSizeOption } from '../../descriptions/audioSource';
import { languageLocator } from '../../descriptions/languages';
import { modelProperties, readModel } from '../../descriptions/model';
import { mergeJson } from '../../helpers/audioOutput';
import { audioUpload } from '../../helpers/audioSource';
import { readLanguage } from '../../helpers/language';
import { readSubtitleSettings, renderSubtitles, subtitleOptions } from '../../helpers/subtitleOutput';
import type { TimedWord } from '../../helpers/subtitles';
import { inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';

const properties: INodeProperties[] = [
	...audioInputProperties(AUDIO_INPUT, {
		binaryField: {
			hint: 'The name of the input binary field holding the audio (flac, m4a, mp3, mp4, ogg, wav, webm, or raw PCM)',
		},
		urlHint: 'The http:// or https:// address of the recording, e.g. a call recording or a podcast episode',
	}),
	...modelProperties('stt', 'ink-whisper'),
	languageLocator('stt', { defaultCode: 'en', description: 'The language spoken in the audio' }),
	{
		displayName: 'Word Timestamps',
		name: 'wordTimestamps',
		type: 'boolean',
		default: false,
		description: 'Whether to return when each word starts and ends, as words: [{ word, start, end }] in seconds',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Keep Input Data',
				name: 'keepInputData',
				type: 'boolean',
				default: true,
				description: "Whether to keep the input item's JSON and binary fields (the audio) on the output item",
			},
			maxDownloadSizeOption,
			{
				displayName: 'PCM Encoding',
				name: 'pcmEncoding',
				type: 'options',
				default: 'pcm_s16le',
				description: 'For headerless (raw) PCM only: how the samples are stored. Needs PCM Sample Rate.',
				options: STT_ENCODINGS.map((encoding) => ({ name: encoding, value: encoding })),
			},
			{
				displayName: 'PCM Sample Rate',
				name: 'pcmSampleRate',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 16000,
				description: 'For headerless (raw) PCM only: samples per second. Needs PCM Encoding.',
			},
			...subtitleOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['transcribe'] } },
	properties,
);

/**
 * The JSON fields a transcription owns. With Keep Input Data on, an input field of one of these names
 * is dropped, even when this run leaves the field out (no words asked for, say): the item never
 * carries an upstream `text` or `words` that reads as this transcription's.
 */
export const TRANSCRIPTION_FIELDS = ['text', 'language', 'duration', 'words', 'srt', 'vtt'] as const;

interface TranscribeOptions {
	keepInputData?: boolean;
	maxDownloadSize?: number;
	pcmEncoding?: string;
	pcmSampleRate?: number;
	subtitles?: string[];
	subtitlesOutput?: string;
}

interface Transcription extends IDataObject {
	text?: string;
	language?: string | null;
	duration?: number | null;
	words?: TimedWord[];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const model = readModel(this, itemIndex);
	const language = readLanguage(this, itemIndex, {
		name: 'language',
		displayName: 'Language',
		use: 'stt',
		version: client.apiVersion,
		required: true,
	});
	const wordTimestamps = this.getNodeParameter('wordTimestamps', itemIndex, false) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as TranscribeOptions;
	const subtitles = readSubtitleSettings(this, itemIndex, options);
	const hasEncoding = options.pcmEncoding !== undefined;
	const hasSampleRate = options.pcmSampleRate !== undefined;
	if (hasEncoding !== hasSampleRate) {
		throw inputError(
			this,
			itemIndex,
			`"${hasEncoding ? 'PCM Sample Rate' : 'PCM Encoding'}" is required with "${hasEncoding ? 'PCM Encoding' : 'PCM Sample Rate'}"`,
			'Raw PCM needs both its encoding and its sample rate; for files with a header (WAV, MP3…) set neither.',
		);
	}
	if (hasEncoding && !(STT_ENCODINGS as readonly string[]).includes(options.pcmEncoding!)) {
		throw inputError(this, itemIndex, `"PCM Encoding" cannot be "${options.pcmEncoding}"`, `Choose one of ${STT_ENCODINGS.join(', ')}.`);
	}
	if (hasSampleRate && !(Number.isInteger(options.pcmSampleRate) && options.pcmSampleRate! > 0)) {
		throw inputError(this, itemIndex, `"PCM Sample Rate" must be a whole number of Hz, not ${String(options.pcmSampleRate)}`);
	}
	const file = await audioUpload(this, itemIndex, client, AUDIO_INPUT, {
		rawPcm: hasEncoding,
		notAudioHint: 'For headerless PCM, set PCM Encoding and PCM Sample Rate under Options.',
	});

	const transcription = await client.json<Transcription>({
		method: 'POST',
		path: '/stt',
		// The API takes the PCM encoding and rate in the query string, not the form (docs/wire-format.md §2.4).
		query: { encoding: options.pcmEncoding, sample_rate: options.pcmSampleRate },
		multipart: {
			file,
			model,
			language,
			timestamp_granularities: wordTimestamps || subtitles.formats.length > 0 ? ['word'] : undefined,
		},
		retry: 'repeatable',
	});

	const words = transcription.words ?? [];
	const json: IDataObject = {
		text: transcription.text ?? '',
		language: transcription.language ?? null,
		duration: transcription.duration ?? null,
		...(wordTimestamps ? { words } : {}),
	};
	const captions = await renderSubtitles(this, words, subtitles);
	Object.assign(json, captions.json);
	const binary = captions.binary;
	const keepInputData = options.keepInputData ?? true;
	const input = this.getInputData()[itemIndex];
	const outputBinary = { ...(keepInputData ? input.binary : {}), ...binary };
	return [
		{
			json: mergeJson(keepInputData ? input.json : undefined, json, TRANSCRIPTION_FIELDS),
			...(Object.keys(outputBinary).length ? { binary: outputBinary } : {}),
			pairedItem: { item: itemIndex },
		},
	];
}
