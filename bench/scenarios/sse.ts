/**
 * 4. SSE: how fast our reader (`readServerSentEvents`) plus `CartesiaClient.events` (JSON per event,
 * error/done checks) takes a long stream of chunk events, beside a bare undici reader that only splits
 * frames; and how long after the stand-in hands its first chunk to the socket each holds it.
 *
 * Throughput runs against a replay server in the stand-in's process that sends one recorded stand-in
 * answer (the stand-in itself generates audio far slower than a client can parse it, which would make
 * both readers measure the stand-in). Both readers use the undici copy installed with our package.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';

import type { INode } from 'n8n-workflow';

import type { CartesiaClient as CartesiaClientType, CartesiaRequest } from '../../nodes/Cartesia/transport';
import type { readServerSentEvents as ReadServerSentEvents } from '../../nodes/Cartesia/transport/sse';
import type { BenchContext } from '../lib/context';
import { figure, fmt, interleavedRounds, log, measure, rotate, roundRatio, summarize } from '../lib/stats';
import { API_VERSION } from '../lib/workflows';

const SCENARIO = '4. SSE';
const MB = 1024 * 1024;
// Short reads (about 50 ms each), many of them in turns: a stretch of load on this shared machine then hits both readers.
const STREAM_AUDIO_BYTES = 16 * MB;
const CHUNK = 64 * 1024;
const MEMORY_PASSES = 4;

type Readable2 = Readable & { text(): Promise<string> };
interface UndiciModule {
	Agent: new (options: object) => object;
	request: (url: string, options: { method: string; headers: Record<string, string>; body?: string; dispatcher: object }) => Promise<{ statusCode: number; body: Readable2 }>;
}

const epochMs = (): number => performance.timeOrigin + performance.now();

/** The bare reader: UTF-8 decode and split on the blank line between frames; nothing else. */
async function* bareFrames(body: AsyncIterable<Buffer>): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	let buffer = '';
	for await (const chunk of body) {
		buffer += decoder.decode(chunk, { stream: true });
		let start = 0;
		let end: number;
		while ((end = buffer.indexOf('\n\n', start)) !== -1) {
			yield buffer.slice(start, end);
			start = end + 2;
		}
		buffer = buffer.slice(start);
	}
}

