import { pipeline, Readable } from 'node:stream';

import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Container, OutputFormat } from '../catalog';
import type { CartesiaClient, CartesiaRequest } from '../transport';
import { AUDIO_FILE_TYPES, wrapPcmAsWav } from './audio';
import { AudioMeter, measureAudio, pcmSeconds, roundSeconds, type AudioMeasure } from './audioMeter';
import { collectStreamedAudio, type StreamedTimings } from './streamedAudio';
import { inputError } from './validation';

export interface AudioOutputSettings {
	property: string;
	fileName?: string;
	keepInputData: boolean;
}

/** Reads the output field and the File Name / Keep Input Data options of an audio operation. */
export function readAudioOutputSettings(context: IExecuteFunctions, itemIndex: number): AudioOutputSettings {
	const property = String(context.getNodeParameter('binaryPropertyOutput', itemIndex, 'data')).trim();
	if (!property) {
		throw inputError(context, itemIndex, '"Put Output File in Field" is empty', 'Name the binary field for the audio, e.g. data.');
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as { fileName?: string; keepInputData?: boolean };
	return { property, fileName: options.fileName?.trim() || undefined, keepInputData: options.keepInputData ?? true };
}

/**
 * What every audio result says besides the file, so the next node need not read the audio. The names
 * are fixed: other operations (and the narration issue) return the same fields.
 */
export interface AudioSummary {
	/** Seconds of audio, to the millisecond; null when the file does not say. */
	durationSeconds: number | null;
	/** Size of the file stored in n8n. */
	bytes: number;
	/** Characters of text sent to Cartesia (Unicode code points); 0 when no text was sent. */
	characters: number;
	/** The model that made the audio; null when the operation has none (Voice Changer). */
	model: string | null;
	voiceId: string;
}

export const AUDIO_SUMMARY_FIELDS = ['durationSeconds', 'bytes', 'characters', 'model', 'voiceId'] as const;

/** What was sent to make the audio: the request half of the summary. */
export type AudioSent = Pick<AudioSummary, 'characters' | 'model' | 'voiceId'>;

/** Characters as Cartesia counts them: Unicode code points, so an emoji is one, not two. */
export function countCharacters(text: string): number {
	// UTF-16 units less one per surrogate pair (as iterating by code point counts), without building an array.
	let count = text.length;
	for (let index = 0; index < text.length - 1; index++) {
		const unit = text.charCodeAt(index);
		if (unit < 0xd800 || unit > 0xdbff) continue;
		const next = text.charCodeAt(index + 1);
		if (next >= 0xdc00 && next <= 0xdfff) {
			count--;
			index++;
		}
	}
	return count;
}

export function audioSummary(measured: AudioMeasure, sent: AudioSent): AudioSummary {
	return {
		durationSeconds: measured.durationSeconds,
		bytes: measured.bytes,
		characters: sent.characters,
		model: sent.model,
		voiceId: sent.voiceId,
	};
}

/** The JSON keys an audio result owns: an input field of the same name is dropped, never mixed in. */
const FORMAT_FIELDS = ['container', 'encoding', 'sampleRate', 'bitRate'];
/** What an audio file's JSON owns when the result adds nothing of its own (most items): built once. */
const AUDIO_FILE_KEYS: readonly string[] = [...FORMAT_FIELDS, ...AUDIO_SUMMARY_FIELDS];

/** The keys an audio result owns: the audio file's, and any the result adds (captions, a narration's parts). */
function audioResultKeys(extraKeys: readonly string[]): readonly string[] {
	return extraKeys.length ? [...AUDIO_FILE_KEYS, ...extraKeys] : AUDIO_FILE_KEYS;
}

/**
 * The output item's JSON: the input's (when kept) without any field the result owns, then the result.
 * A key the result owns but leaves out this time (an MP3 has no `encoding`) is not taken from upstream.
 */
export function mergeJson(input: IDataObject | undefined, result: IDataObject, ownedKeys: readonly string[]): IDataObject {
	const merged: IDataObject = {};
	if (input) {
		for (const key of Object.keys(input)) if (!ownedKeys.includes(key)) merged[key] = input[key];
	}
	return Object.assign(merged, result);
}

/** `<name>.<extension>`, whatever audio extension the user may have typed. */
export function audioFileName(name: string, container: Container): string {
	const base = name.replace(/\.(wav|wave|mp3|pcm|raw)$/i, '');
	return `${base}.${AUDIO_FILE_TYPES[container].extension}`;
}

/** The format facts a workflow needs to use the file, above all for bare PCM. */
export function formatJson(format: OutputFormat): IDataObject {
	return {
		container: format.container,
		...(format.encoding ? { encoding: format.encoding } : {}),
		sampleRate: format.sample_rate,
		...(format.bit_rate ? { bitRate: format.bit_rate } : {}),
	};
}

/**
 * One output item holding the audio (and any files that go with it, captions say). A stream goes into
 * n8n's binary store as it arrives (to disk in filesystem mode); `json` is called once it is stored,
 * so it can say what the file held. The input item's JSON and binaries stay unless Keep Input Data is
 * off; input fields the result owns are dropped.
 */
async function audioItem(
	context: IExecuteFunctions,
	itemIndex: number,
	audio: { data: Readable | Buffer; fileName: string; mimeType: string },
	json: () => IDataObject,
	ownedKeys: readonly string[],
	settings: AudioOutputSettings,
	extraBinary: IBinaryKeyData = {},
): Promise<INodeExecutionData> {
	const input = context.getInputData()[itemIndex];
	const binaryData = await context.helpers.prepareBinaryData(audio.data, audio.fileName, audio.mimeType);
	return {
		json: mergeJson(settings.keepInputData ? input.json : undefined, json(), ownedKeys),
		binary: { ...(settings.keepInputData ? input.binary : {}), ...extraBinary, [settings.property]: binaryData },
		pairedItem: { item: itemIndex },
	};
}

export interface AudioRequest {
	request: CartesiaRequest;
	format: OutputFormat;
	/** The file's name when the user gives none; the extension follows the format. */
	defaultFileName: string;
	/** What was sent, for the summary. */
	sent: AudioSent;
}

export interface AudioStream {
	data: Readable;
	format: OutputFormat;
	/** The file's name when the user gives none; the extension follows the format. */
	defaultFileName: string;
	/** What was sent, for the summary. */
	sent: AudioSent;
	/** Fields the result adds to the summary (a narration's `parts` and `mode`). */
	extraJson?: IDataObject;
	/** Files that go with the audio (captions), by binary field. */
	extraBinary?: IBinaryKeyData;
	/** JSON keys the result owns even when this run leaves them out (words not asked for, say). */
	resultKeys?: readonly string[];
}

/**
 * Audio up to this size is read whole and stored as one Buffer. n8n's in-memory store (its default
 * outside queue mode) reads a stream into a Buffer anyway, and for the short clips most items are, a
 * stream through a meter costs more CPU than the bytes themselves; larger files always stream.
 */
export const SMALL_AUDIO_BYTES = 1024 * 1024;

/**
 * `data` whole, when it ends within `limit` bytes; else one stream of all of it (what was read, then
 * the rest as it comes), so that a large file is never held. Read with `data` events rather than an
 * async iterator: most answers are one or two chunks, and an iterator costs more than reading them.
 */
export function wholeIfSmall(data: Readable, limit: number): Promise<Buffer | Readable> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		// The first outcome settles it. The listeners then stay, doing nothing: removing four per item
		// costs more than they do.
		let settled = false;
		const settle =
			<A extends unknown[]>(outcome: (...args: A) => void) =>
			(...args: A) => {
				if (settled) return;
				settled = true;
				outcome(...args);
			};
		const becomeStream = settle(() => {
			data.off('data', onData);
			data.pause();
			resolve(
				Readable.from(
					(async function* () {
						yield* chunks.splice(0);
						yield* data;
					})(),
				),
			);
		});
		function onData(chunk: Buffer) {
			if (settled) return;
			chunks.push(chunk);
			size += chunk.length;
			if (size > limit) becomeStream();
		}
		data.on('data', onData);
		data.once('end', settle(() => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))));
		data.once('error', settle(reject));
		// Destroyed without an error (and without its end): what an async iterator reports as a premature close.
		data.once('close', settle(() => reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))));
	});
}

