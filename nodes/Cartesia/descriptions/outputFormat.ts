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

const encodingProperty = (displayOptions?: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Encoding',
	name: 'encoding',
	type: 'options',
	default: 'pcm_s16le',
	options: RAW_ENCODINGS.map((encoding) => ({ name: ENCODING_NAMES[encoding], value: encoding })),
	description: 'How each sample is stored',
	...(displayOptions ? { displayOptions } : {}),
});

const sampleRateProperty: INodeProperties = {
	displayName: 'Sample Rate',
	name: 'sampleRate',
	type: 'options',
	default: 44100,
	options: SAMPLE_RATES.map((rate) => ({ name: `${rate} Hz`, value: rate })),
};

/** What a file operation returns when the user changes nothing: small, and plays everywhere. */
export const DEFAULT_FILE_FORMAT = { container: 'mp3', encoding: 'pcm_s16le', sampleRate: 44100, bitRate: 128000 } as const;

/** What a streamed (SSE) operation returns by default: Cartesia streams raw PCM, wrapped here as WAV. */
export const DEFAULT_STREAM_FORMAT = { encoding: 'pcm_s16le', sampleRate: 44100, wrapAsWav: true } as const;

/**
 * Output format for operations that answer with a file (MP3, WAV or raw PCM), as one group. The
 * default names every field, so the group opens filled in; Encoding shows for WAV and raw, Bit Rate
 * for MP3 (displayOptions inside a collection read its sibling Container).
 */
export const fileOutputFormatProperty: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'collection',
	placeholder: 'Add Format Field',
	default: { ...DEFAULT_FILE_FORMAT },
	description: 'MP3 at 44.1 kHz and 128 kbps unless changed here',
	options: [
		{
			displayName: 'Bit Rate',
			name: 'bitRate',
			type: 'options',
			default: 128000,
			options: MP3_BIT_RATES.map((rate) => ({ name: `${rate / 1000} Kbps`, value: rate })),
			displayOptions: { show: { container: ['mp3'] } },
		},
		{
			displayName: 'Container',
			name: 'container',
			type: 'options',
			default: 'mp3',
			options: [
				{ name: 'MP3', value: 'mp3' },
				{ name: 'Raw PCM', value: 'raw', description: 'Bare samples, saved as .pcm' },
				{ name: 'WAV', value: 'wav' },
			],
		},
		encodingProperty({ show: { container: ['raw', 'wav'] } }),
		sampleRateProperty,
	],
};

/** Output format for streamed (SSE) operations: Cartesia streams raw PCM only; WAV is wrapped here. */
export const streamOutputFormatProperty: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'collection',
	placeholder: 'Add Format Field',
	default: { ...DEFAULT_STREAM_FORMAT },
	description: 'Streams carry raw PCM only: 16-bit at 44.1 kHz, wrapped as WAV, unless changed here',
	options: [
		encodingProperty(),
		sampleRateProperty,
		{
			displayName: 'Wrap as WAV',
			name: 'wrapAsWav',
			type: 'boolean',
			default: true,
			description: 'Whether to add a WAV header to the joined audio, so players open it; off gives bare .pcm',
		},
	],
};

interface OutputFormatValues {
	container?: unknown;
	encoding?: unknown;
	sampleRate?: unknown;
	bitRate?: unknown;
	wrapAsWav?: unknown;
}

function readValues(context: IExecuteFunctions, itemIndex: number): OutputFormatValues {
	const values = context.getNodeParameter('outputFormat', itemIndex, {}) as OutputFormatValues | null;
	return values && typeof values === 'object' ? values : {};
}

/** Whether a streamed operation wraps its PCM as WAV (Output Format → Wrap as WAV, on by default). */
export function readWrapAsWav(context: IExecuteFunctions, itemIndex: number): boolean {
	const { wrapAsWav } = readValues(context, itemIndex);
	if (wrapAsWav === undefined) return DEFAULT_STREAM_FORMAT.wrapAsWav;
	if (typeof wrapAsWav !== 'boolean') {
		throw inputError(context, itemIndex, `"Wrap as WAV" must be true or false, not ${JSON.stringify(wrapAsWav)}`);
	}
	return wrapAsWav;
}

/**
 * Reads and checks the Output Format group; a field left out takes its default. `stream` operations
 * have no Container: Cartesia streams raw PCM.
 */
export function readOutputFormat(
	context: IExecuteFunctions,
	itemIndex: number,
	mode: 'file' | 'stream',
): OutputFormat {
	const values = readValues(context, itemIndex);
	const container = mode === 'stream' ? 'raw' : String(values.container ?? DEFAULT_FILE_FORMAT.container);
	if (!(CONTAINERS as readonly string[]).includes(container)) {
		throw inputError(context, itemIndex, `"Container" cannot be "${container}"`, 'Choose raw, wav or mp3.');
	}
	const sampleRate = Number(values.sampleRate ?? DEFAULT_FILE_FORMAT.sampleRate);
	if (!(SAMPLE_RATES as readonly number[]).includes(sampleRate)) {
		throw inputError(
			context,
			itemIndex,
			`"Sample Rate" ${String(values.sampleRate)} is not accepted by Cartesia`,
			`Choose one of ${SAMPLE_RATES.join(', ')} Hz.`,
		);
	}
	if (container === 'mp3') {
		const bitRate = Number(values.bitRate ?? DEFAULT_FILE_FORMAT.bitRate);
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
	const encoding = String(values.encoding ?? DEFAULT_FILE_FORMAT.encoding);
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
