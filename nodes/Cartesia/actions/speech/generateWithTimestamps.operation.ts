import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { audioOutputOptions, outputBinaryProperty } from '../../descriptions/binaryData';
import { readOutputFormat, readWrapAsWav, streamOutputFormatProperty } from '../../descriptions/outputFormat';
import { requestStreamedAudio } from '../../helpers/audioOutput';
import type { CartesiaClient } from '../../transport';
import { generateContinuously } from './continuous';
import { continuousLongTextProperty, readLongText } from './longText';
import { readSpeechRequest, speechGenerationProperty, speechInputProperties, speechSent, transcriptOfAnyLength } from './shared';

const properties: INodeProperties[] = [
	...speechInputProperties.map(transcriptOfAnyLength),
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
	continuousLongTextProperty,
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
					'An ID Cartesia echoes back with the stream, to match results to requests. Not sent for long text, whose narration names its own contexts.',
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
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['speech'], operation: ['generateWithTimestamps'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const outputFormat = readOutputFormat(this, itemIndex, 'stream');
	const body = await readSpeechRequest(this, itemIndex, client, outputFormat);
	const wordTimestamps = this.getNodeParameter('wordTimestamps', itemIndex, true) as boolean;
	const phonemeTimestamps = this.getNodeParameter('phonemeTimestamps', itemIndex, false) as boolean;
	const wrapAsWav = readWrapAsWav(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		contextId?: string;
		normalizedTimestamps?: boolean;
	};
	// Long text is one continuous narration on the WebSocket: Cartesia streams PCM, stored raw or as WAV.
	const fileFormat = { ...outputFormat, container: wrapAsWav ? 'wav' : 'raw' } as const;
	const longText = readLongText(this, itemIndex, String(body.transcript), fileFormat);
	if (longText) {
		return await generateContinuously(this, itemIndex, client, {
			body,
			format: fileFormat,
			sent: speechSent(body),
			parts: longText.parts,
			pauseSeconds: longText.pauseSeconds,
			timestamps: { words: wordTimestamps, phonemes: phonemeTimestamps, normalized: options.normalizedTimestamps },
		});
	}
	return await requestStreamedAudio(this, itemIndex, client, {
		request: {
			method: 'POST',
			path: '/tts/sse',
			json: {
				...body,
				add_timestamps: wordTimestamps || undefined,
				add_phoneme_timestamps: phonemeTimestamps || undefined,
				use_normalized_timestamps: options.normalizedTimestamps,
				context_id: options.contextId?.trim() || undefined,
			},
			retry: 'repeatable',
		},
		format: outputFormat,
		wrapAsWav,
		defaultFileName: 'speech',
		sent: speechSent(body),
		resultJson: (streamed) => ({
			...(wordTimestamps ? { words: streamed.words } : {}),
			...(phonemeTimestamps ? { phonemes: streamed.phonemes } : {}),
			...(streamed.contextId ? { contextId: streamed.contextId } : {}),
		}),
		resultKeys: ['words', 'phonemes', 'contextId'],
	});
}
