/**
 * A TTS WebSocket whose frames arrive faster than they are taken stops reading its socket
 * (transport/websocket.ts ReadHold): the queue stays near HOLD_READING_AT_CHARACTERS, the sender is
 * held back by TCP, every frame still comes in order, and the Idle Timeout does not fire on the wait
 * the reader itself causes.
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { Agent } from 'undici';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';

import { connectTtsWebSocket, HOLD_READING_AT_CHARACTERS, type TtsWebSocket } from '../../nodes/Cartesia/transport/websocket';

const FRAMES = 300;
/** 48 KB of audio per frame, as base64: 64 KB of text, 19 MB in all. */
const AUDIO_PER_FRAME = Buffer.alloc(48 * 1024, 7).toString('base64');
const IDLE_TIMEOUT_MS = 300;

describe('TtsWebSocket read hold', () => {
	let server: WebSocketServer;
	let serverSocket: ServerSocket | undefined;
	let dispatcher: Agent;
	let connection: TtsWebSocket | undefined;

	beforeEach(async () => {
		server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
		await new Promise<void>((resolve) => server.once('listening', () => resolve()));
		server.on('connection', (socket) => {
			serverSocket = socket;
			for (let index = 0; index < FRAMES; index++) socket.send(JSON.stringify({ type: 'chunk', context_id: 'c', data: AUDIO_PER_FRAME, index }));
			socket.send(JSON.stringify({ type: 'done', context_id: 'c' }));
		});
		dispatcher = new Agent();
	});

	afterEach(async () => {
		connection?.close();
		connection = undefined;
		for (const client of server.clients) client.terminate();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		await dispatcher.close();
	});

	async function open(): Promise<TtsWebSocket> {
		const { port } = server.address() as AddressInfo;
		const opened = await connectTtsWebSocket({ url: new URL(`ws://127.0.0.1:${port}/tts/websocket`), headers: {}, dispatcher, connectTimeoutMs: 5_000, idleTimeoutMs: IDLE_TIMEOUT_MS });
		if (!('socket' in opened)) throw new Error(`could not open: ${JSON.stringify(opened)}`);
		connection = opened.socket;
		return opened.socket;
	}

	it('holds the unread queue near its bound while the reader is away, and the sender waits', async () => {
		const socket = await open();
		// Away for longer than the Idle Timeout, while 19 MB are sent as fast as loopback takes them.
		await sleep(IDLE_TIMEOUT_MS * 3);
		const frameCharacters = JSON.stringify({ type: 'chunk', context_id: 'c', data: AUDIO_PER_FRAME, index: FRAMES }).length;
		// What the frame parser had already taken from one socket read may still come after the hold.
		expect(socket.unreadCharacters).toBeGreaterThanOrEqual(HOLD_READING_AT_CHARACTERS);
		expect(socket.unreadCharacters).toBeLessThanOrEqual(HOLD_READING_AT_CHARACTERS + 4 * frameCharacters);
		// The rest waits on the sender's side: TCP holds it back.
		expect(serverSocket?.bufferedAmount).toBeGreaterThan(FRAMES * frameCharacters * 0.5);

		let highest = 0;
		for (let expected = 0; expected < FRAMES; expected++) {
			const frame = await socket.receive();
			expect(frame.index).toBe(expected);
			highest = Math.max(highest, socket.unreadCharacters);
			// A slow reader now and then: the queue refills to its bound, never past it by much.
			if (expected % 50 === 0) await sleep(IDLE_TIMEOUT_MS * 2);
		}
		expect((await socket.receive()).type).toBe('done');
		expect(highest).toBeLessThanOrEqual(HOLD_READING_AT_CHARACTERS + 4 * frameCharacters);
	});

	it('still times out when the sender goes silent while the reader keeps up', async () => {
		server.removeAllListeners('connection');
		server.on('connection', (socket) => socket.send(JSON.stringify({ type: 'chunk', context_id: 'c', data: 'QUJD' })));
		const socket = await open();
		expect((await socket.receive()).type).toBe('chunk');
		await expect(socket.receive()).rejects.toThrow(/Idle Timeout/);
	});

	it('take() hands a queued frame at once, in order with receive(), releases the hold, and is undefined on an empty queue', async () => {
		const socket = await open();
		// Let the sender fill the queue to its bound.
		await sleep(100);
		expect(socket.unreadCharacters).toBeGreaterThanOrEqual(HOLD_READING_AT_CHARACTERS);
		// The frame waiting is handed at once; taking it releases the hold, so the rest come.
		expect(socket.take()?.index).toBe(0);
		for (let expected = 1; expected < FRAMES; expected++) {
			// Take what is queued; wait only when nothing is.
			const frame = socket.take() ?? (await socket.receive());
			expect(frame.index).toBe(expected);
		}
		expect((socket.take() ?? (await socket.receive())).type).toBe('done');
		expect(socket.take()).toBeUndefined();
		expect(socket.unreadCharacters).toBe(0);
	});
});