/**
 * Stores an audio stream as the item's file, and the JSON says what it held. A short file is read
 * whole and measured (wholeIfSmall); a longer one flows through a meter straight into n8n's binary
 * store. A stream that fails midway fails the item.
 */
export async function storeAudioStream(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: AudioOutputSettings,
	{ data, format, defaultFileName, sent, extraJson = {}, extraBinary, resultKeys = [] }: AudioStream,
): Promise<INodeExecutionData> {
	const fileName = audioFileName(settings.fileName ?? defaultFileName, format.container);
	const ownedKeys = audioResultKeys([...Object.keys(extraJson), ...resultKeys]);
	let source: Buffer | Readable | undefined;
	try {
		source = await wholeIfSmall(data, SMALL_AUDIO_BYTES);
	} finally {
		// A read that failed leaves the source half read: let go of it (and of its connection).
		if (source === undefined) data.destroy();
	}
	if (Buffer.isBuffer(source)) {
		const whole = source;
		return await audioItem(
			context,
			itemIndex,
			{ data: whole, fileName, mimeType: AUDIO_FILE_TYPES[format.container].mimeType },
			() => ({ ...formatJson(format), ...audioSummary(measureAudio(format, whole), sent), ...extraJson }),
			ownedKeys,
			settings,
			extraBinary,
		);
	}
	return await storeMetered(context, itemIndex, settings, { stream: source, original: data, format, fileName, sent, extraJson, extraBinary, ownedKeys });
}

