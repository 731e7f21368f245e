import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { STT_ENCODINGS, STT_MODELS } from '../../descriptions/audioFormats';
import { inputBinaryProperty } from '../../descriptions/binaryData';
import { languageOptions } from '../../descriptions/languages';
import { modelProperties, readModel } from '../../descriptions/model';
import { binaryUpload } from '../../helpers/binary';
import { readLanguage } from '../../helpers/language';
import { buildCues, toSrt, toWebVtt, type TimedWord } from '../../helpers/subtitles';
import { inputError } from '../../helpers/validation';
import { allLanguages } from '../../languages';
import type { CartesiaClient } from '../../transport';

const properties: INodeProperties[] = [
	inputBinaryProperty({
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		hint: 'The name of the input binary field holding the audio (flac, m4a, mp3, mp4, ogg, wav, webm, or raw PCM)',
	}),
	...modelProperties(STT_MODELS, 'ink-whisper'),
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: languageOptions(allLanguages('stt')),
		default: 'en',
		description: 'The language spoken in the audio',
	},
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
			{
				displayName: 'Subtitles',
				name: 'subtitles',
				type: 'multiOptions',
				default: [],
				description: 'Captions built from the word timestamps: cues of up to 2 lines of 42 characters and 7 seconds',
				options: [
					{ name: 'SRT', value: 'srt' },
					{ name: 'WebVTT', value: 'vtt' },
				],
			},
			{
				displayName: 'Subtitles Output',
				name: 'subtitlesOutput',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'Text in JSON', value: 'json', description: 'As the srt and vtt fields of the item' },
					{ name: 'Binary Files', value: 'binary', description: 'As transcript.srt / transcript.vtt in binary fields srt and vtt' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['transcribe'] } },
	properties,
);

interface TranscribeOptions {
	keepInputData?: boolean;
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

const SUBTITLE_FILES = {
	srt: { render: toSrt, fileName: 'transcript.srt', mimeType: 'application/x-subrip' },
	vtt: { render: toWebVtt, fileName: 'transcript.vtt', mimeType: 'text/vtt' },
};

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
	const subtitles = (options.subtitles ?? []).filter((format): format is keyof typeof SUBTITLE_FILES => {
		if (format in SUBTITLE_FILES) return true;
		throw inputError(this, itemIndex, `"Subtitles" has an unknown format "${format}"`, 'Choose SRT or WebVTT.');
	});
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
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const file = await binaryUpload(this, itemIndex, binaryPropertyName, 'Input Binary Field', {
		rawPcm: hasEncoding,
		notAudioHint: 'For headerless PCM, set PCM Encoding and PCM Sample Rate under Options.',
	});

	const transcription = await client.json<Transcription>({
		method: 'POST',
		path: '/stt',
		// The API takes the PCM encoding and rate in the query string, not the form (reference 2.4).
		query: { encoding: options.pcmEncoding, sample_rate: options.pcmSampleRate },
		multipart: {
			file,
			model,
			language,
			timestamp_granularities: wordTimestamps || subtitles.length > 0 ? ['word'] : undefined,
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
	const binary: IBinaryKeyData = {};
	const cues = subtitles.length ? buildCues(words) : [];
	for (const format of subtitles) {
		const { render, fileName, mimeType } = SUBTITLE_FILES[format];
		const text = render(cues);
		if (options.subtitlesOutput === 'binary') {
			binary[format] = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, mimeType);
		} else {
			json[format] = text;
		}
	}
	const keepInputData = options.keepInputData ?? true;
	const input = this.getInputData()[itemIndex];
	const outputBinary = { ...(keepInputData ? input.binary : {}), ...binary };
	return [
		{
			json: { ...(keepInputData ? input.json : {}), ...json },
			...(Object.keys(outputBinary).length ? { binary: outputBinary } : {}),
			pairedItem: { item: itemIndex },
		},
	];
}