export async function sseScenario(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	const reps = ctx.quick ? 3 : 7;
	// Each repetition sums short reads made in turns (AB BA …), so that both readers see the same load.
	const httpRounds = ctx.quick ? 2 : 16;
	const memoryRounds = ctx.quick ? 2 : 12;
	const delayReps = ctx.quick ? 8 : 30;
	const dist = join(ctx.pkg.packageDir, 'dist', 'nodes', 'Cartesia', 'transport');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { CartesiaClient } = require(join(dist, 'index.js')) as { CartesiaClient: typeof CartesiaClientType };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { readServerSentEvents } = require(join(dist, 'sse.js')) as { readServerSentEvents: typeof ReadServerSentEvents };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const undici = require(require.resolve('undici', { paths: [ctx.pkg.packageDir] })) as UndiciModule;
	const agent = new undici.Agent({ connect: { timeout: 10_000 }, headersTimeout: 60_000, bodyTimeout: 60_000 });

	const node: INode = { id: 'bench', name: 'Cartesia', type: 'n8n-nodes-cartesia.cartesia', typeVersion: 1, position: [0, 0], parameters: {} };
	const clientFor = (baseUrl: string) => new CartesiaClient({ credentials: { apiKey: target.apiKey, apiVersion: API_VERSION, baseUrl }, node });
	const sseRequest: CartesiaRequest = {
		method: 'POST',
		path: '/tts/sse',
		json: {
			model_id: 'sonic-3',
			transcript: 'The first chunk of a streamed benchmark narration.',
			voice: { mode: 'id', id: target.voiceId },
			output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 44100 },
		},
		retry: 'repeatable',
	};

	// Our exact request, as the stand-in received it, for the bare reader and the recording.
	await standIn.reset();
	for await (const event of clientFor(target.url).events(sseRequest)) void event;
	const sent = (await standIn.lastRequest('/tts/sse'))!;
	if (sent.status !== 200) throw new Error(`our SSE request was refused: ${sent.rejection}`);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(sent.headers)) {
		if (['host', 'connection', 'content-length'].includes(name) || value === undefined) continue;
		headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const body = JSON.stringify(sent.json);

	log(`${SCENARIO}: recording a stand-in stream of ${STREAM_AUDIO_BYTES / MB} MB of PCM`);
	const recording = await standIn.call<{ url: string; bytes: number; events: number; base64Bytes: number }>('recordSse', { headers, json: sent.json, audioBytes: STREAM_AUDIO_BYTES });
	log(`  ${recording.events} events, ${fmt(recording.bytes / MB)} MB on the wire, ${fmt(recording.base64Bytes / MB)} MB of base64`);

	// ---- throughput over HTTP (replay server) ----
	const ours = async () => {
		let base64 = 0;
		let events = 0;
		for await (const event of clientFor(recording.url).events(sseRequest)) {
			events++;
			if (typeof event.data === 'string') base64 += event.data.length;
		}
		return { events, base64 };
	};
	const bare = async () => {
		const response = await undici.request(`${recording.url}/tts/sse`, { method: 'POST', headers, body, dispatcher: agent });
		let frames = 0;
		let chars = 0;
		for await (const frame of bareFrames(response.body)) {
			frames++;
			chars += frame.length;
		}
		return { events: frames, base64: chars };
	};
	type Key = 'ours' | 'bare';
	const overHttp: Record<Key, Array<{ wallMs: number; cpuMs: number }>> = { ours: [], bare: [] };
	const httpRatios: number[] = [];
	const readers: Record<Key, () => Promise<{ events: number; base64: number }>> = { ours, bare };
	// Warm-up: the JIT settles both readers (and the connections) before anything is measured.
	for (let warm = 0; warm < 3; warm++) for (const key of ['ours', 'bare'] as Key[]) await readers[key]();
	for (let rep = 0; rep < reps; rep++) {
		const runs = await interleavedRounds(['ours', 'bare'] as Key[], httpRounds, rep, async (key) => {
			const run = await measure(readers[key]);
			// The last frame of the recording is `done`: our reader stops before it, the bare one counts it.
			if (run.value.events < recording.events - 1) throw new Error(`${key} read ${run.value.events} of ${recording.events} events`);
			return run;
		});
		const mean = (list: number[]) => list.reduce((total, value) => total + value, 0) / list.length;
		for (const key of ['ours', 'bare'] as Key[]) overHttp[key].push({ wallMs: mean(runs[key].map((run) => run.wallMs)), cpuMs: mean(runs[key].map((run) => run.cpuMs)) });
		// Throughput ratio ours ÷ bare = bare's wall time ÷ ours', round by round.
		httpRatios.push(roundRatio(runs.bare.map((run) => run.wallMs), runs.ours.map((run) => run.wallMs)));
	}
	const mbPerSecond = (list: Array<{ wallMs: number }>) => list.map((run) => recording.base64Bytes / MB / (run.wallMs / 1000));
	const mbPerCpuSecond = (list: Array<{ cpuMs: number }>) => list.map((run) => recording.base64Bytes / MB / (run.cpuMs / 1000));
	log(`  over HTTP: ours ${mbPerSecond(overHttp.ours).map((v) => fmt(v)).join(', ')} MB/s; bare ${mbPerSecond(overHttp.bare).map((v) => fmt(v)).join(', ')} MB/s`);

	// ---- the readers alone, in memory (no socket) ----
	const wire = await (async () => {
		const response = await undici.request(`${recording.url}/tts/sse`, { method: 'POST', headers, body, dispatcher: agent });
		return Buffer.from(await response.body.text(), 'utf8');
	})();
	// Each in-memory read goes over the recording MEMORY_PASSES times (about 60 ms), long enough for a GC
	// or a moment of another process's load not to decide a round.
	const chunks: Buffer[] = [];
	for (let pass = 0; pass < MEMORY_PASSES; pass++) for (let offset = 0; offset < wire.length; offset += CHUNK) chunks.push(wire.subarray(offset, offset + CHUNK));
	const readMb = (MEMORY_PASSES * recording.base64Bytes) / MB;
	// The same events with CRLF line ends: a diagnostic for the reader's line search (see the report).
	const crlfWire = Buffer.from(wire.toString('utf8').replace(/\n/g, '\r\n'), 'utf8');
	const crlfChunks: Buffer[] = [];
	for (let pass = 0; pass < MEMORY_PASSES; pass++) for (let offset = 0; offset < crlfWire.length; offset += CHUNK) crlfChunks.push(crlfWire.subarray(offset, offset + CHUNK));
	type MemoryKey = Key | 'oursJson' | 'oursCrlf';
	const inMemory: Record<MemoryKey, number[]> = { ours: [], bare: [], oursJson: [], oursCrlf: [] };
	const memoryRatios: number[] = [];
	const memoryReaders: Record<MemoryKey, () => Promise<number>> = {
		ours: async () => {
			let events = 0;
			for await (const frame of readServerSentEvents(Readable.from(chunks))) events += frame.data.length > 0 ? 1 : 0;
			return events;
		},
		bare: async () => {
			let frames = 0;
			for await (const frame of bareFrames(Readable.from(chunks))) frames += frame.length > 0 ? 1 : 0;
			return frames;
		},
		oursJson: async () => {
			let events = 0;
			for await (const frame of readServerSentEvents(Readable.from(chunks))) events += (JSON.parse(frame.data) as object) ? 1 : 0;
			return events;
		},
		oursCrlf: async () => {
			let events = 0;
			for await (const frame of readServerSentEvents(Readable.from(crlfChunks))) events += frame.data.length > 0 ? 1 : 0;
			return events;
		},
	};
	const memoryKeys: MemoryKey[] = ['ours', 'bare', 'oursJson', 'oursCrlf'];
	for (let warm = 0; warm < 3; warm++) for (const key of memoryKeys) await memoryReaders[key]();
	for (let rep = 0; rep < reps; rep++) {
		const runs = await interleavedRounds(memoryKeys, memoryRounds, rep, async (key) => await measure(memoryReaders[key]));
		const wall = (key: MemoryKey) => runs[key].map((run) => run.wallMs);
		for (const key of memoryKeys) inMemory[key].push(readMb / (summarize(wall(key)).median / 1000));
		memoryRatios.push(roundRatio(wall('bare'), wall('ours')));
	}

	// ---- first-chunk delay against the stand-in itself ----
	await standIn.reset();
	const firstWrite = async () => (await standIn.call<number[]>('firstSseWrites')).at(-1)!;
	const delayReaders: Record<Key, () => Promise<number>> = {
		ours: async () => {
			let first = 0;
			for await (const event of clientFor(target.url).events(sseRequest)) if (!first && event) first = epochMs();
			return first - (await firstWrite());
		},
		bare: async () => {
			const response = await undici.request(`${target.url}/tts/sse`, { method: 'POST', headers, body, dispatcher: agent });
			let first = 0;
			for await (const frame of bareFrames(response.body)) if (!first && frame) first = epochMs();
			return first - (await firstWrite());
		},
	};
	const delays: Record<Key, number[]> = { ours: [], bare: [] };
	for (let warm = 0; warm < 3; warm++) for (const key of ['ours', 'bare'] as Key[]) await delayReaders[key]();
	for (let rep = 0; rep < delayReps; rep++) {
		for (const key of rotate(['ours', 'bare'] as Key[], rep)) delays[key].push(await delayReaders[key]());
	}
	await standIn.reset();

	const minimumRate = { op: '>=' as const, value: 200, text: '≥ 200 MB/s' };
	ctx.figures.push(
		figure(SCENARIO, 'ours (readServerSentEvents + CartesiaClient.events JSON), over HTTP: base64 throughput', 'MB/s', mbPerSecond(overHttp.ours), minimumRate),
		figure(SCENARIO, 'bare undici frame splitter, over HTTP: base64 throughput', 'MB/s', mbPerSecond(overHttp.bare)),
		figure(SCENARIO, 'over HTTP: ours ÷ bare (throughput)', '×', httpRatios, { op: '>=', value: 0.8, text: '≥ 0.8×' }, `a repetition: ${httpRounds} reads of each, in turns; its ratio is the median of the rounds'`),
		figure(SCENARIO, 'ours, over HTTP: base64 per client CPU second', 'MB/CPU-s', mbPerCpuSecond(overHttp.ours)),
		figure(SCENARIO, 'bare, over HTTP: base64 per client CPU second', 'MB/CPU-s', mbPerCpuSecond(overHttp.bare)),
		figure(SCENARIO, 'readers alone, in memory (64 KB chunks, no JSON): readServerSentEvents', 'MB/s', inMemory.ours),
		figure(SCENARIO, 'readers alone, in memory: bare splitter', 'MB/s', inMemory.bare),
		figure(SCENARIO, 'readers alone, in memory: ours ÷ bare', '×', memoryRatios, undefined, `a repetition: ${memoryRounds} reads of each (the recording read ${MEMORY_PASSES} times over), in turns; its ratio is the median of the rounds'`),
		figure(SCENARIO, 'diagnostic, in memory: readServerSentEvents + JSON.parse of each event', 'MB/s', inMemory.oursJson, undefined, 'what parsing each event costs on top of the reader'),
		figure(SCENARIO, 'diagnostic, in memory: readServerSentEvents on the same events with CRLF line ends', 'MB/s', inMemory.oursCrlf, undefined, 'checks the line search: the stand-in frames events with LF only, and a reader that looks for "\\r" to the end of its buffer on every line runs far slower on LF-only streams than on CRLF ones (fixed in 8a93549); the two should match'),
		figure(SCENARIO, 'first chunk: stand-in write → ours (CartesiaClient.events yields it)', 'ms', delays.ours),
		figure(SCENARIO, 'first chunk: stand-in write → bare reader', 'ms', delays.bare),
		figure(SCENARIO, 'first chunk: ours − bare (paired runs)', 'ms', delays.ours.map((value, index) => value - delays.bare[index]), { op: '<=', value: 5, text: '≤ 5 ms over' }),
	);
	ctx.details.sse = {
		recording: { audioBytes: STREAM_AUDIO_BYTES, wireBytes: recording.bytes, events: recording.events, base64Bytes: recording.base64Bytes },
		overHttp,
		inMemoryMbPerSecond: inMemory,
		firstChunkDelayMs: delays,
	};
}
