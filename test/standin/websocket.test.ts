/**
 * The stand-in's TTS WebSocket (websocket.ts), read as a specification: the upgrade's checks, the
 * messages of a context with continuations and flushes, error frames for wrong shapes, and its faults.
 */
import WebSocket from 'ws';

import { useStandIn } from '../helpers/cartesia';
import { payloadMarkers } from './payloadMarker';
import { TTS_WEBSOCKET_PATH } from './websocket';

const standIn = useStandIn();

const VERSION = '2025-11-04';

function wsUrl(query = ''): string {
	return `${standIn().url.replace(/^http/, 'ws')}${TTS_WEBSOCKET_PATH}${query}`;
}

function open(headers: Record<string, string> = { 'Cartesia-Version': VERSION, Authorization: `Bearer ${standIn().apiKey}` }, query = ''): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(wsUrl(query), { headers });
		socket.once('open', () => resolve(socket));
		socket.once('unexpected-response', (_request, response) => reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode })));
		socket.once('error', reject);
	});
}

/** Every frame until the context's `done` or an error frame (or the connection's end). */
function framesUntilDone(socket: WebSocket): Promise<Array<Record<string, unknown>>> {
	return new Promise((resolve) => {
		const frames: Array<Record<string, unknown>> = [];
		socket.on('message', (data) => {
			const frame = JSON.parse(String(data)) as Record<string, unknown>;
			frames.push(frame);
			if (frame.type === 'done' || frame.type === 'error') resolve(frames);
		});
		socket.on('close', () => resolve(frames));
	});
}

const generation = (fields: Record<string, unknown>): Record<string, unknown> => ({
	model_id: 'sonic-3',
	voice: { mode: 'id', id: standIn().voices()[0].id },
	output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 8000 },
	context_id: 'chapter-1',
	...fields,
});

const markers = payloadMarkers;

const audioOf = (frames: Array<Record<string, unknown>>): Buffer =>
	Buffer.concat(frames.filter((frame) => frame.type === 'chunk').map((frame) => Buffer.from(String(frame.data), 'base64')));