/** A large file: through a meter straight into n8n's binary store. */
async function storeMetered(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: AudioOutputSettings,
	{
		stream,
		original,
		format,
		fileName,
		sent,
		extraJson,
		extraBinary,
		ownedKeys,
	}: { stream: Readable; original: Readable; format: OutputFormat; fileName: string; sent: AudioSent; extraJson: IDataObject; extraBinary?: IBinaryKeyData; ownedKeys: readonly string[] },
): Promise<INodeExecutionData> {
	const meter = new AudioMeter(format);
	// pipeline hands a broken source's error to the meter, and so to the store reading from it.
	pipeline(stream, meter, () => undefined);
	let stored = false;
	try {
		const item = await audioItem(
			context,
			itemIndex,
			{ data: meter, fileName, mimeType: AUDIO_FILE_TYPES[format.container].mimeType },
			() => ({ ...formatJson(format), ...audioSummary(meter.measure(), sent), ...extraJson }),
			ownedKeys,
			settings,
			extraBinary,
		);
		stored = true;
		return item;
	} finally {
		// A store that failed leaves the source unread: let go of it (and of its connection).
		if (!stored) {
			// Both: the stream of what was read ahead, and the response it goes on reading.
			stream.destroy();
			original.destroy();
			meter.destroy();
		}
	}
}

/**
 * Sends a request whose answer is an audio file and returns the output item. The response streams
 * through a meter straight into n8n's binary store; a connection that breaks mid-file fails the item.
 */
export async function requestAudioFile(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	{ request, format, defaultFileName, sent }: AudioRequest,
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const response = await client.stream(request);
	try {
		return [await storeAudioStream(context, itemIndex, settings, { data: response.body, format, defaultFileName, sent })];
	} catch (error) {
		throw client.streamError(error);
	}
}

/** What an operation makes of a stream's timestamps: fields for the JSON, files (captions). */
export interface StreamedResult {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

export interface StreamedAudioRequest extends AudioRequest {
	wrapAsWav: boolean;
	/** What the stream carried besides audio (timestamps), for the item, and the JSON keys it may use. */
	result?: (streamed: StreamedTimings) => Promise<StreamedResult>;
	resultKeys?: readonly string[];
}

/**
 * Sends an SSE request, joins its audio chunks and returns the output item with the file (raw PCM, or
 * wrapped as WAV) and whatever the stream carried besides. Nothing is stored unless the stream
 * reached its end: a stream that fails midway fails the item.
 */
export async function requestStreamedAudio(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	{ request, format, defaultFileName, sent, wrapAsWav, result = async () => ({ json: {} }), resultKeys = [] }: StreamedAudioRequest,
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const streamed = await collectStreamedAudio(client.events(request));
	const extra = await result(streamed);
	const encoding = format.encoding ?? 'pcm_s16le';
	const container: Container = wrapAsWav ? 'wav' : 'raw';
	const data = wrapAsWav ? wrapPcmAsWav(streamed.pcm, encoding, format.sample_rate) : streamed.pcm;
	const measured: AudioMeasure = {
		bytes: data.length,
		durationSeconds: roundSeconds(pcmSeconds(streamed.pcm.length, encoding, format.sample_rate)),
	};
	const item = await audioItem(
		context,
		itemIndex,
		{ data, fileName: audioFileName(settings.fileName ?? defaultFileName, container), mimeType: AUDIO_FILE_TYPES[container].mimeType },
		() => ({
			...formatJson({ container, encoding, sample_rate: format.sample_rate }),
			...audioSummary(measured, sent),
			...extra.json,
		}),
		audioResultKeys(resultKeys),
		settings,
		extra.binary,
	);
	return [item];
}
