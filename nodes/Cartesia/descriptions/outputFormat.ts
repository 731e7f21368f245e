import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../helpers/validation';
import {
	CONTAINERS,
	MP3_BIT_RATES,
	RAW_ENCODINGS,
	SAMPLE_RATES,
	type Container,
	type OutputFormat,
	type RawEncoding,
} from '../catalog';

const ENCODING_NAMES: Record<RawEncoding, string> = {
	pcm_s16le: 'PCM 16-Bit Signed',
	pcm_f32le: 'PCM 32-Bit Float',
	pcm_mulaw: 'µ-Law 8-Bit',
	pcm_alaw: 'A-Law 8-Bit',
};

const encodingProperty = (show: Record<string, string[]>): INodeProperties => ({
	displayName: 'Encoding',
	name: 'encoding',
	type: 'options',
	default: 'pcm_s16le',
	options: RAW_ENCODINGS.map((encoding) => ({ name: ENCODING_NAMES[encoding], value: encoding })),
	description: 'How each sample is stored',
	displayOptions: { show },
});

const sampleRateProperty: INodeProperties = {
	displayName: 'Sample Rate',
	name: 'sampleRate',
	type: 'options',
	default: 44100,
	options: SAMPLE_RATES.map((rate) => ({ name: `${rate} Hz`, value: rate })),
};

/** Output format for operations that answer with a file (container raw, WAV or MP3). */
export const fileOutputFormatProperties: INodeProperties[] = [
	{
		displayName: 'Container',
		name: 'container',
		type: 'options',
		default: 'wav',
		options: [
			{ name: 'MP3', value: 'mp3' },
			{ name: 'Raw PCM', value: 'raw', description: 'Bare samples, saved as .pcm' },
			{ name: 'WAV', value: 'wav' },
		],
	},
	encodingProperty({ container: ['raw', 'wav'] }),
	sampleRateProperty,
	{
		displayName: 'Bit Rate',
		name: 'bitRate',
		type: 'options',
		default: 128000,
		options: MP3_BIT_RATES.map((rate) => ({ name: `${rate / 1000} Kbps`, value: rate })),
		displayOptions: { show: { container: ['mp3'] } },
	},
];

/** Output format for streamed (SSE) operations: Cartesia streams raw PCM only; WAV is wrapped here. */
export const streamOutputFormatProperties: INodeProperties[] = [
	{
		displayName: 'Container',
		name: 'container',
		type: 'options',
		default: 'raw',
		options: [{ name: 'Raw PCM', value: 'raw' }],
		description: 'Streams carry raw PCM only; turn on Wrap as WAV to receive a .wav file',
	},
	encodingProperty({}),
	sampleRateProperty,
	{
		displayName: 'Wrap as WAV',
		name: 'wrapAsWav',
		type: 'boolean',
		default: true,
		description: 'Whether to add a WAV header to the joined audio, so players open it; off gives bare .pcm',
	},
];

/**
 * Reads and checks the output format. `stream` operations accept raw only (a wav or mp3 container can
 * still arrive through an expression).
 */
export function readOutputFormat(
	context: IExecuteFunctions,
	itemIndex: number,
	mode: 'file' | 'stream',
	operationName: string,
): OutputFormat {
	const container = context.getNodeParameter('container', itemIndex) as string;
	if (!(CONTAINERS as readonly string[]).includes(container)) {
		throw inputError(context, itemIndex, `"Container" cannot be "${container}"`, 'Choose raw, wav or mp3.');
	}
	if (mode === 'stream' && container !== 'raw') {
		throw inputError(
			context,
			itemIndex,
			`${operationName} streams raw audio only, so "Container" cannot be "${container}"`,
			'Set Container to Raw PCM and turn on Wrap as WAV to receive a WAV file.',
		);
	}
	const sampleRate = Number(context.getNodeParameter('sampleRate', itemIndex));
	if (!(SAMPLE_RATES as readonly number[]).includes(sampleRate)) {
		throw inputError(
			context,
			itemIndex,
			`"Sample Rate" ${String(context.getNodeParameter('sampleRate', itemIndex))} is not accepted by Cartesia`,
			`Choose one of ${SAMPLE_RATES.join(', ')} Hz.`,
		);
	}
	if (container === 'mp3') {
		const bitRate = Number(context.getNodeParameter('bitRate', itemIndex, ''));
		if (!(MP3_BIT_RATES as readonly number[]).includes(bitRate)) {
			throw inputError(
				context,
				itemIndex,
				bitRate ? `"Bit Rate" ${bitRate} is not accepted by Cartesia` : '"Bit Rate" is required for MP3 output',
				`Choose one of ${MP3_BIT_RATES.join(', ')} bits per second.`,
			);
		}
		return { container, sample_rate: sampleRate, bit_rate: bitRate };
	}
	const encoding = context.getNodeParameter('encoding', itemIndex, '') as string;
	if (!(RAW_ENCODINGS as readonly string[]).includes(encoding)) {
		const format = container === 'wav' ? 'WAV' : 'raw';
		throw inputError(
			context,
			itemIndex,
			encoding ? `"Encoding" cannot be "${encoding}"` : `"Encoding" is required for ${format} output`,
			`Choose one of ${RAW_ENCODINGS.join(', ')}.`,
		);
	}
	return { container: container as Container, encoding: encoding as RawEncoding, sample_rate: sampleRate };
}
