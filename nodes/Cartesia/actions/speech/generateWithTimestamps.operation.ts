import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { audioOutputOptions, outputBinaryProperty } from '../../descriptions/binaryData';
import { readOutputFormat, readWrapAsWav, streamOutputFormatProperty } from '../../descriptions/outputFormat';
import { requestStreamedAudio, type StreamedResult } from '../../helpers/audioOutput';
import type { StreamedTimings } from '../../helpers/streamedAudio';
import { readSubtitleSettings, renderSubtitles, subtitleProperties } from '../../helpers/subtitleOutput';
import type { CartesiaClient } from '../../transport';
import { generateContinuously } from './continuous';
import { longTextProperty, readLongText } from './longText';
import { readSpeechRequest, speechGenerationProperty, speechInputProperties, speechSent } from './shared';
import { generateWithTimestampsInParallelParts } from './timestampedParts';

/** Caption files are named like the audio by default: speech.srt beside speech.wav (always, whatever the audio's File Name). */
const CAPTIONS_BASE_NAME = 'speech';

const properties: INodeProperties[] = [
	...speechInputProperties,
	streamOutputFormatProperty,
	{
		displayName: 'Word Timestamps',
		name: 'wordTimestamps',
		type: 'boolean',
		default: true,
		description: 'Whether to return when each word starts and ends, as words: [{ word, start, end }] in seconds',
	},
	{
		displayName: 'Phoneme Timestamps',
		name: 'phonemeTimestamps',
		type: 'boolean',
		default: false,
		description: 'Whether to return when each phoneme starts and ends, as phonemes: [{ phoneme, start, end }]',
	},
	outputBinaryProperty,
	speechGenerationProperty,
	longTextProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Context ID',
				name: 'contextId',
				type: 'string',
				default: '',
				placeholder: 'e.g. chapter-3',
				description:
					'An ID Cartesia echoes back with the stream, to match results to requests. Not sent for long text, whose parts are requests (or contexts) of their own.',
			},
			...audioOutputOptions,
			{
				displayName: 'Normalized Timestamps',
				name: 'normalizedTimestamps',
				type: 'boolean',
				default: false,
				description:
					'Whether timestamps follow the normalized text (numbers spelled out, for instance) rather than the transcript as written',
			},
			// Captions need word timings: they are asked of Cartesia even with Word Timestamps off (then only the captions are returned).
			...subtitleProperties(CAPTIONS_BASE_NAME, 'the word timestamps (asked for even when Word Timestamps is off)'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['speech'], operation: ['generateWithTimestamps'] } },
	properties,
);

/** The JSON fields the timings and captions own (dropped from the input item even when left out). */
const TIMESTAMP_FIELDS = ['words', 'phonemes', 'contextId', 'srt', 'vtt'] as const;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const outputFormat = readOutputFormat(this, itemIndex, 'stream');
	const wordTimestamps = this.getNodeParameter('wordTimestamps', itemIndex, true) as boolean;
	const phonemeTimestamps = this.getNodeParameter('phonemeTimestamps', itemIndex, false) as boolean;
	const wrapAsWav = readWrapAsWav(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		contextId?: string;
		normalizedTimestamps?: boolean;
		subtitles?: string[];
		subtitlesOutput?: string;
	};
	// Checked before the speech request is read: a voice given by name is looked up with a request.
	const captions = readSubtitleSettings(this, itemIndex, options);
	const body = await readSpeechRequest(this, itemIndex, client, outputFormat);
	const fileFormat = { ...outputFormat, container: wrapAsWav ? 'wav' : 'raw' } as const;
	const longText = readLongText(this, itemIndex, String(body.transcript), fileFormat, client.ttsWindow);
	const sseBody: IDataObject = {
		...body,
		add_timestamps: wordTimestamps || captions.formats.length > 0 || undefined,
		add_phoneme_timestamps: phonemeTimestamps || undefined,
		use_normalized_timestamps: options.normalizedTimestamps,
		context_id: options.contextId?.trim() || undefined,
	};
	const result = async (timings: StreamedTimings): Promise<StreamedResult> => {
		const rendered = await renderSubtitles(this, timings.words, captions, CAPTIONS_BASE_NAME);
		return {
			json: {
				...(wordTimestamps ? { words: timings.words } : {}),
				...(phonemeTimestamps ? { phonemes: timings.phonemes } : {}),
				...(timings.contextId ? { contextId: timings.contextId } : {}),
				...rendered.json,
			},
			binary: rendered.binary,
		};
	};
	// Long text: the node names its own contexts, and a user's Context ID is not sent.
	if (longText?.mode === 'continuous') {
		return await generateContinuously(this, itemIndex, client, {
			body,
			format: fileFormat,
			sent: speechSent(body),
			...longText,
			timestamps: {
				words: Boolean(sseBody.add_timestamps),
				phonemes: phonemeTimestamps,
				normalized: options.normalizedTimestamps,
				result,
				resultKeys: TIMESTAMP_FIELDS,
			},
		});
	}
	if (longText) {
		return await generateWithTimestampsInParallelParts(this, itemIndex, client, {
			// Whether Cartesia takes one context ID on concurrent requests is not known: parts send none.
			body: { ...sseBody, context_id: undefined },
			format: outputFormat,
			wrapAsWav,
			sent: speechSent(body),
			...longText,
			result,
			resultKeys: TIMESTAMP_FIELDS,
		});
	}
	return await requestStreamedAudio(this, itemIndex, client, {
		request: { method: 'POST', path: '/tts/sse', json: sseBody, retry: 'repeatable' },
		format: outputFormat,
		wrapAsWav,
		defaultFileName: 'speech',
		sent: speechSent(body),
		result,
		resultKeys: TIMESTAMP_FIELDS,
	});
}
