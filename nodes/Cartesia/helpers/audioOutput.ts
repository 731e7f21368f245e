import type { Readable } from 'node:stream';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Container, OutputFormat } from '../catalog';
import type { CartesiaClient, CartesiaRequest } from '../transport';
import { AUDIO_FILE_TYPES, wrapPcmAsWav } from './audio';
import { collectStreamedAudio, type StreamedAudio } from './streamedAudio';
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
 * One output item holding the audio. A stream goes into n8n's binary store as it arrives (to disk in
 * filesystem mode). The input item's JSON and binaries stay unless Keep Input Data is off; result keys
 * win over input keys of the same name.
 */
export async function audioItem(
	context: IExecuteFunctions,
	itemIndex: number,
	audio: { data: Readable | Buffer; fileName: string; mimeType: string },
	json: IDataObject,
	settings: AudioOutputSettings,
): Promise<INodeExecutionData> {
	const input = context.getInputData()[itemIndex];
	const binaryData = await context.helpers.prepareBinaryData(audio.data, audio.fileName, audio.mimeType);
	return {
		json: { ...(settings.keepInputData ? input.json : {}), ...json },
		binary: { ...(settings.keepInputData ? input.binary : {}), [settings.property]: binaryData },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Sends a request whose answer is an audio file and returns the output item. The response streams
 * straight into n8n's binary store; a connection that breaks mid-file fails the item.
 */
export async function requestAudioFile(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	request: CartesiaRequest,
	format: OutputFormat,
	defaultFileName: string,
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const response = await client.stream(request);
	const fileName = audioFileName(settings.fileName ?? defaultFileName, format.container);
	try {
		const item = await audioItem(
			context,
			itemIndex,
			{ data: response.body, fileName, mimeType: AUDIO_FILE_TYPES[format.container].mimeType },
			formatJson(format),
			settings,
		);
		return [item];
	} catch (error) {
		response.body.destroy();
		throw client.streamError(error);
	}
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
	request: CartesiaRequest,
	format: OutputFormat,
	wrapAsWav: boolean,
	defaultFileName: string,
	resultJson: (streamed: StreamedAudio) => IDataObject = () => ({}),
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const streamed = await collectStreamedAudio(client.events(request));
	const encoding = format.encoding ?? 'pcm_s16le';
	const container: Container = wrapAsWav ? 'wav' : 'raw';
	const data = wrapAsWav ? wrapPcmAsWav(streamed.pcm, encoding, format.sample_rate) : streamed.pcm;
	const item = await audioItem(
		context,
		itemIndex,
		{ data, fileName: audioFileName(settings.fileName ?? defaultFileName, container), mimeType: AUDIO_FILE_TYPES[container].mimeType },
		{ ...formatJson({ container, encoding, sample_rate: format.sample_rate }), ...resultJson(streamed) },
		settings,
	);
	return [item];
}
