/**
 * The four ways the node talks to Cartesia, as the fault tables run them through the engine: a JSON
 * answer (Voice → Get), a multipart upload (Transcription → Transcribe), an audio download
 * (Speech → Generate) and a server-sent event stream (Speech → Generate With Timestamps), plus the
 * Voice Changer's upload answered as a stream. Each knows its request, its input items and what a
 * whole success looks like.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { byId, runCartesia, type CartesiaRun, type RunCartesiaOptions } from '../helpers/cartesia';
import { parseWav } from '../helpers/wav';
import type { StandIn } from '../standin';

export const SPOKEN = 'Please call me back about the invoice';
export const TRANSCRIPT = 'Hello world, this is the evening edition.';

/**
 * A real 16 kHz mono 16-bit WAV: RIFF header, a LIST/INFO comment carrying the words (which the
 * stand-in reads back as the transcript) and `seconds` of silence.
 */
export function speechWav(text: string, seconds = 1): Buffer {
	const sampleRate = 16000;
	const comment = Buffer.from(`${text}\0`, 'utf8');
	const commentPadded = Buffer.concat([comment, Buffer.alloc(comment.length % 2)]);
	const info = Buffer.concat([Buffer.from('INFOICMT', 'latin1'), u32(comment.length), commentPadded]);
	const fmt = Buffer.alloc(16);
	fmt.writeUInt16LE(1, 0);
	fmt.writeUInt16LE(1, 2);
	fmt.writeUInt32LE(sampleRate, 4);
	fmt.writeUInt32LE(sampleRate * 2, 8);
	fmt.writeUInt16LE(2, 12);
	fmt.writeUInt16LE(16, 14);
	const samples = Buffer.alloc(seconds * sampleRate * 2);
	const chunks = [chunk('fmt ', fmt), chunk('LIST', info), chunk('data', samples)];
	const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
	return Buffer.concat([Buffer.from('RIFF', 'latin1'), u32(body.length), body]);
}

function u32(value: number): Buffer {
	const buffer = Buffer.alloc(4);
	buffer.writeUInt32LE(value, 0);
	return buffer;
}

function chunk(id: string, data: Buffer): Buffer {
	return Buffer.concat([Buffer.from(id, 'latin1'), u32(data.length), data]);
}

export const RECORDING = speechWav(SPOKEN, 4);

export const recordingItem = () => ({
	json: { caller: '+15550100' },
	binary: { data: { buffer: RECORDING, fileName: 'voicemail.wav', mimeType: 'audio/wav' } },
});

export type PathName = 'json' | 'upload' | 'download' | 'sse' | 'voiceChangerSse';

export interface FaultPath {
	name: PathName;
	/** How a table row names it. */
	label: string;
	/** The endpoint the fault is aimed at. */
	endpoint(standIn: StandIn): string;
	parameters(standIn: StandIn): Record<string, unknown>;
	items(): RunCartesiaOptions['items'];
	/** Whether the request carries the recording (and the stand-in records its size). */
	uploads: boolean;
	/** Checks that the one output item is the whole, right result. */
	expectSuccess(run: CartesiaRun): Promise<void>;
}

const voiceGet: FaultPath = {
	name: 'json',
	label: 'JSON (Voice → Get)',
	endpoint: (standIn) => `/voices/${standIn.voices()[3].id}`,
	parameters: (standIn) => ({ resource: 'voice', operation: 'get', voice: byId(standIn.voices()[3].id) }),
	items: () => [{ json: {} }],
	uploads: false,
	async expectSuccess(run) {
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: expect.any(String), name: expect.any(String) });
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	},
};

const transcribe: FaultPath = {
	name: 'upload',
	label: 'upload (Transcription → Transcribe)',
	endpoint: () => '/stt',
	parameters: () => ({ resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data', model: 'ink-whisper', language: 'en' }),
	items: () => [recordingItem()],
	uploads: true,
	async expectSuccess(run) {
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ caller: '+15550100', text: SPOKEN, language: 'en' });
	},
};

async function expectWav(run: CartesiaRun, item: INodeExecutionData): Promise<void> {
	const wav = parseWav(await run.result.readBinary(item, 'data'));
	expect(wav).toMatchObject({ formatCode: 1, sampleRate: 16000, riffSizeConsistent: true });
	expect(wav.dataBytes).toBeGreaterThan(8000);
}

const generate: FaultPath = {
	name: 'download',
	label: 'download (Speech → Generate)',
	endpoint: () => '/tts/bytes',
	parameters: (standIn) => ({
		resource: 'speech',
		operation: 'generate',
		transcript: TRANSCRIPT,
		model: 'sonic-3',
		voice: byId(standIn.voices()[0].id),
		language: 'en',
		outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 },
	}),
	items: () => [{ json: {} }],
	uploads: false,
	async expectSuccess(run) {
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].binary?.data).toMatchObject({ fileName: 'speech.wav', mimeType: 'audio/wav' });
		await expectWav(run, run.items[0]);
	},
};

const withTimestamps: FaultPath = {
	name: 'sse',
	label: 'SSE (Speech → Generate With Timestamps)',
	endpoint: () => '/tts/sse',
	parameters: (standIn) => ({
		resource: 'speech',
		operation: 'generateWithTimestamps',
		transcript: TRANSCRIPT,
		model: 'sonic-3',
		voice: byId(standIn.voices()[0].id),
		language: 'en',
		outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000 },
		wordTimestamps: true,
	}),
	items: () => [{ json: {} }],
	uploads: false,
	async expectSuccess(run) {
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		const words = run.items[0].json.words as Array<{ word: string }>;
		expect(words.map((word) => word.word).join(' ')).toBe(TRANSCRIPT);
		await expectWav(run, run.items[0]);
	},
};

const changeVoiceStream: FaultPath = {
	name: 'voiceChangerSse',
	label: 'SSE upload (Voice Changer → Change Voice (Stream))',
	endpoint: () => '/voice-changer/sse',
	parameters: (standIn) => ({
		resource: 'voiceChanger',
		operation: 'changeVoiceStream',
		binaryPropertyName: 'data',
		voice: byId(standIn.voices()[1].id),
		outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000 },
	}),
	items: () => [recordingItem()],
	uploads: true,
	async expectSuccess(run) {
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].binary?.data).toMatchObject({ fileName: 'changed-voice.wav', mimeType: 'audio/wav' });
		await expectWav(run, run.items[0]);
	},
};

export const PATHS: Record<PathName, FaultPath> = {
	json: voiceGet,
	upload: transcribe,
	download: generate,
	sse: withTimestamps,
	voiceChangerSse: changeVoiceStream,
};

/** The four paths every transport fault applies to. */
export const FOUR_PATHS: FaultPath[] = [voiceGet, transcribe, generate, withTimestamps];

/** Runs a path's operation with extra Request Options (and any other run options). */
export function runPath(
	standIn: StandIn,
	path: FaultPath,
	requestOptions: Record<string, unknown> = {},
	options: RunCartesiaOptions = {},
): Promise<CartesiaRun> {
	return runCartesia(standIn, { ...path.parameters(standIn), requestOptions }, { items: path.items(), ...options });
}

/** Every regular file under a folder (the binary store), with its size. */
export function filesUnder(dir: string | undefined): Array<{ path: string; size: number }> {
	if (!dir) return [];
	const found: Array<{ path: string; size: number }> = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile()) found.push({ path, size: statSync(path).size });
		}
	};
	walk(dir);
	return found;
}

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = Date.now();
	const value = await work();
	return { value, ms: Date.now() - started };
}