describe('stand-in TTS WebSocket', () => {
	it('speaks the inputs of one context in order, answers each flush and ends with done', async () => {
		const socket = await open();
		const frames = framesUntilDone(socket);
		socket.send(JSON.stringify(generation({ transcript: 'First part. ', continue: true, add_timestamps: true })));
		socket.send(JSON.stringify(generation({ transcript: '', continue: true, flush: true, add_timestamps: true })));
		socket.send(JSON.stringify(generation({ transcript: 'Second part.', continue: false, add_timestamps: true })));
		const received = await frames;
		socket.close();
		expect(markers(audioOf(received))).toEqual(['First part. ', 'Second part.']);
		expect(received.filter((frame) => frame.type === 'flush_done')).toEqual([
			{ type: 'flush_done', flush_done: true, flush_id: 1, done: false, status_code: 206, context_id: 'chapter-1' },
		]);
		expect(received.filter((frame) => frame.type === 'chunk').every((frame) => frame.status_code === 206 && frame.context_id === 'chapter-1')).toBe(true);
		const timestamps = received.filter((frame) => frame.type === 'timestamps').map((frame) => frame.word_timestamps as { words: string[]; start: number[] });
		expect(timestamps.map((t) => t.words)).toEqual([['First', 'part.'], ['Second', 'part.']]);
		// From the context's start by default: the second input's words follow the first's.
		expect(timestamps[1].start[0]).toBeGreaterThan(timestamps[0].start[1]);
		expect(received[received.length - 1]).toEqual({ type: 'done', done: true, status_code: 200, context_id: 'chapter-1' });
		expect(standIn().webSockets[0].messages).toHaveLength(3);
	});

	it('answers a wrong shape with an error frame that says what was wrong, and ends that context', async () => {
		const socket = await open();
		const frames = framesUntilDone(socket);
		socket.send(JSON.stringify(generation({ transcript: 'Hi.', output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 8000 }, context_id: undefined, continue: 'yes' })));
		const [error] = await frames;
		socket.close();
		expect(error).toMatchObject({ type: 'error', done: true, status_code: 400 });
		expect(error.message).toMatch(/"output_format\.container" must be "raw" on the TTS WebSocket/);
		expect(error.message).toMatch(/"context_id"/);
		expect(error.message).toMatch(/"continue"/);
	});

	it('holds the inputs of a context to the same settings', async () => {
		const socket = await open();
		const frames = framesUntilDone(socket);
		socket.send(JSON.stringify(generation({ transcript: 'One. ', continue: true })));
		socket.send(JSON.stringify(generation({ transcript: 'Two.', model_id: 'sonic-2' })));
		const received = await frames;
		socket.close();
		expect(received[received.length - 1].message).toMatch(/must keep every field but transcript/);
	});

	it('takes the voice as the version has it: a bare id from 2026-08-14, never mode', async () => {
		const socket = await open({ 'Cartesia-Version': '2026-08-14', Authorization: `Bearer ${standIn().apiKey}` });
		const frames = framesUntilDone(socket);
		socket.send(JSON.stringify(generation({ transcript: 'Hi.' })));
		const [error] = await frames;
		socket.close();
		expect(error).toMatchObject({ type: 'error', status_code: 400, error_code: 'invalid_request' });
		expect(error.message).toMatch(/voice\.mode/);
	});

	it('ends a canceled context with done, and refuses a cancel of another shape', async () => {
		const socket = await open();
		const frames = framesUntilDone(socket);
		socket.send(JSON.stringify(generation({ transcript: 'One. ', continue: true })));
		socket.send(JSON.stringify({ context_id: 'chapter-1', cancel: true }));
		const received = await frames;
		expect(received[received.length - 1]).toEqual({ type: 'done', done: true, status_code: 200, context_id: 'chapter-1' });
		const refused = framesUntilDone(socket);
		socket.send(JSON.stringify({ context_id: 'chapter-2', cancel: 'yes', flush: true }));
		const [error] = await refused;
		socket.close();
		expect(error.message).toMatch(/a cancel is exactly \{"context_id": <string>, "cancel": true\}; unknown fields "flush"/);
	});

	it('goes silent after n chunks under a stall fault, keeping the connection open', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-stall', afterChunks: 2 });
		const socket = await open();
		const chunks: unknown[] = [];
		socket.on('message', (data) => chunks.push(JSON.parse(String(data))));
		socket.send(JSON.stringify(generation({ transcript: 'A sentence long enough for more than two chunks of audio.' })));
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(chunks).toHaveLength(2);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		socket.close();
	});

	it('refuses an upgrade without the right credential or version, and takes them as query parameters', async () => {
		await expect(open({ 'Cartesia-Version': VERSION })).rejects.toMatchObject({ status: 401 });
		await expect(open({ Authorization: `Bearer ${standIn().apiKey}` })).rejects.toMatchObject({ status: 400 });
		await expect(open({ 'Cartesia-Version': '2024-11-13', Authorization: `Bearer ${standIn().apiKey}` })).rejects.toMatchObject({ status: 401 });
		const socket = await open({}, `?cartesia_version=${VERSION}&api_key=${standIn().apiKey}`);
		socket.close();
		expect(standIn().requests.map((request) => request.status)).toEqual([401, 400, 401, 101]);
	});

	it('counts an open connection against the plan and refuses the upgrade with 429 when it is full', async () => {
		// Connections of earlier tests are counted until the server has seen them close.
		const allClosed = async () => {
			for (let wait = 0; standIn().inFlight > 0 && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
			expect(standIn().inFlight).toBe(0);
		};
		await allClosed();
		standIn().setConcurrencyLimit(1);
		const first = await open();
		await expect(open()).rejects.toMatchObject({ status: 429 });
		first.close();
		await allClosed();
		const second = await open();
		second.close();
	});

	it('drops the connection after n chunks, or sends an error frame at an input, as injected', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-drop', afterChunks: 1 });
		const dropped = await open();
		const droppedFrames = framesUntilDone(dropped);
		dropped.send(JSON.stringify(generation({ transcript: 'A sentence long enough for two chunks of audio at least.' })));
		expect((await droppedFrames).map((frame) => frame.type)).toEqual(['chunk']);

		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-drop', afterInputs: 1 });
		const droppedAtInput = await open();
		const inputFrames = framesUntilDone(droppedAtInput);
		droppedAtInput.send(JSON.stringify(generation({ transcript: 'One. ', continue: true })));
		droppedAtInput.send(JSON.stringify(generation({ transcript: 'Two.' })));
		expect(markers(audioOf(await inputFrames))).toEqual(['One. ']);

		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-error', afterInputs: 1, message: 'boom' });
		const failing = await open();
		const failingFrames = framesUntilDone(failing);
		failing.send(JSON.stringify(generation({ transcript: 'One. ', continue: true })));
		failing.send(JSON.stringify(generation({ transcript: 'Two.' })));
		const received = await failingFrames;
		failing.close();
		expect(received[received.length - 1]).toMatchObject({ type: 'error', message: 'boom', status_code: 500, context_id: 'chapter-1' });
		expect(markers(audioOf(received))).toEqual(['One. ']);
	});
});
