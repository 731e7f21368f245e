/**
 * Cartesia's TTS WebSocket (docs/wire-format.md §8) over undici's WebSocket client: the URL from the
 * credential's base URL (`wss://`, or `ws://` on loopback only, as url.ts rules), the version's auth
 * headers (never the `api_key` query parameter, so the key is in no URL), one JSON object per text
 * frame both ways, an idle timer of its own (a WebSocket has no body timeout), and the execution's
 * cancel signal closing the socket. The retry, slot and capacity-wait loop around opening one is the
 * client's (index.ts `openTtsWebSocket`), beside the HTTP path's.
 */
import type { Duplex } from 'node:stream';

import { WebSocket, type Dispatcher } from 'undici';

import { parseAudioJson } from './audioJson';
import { baseUrlProblem } from './url';

/** Where the TTS WebSocket lives under the base URL. */
export const TTS_WEBSOCKET_PATH = '/tts/websocket';

/** `https://host/prefix` → `wss://host/prefix/tts/websocket` (`http` → `ws`, loopback only). */
export function ttsWebSocketUrl(baseUrl: string): URL {
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw new Error(problem);
	const url = new URL(`${baseUrl.replace(/\/+$/, '')}${TTS_WEBSOCKET_PATH}`);
	url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
	return url;
}

/** What the server answered instead of switching protocols (429 when the plan is full, 401, …). */
export interface HandshakeRefusal {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

const MAX_REFUSAL_BODY_BYTES = 64 * 1024;

/** What the handshake showed: the answer when it was not 101, the upgraded socket when it was. */
interface Handshake {
	refusal?: HandshakeRefusal;
	socket?: Duplex;
}

/**
 * undici's WebSocket reports a refused upgrade only as "non-101 status code": this interceptor keeps
 * the status, headers and (the start of) the body of the answer, so a 429 can be waited out and a 401
 * shown with Cartesia's own words. On 101 it keeps the upgraded socket, the only handle on its reading
 * (see `ReadHold`).
 */
function observingHandshake(base: Dispatcher, handshake: Handshake): Dispatcher {
	const keep = (status: number, headers: Record<string, string>) => {
		if (status !== 101) handshake.refusal = { status, headers, body: Buffer.alloc(0) };
	};
	const keepBody = (chunk: Buffer) => {
		const value = handshake.refusal;
		if (value && value.body.length < MAX_REFUSAL_BODY_BYTES) value.body = Buffer.concat([value.body, chunk]).subarray(0, MAX_REFUSAL_BODY_BYTES);
	};
	return base.compose((dispatch) => (options, handler) => {
		// compose hands interceptors the handler in undici's current shape (onResponseStart/onResponseData/onRequestUpgrade).
		const observing = new Proxy(handler, {
			get(target, key) {
				const member = Reflect.get(target, key) as unknown;
				if (typeof member !== 'function') return member;
				const method = (member as (...args: unknown[]) => unknown).bind(target);
				if (key === 'onResponseStart') {
					return (controller: unknown, status: number, headers: Record<string, string | string[]>, ...rest: unknown[]) => {
						keep(status, Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)])));
						return method(controller, status, headers, ...rest);
					};
				}
				if (key === 'onResponseData') {
					return (controller: unknown, chunk: Buffer) => {
						keepBody(chunk);
						return method(controller, chunk);
					};
				}
				if (key === 'onRequestUpgrade') {
					return (controller: unknown, status: number, headers: unknown, socket: Duplex) => {
						handshake.socket = socket;
						return method(controller, status, headers, socket);
					};
				}
				return method;
			},
		});
		return dispatch(options, observing);
	});
}

/**
 * Frames waiting unread, in characters, past which the socket stops being read: undici's WebSocket
 * reads whatever it is sent, so a narration arriving faster than its audio reaches the disk would
 * otherwise queue here, hundreds of MB for an hour at loopback speed. Kept to a few frames: frames
 * waiting are what survives V8's young-generation collections, and what survives makes V8 grow that
 * generation (bench scenario 8: a one-hour narration grew RSS by about 190 MB with 1 MB allowed to
 * wait, 80 MB with 64 KB, 50 MB with 16 KB). Reading stops after the socket read in hand is parsed.
 */
export const HOLD_READING_AT_CHARACTERS = 16 * 1024;
/** Reading resumes once the queue has drained to this. */
const RESUME_READING_AT_CHARACTERS = HOLD_READING_AT_CHARACTERS / 4;

/**
 * Stops and restarts reading a WebSocket's socket: the unread bytes then wait in the kernel (and on the
 * sender), and TCP slows the sender down. undici resumes the socket on its own after each large
 * chunk (its frame parser's drain), so while held every resume is paused again.
 */
class ReadHold {
	private held = false;

	constructor(private readonly socket: Duplex | undefined) {
		socket?.on('resume', this.keepHeld);
	}

	private readonly keepHeld = () => {
		if (this.held) this.socket?.pause();
	};

	get isHeld(): boolean {
		return this.held;
	}

	hold(): void {
		if (this.held || !this.socket) return;
		this.held = true;
		this.socket.pause();
	}

	release(): void {
		if (!this.held) return;
		this.held = false;
		this.socket?.resume();
	}

	dispose(): void {
		this.held = false;
		this.socket?.off('resume', this.keepHeld);
	}
}

/** The connection went away before its context was done: a reset, a close Cartesia did not announce, or a stall. */
export class WebSocketDropped extends Error {
	constructor(
		message: string,
		/** The undici-style code the connection error reports (UND_ERR_SOCKET, UND_ERR_BODY_TIMEOUT). */
		readonly code: string,
	) {
		super(message);
		this.name = 'WebSocketDropped';
	}
}

/** The execution was canceled while the socket was open or opening. */
export class WebSocketCancelled extends Error {
	constructor() {
		super('canceled');
		this.name = 'WebSocketCancelled';
	}
}

export type OpenResult = { socket: TtsWebSocket } | { refusal: HandshakeRefusal } | { failure: Error };

export interface ConnectOptions {
	url: URL;
	headers: Record<string, string>;
	dispatcher: Dispatcher;
	connectTimeoutMs: number;
	idleTimeoutMs: number;
	signal?: AbortSignal;
}

/** Opens one connection: the socket, what the server answered instead of 101, or why it could not connect. */
export async function connectTtsWebSocket(options: ConnectOptions): Promise<OpenResult> {
	const handshake: Handshake = {};
	if (options.signal?.aborted) throw new WebSocketCancelled();
	const socket = new WebSocket(options.url, { headers: options.headers, dispatcher: observingHandshake(options.dispatcher, handshake) });
	return await new Promise<OpenResult>((resolve, reject) => {
		let settled = false;
		const settle = (outcome: OpenResult | Error | (() => OpenResult)) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			socket.onopen = socket.onerror = socket.onclose = null;
			const result = typeof outcome === 'function' ? outcome() : outcome;
			if (result instanceof Error) reject(result);
			else resolve(result);
		};
		const timer = setTimeout(() => {
			socket.close();
			settle({ failure: Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' }) });
		}, options.connectTimeoutMs + options.idleTimeoutMs);
		const onAbort = () => {
			socket.close();
			settle(new WebSocketCancelled());
		};
		options.signal?.addEventListener('abort', onAbort, { once: true });
		// The open socket's own handlers are set after settle() has cleared the opening ones.
		socket.onopen = () => settle(() => ({ socket: new TtsWebSocket(socket, options, handshake.socket) }));
		const failed = (event: Event) => {
			if (handshake.refusal) {
				settle({ refusal: handshake.refusal });
				return;
			}
			const cause = (event as Event & { error?: unknown }).error;
			const root = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
			settle({ failure: root instanceof Error ? root : Object.assign(new Error('the WebSocket handshake failed'), { code: 'UND_ERR_SOCKET' }) });
		};
		socket.onerror = failed;
		socket.onclose = failed;
	});
}

/** A frame from Cartesia: one JSON object, dispatched on `type`. */
export type TtsFrame = Record<string, unknown> & { type?: unknown };

/**
 * One open TTS WebSocket. Frames are queued as they arrive and taken with `receive()`, which waits at
 * most the Idle Timeout between frames; a drop, a stall or a cancel rejects it. Past
 * HOLD_READING_AT_CHARACTERS of unread frames the socket is not read until the queue drains.
 */
export class TtsWebSocket {
	/**
	 * Frames waiting to be taken, and beside them the length of the text each came as (what the queue
	 * holds): two arrays rather than a wrapper object per frame, one allocation less for every message.
	 */
	private readonly frames: TtsFrame[] = [];
	private readonly frameCharacters: number[] = [];
	private queuedCharacters = 0;
	private readonly readHold: ReadHold;
	private ended?: Error;
	private wake?: () => void;
	private idleTimer?: NodeJS.Timeout;
	private closedByUs = false;

	constructor(
		private readonly socket: WebSocket,
		private readonly options: Pick<ConnectOptions, 'idleTimeoutMs' | 'signal'>,
		/** The upgraded socket under `socket`, when the handshake showed it: without it nothing is held. */
		rawSocket?: Duplex,
	) {
		this.readHold = new ReadHold(rawSocket);
		socket.onmessage = (event) => {
			this.armIdleTimer();
			let frame: unknown;
			try {
				frame = typeof event.data === 'string' ? parseAudioJson(event.data) : undefined;
			} catch {
				frame = undefined;
			}
			// A frame that is not a JSON object is reported like an error frame, not taken for audio.
			this.push(
				frame && typeof frame === 'object' && !Array.isArray(frame) ? (frame as TtsFrame) : { type: 'error', message: 'Cartesia sent a WebSocket frame that is not a JSON object', status_code: 502 },
				typeof event.data === 'string' ? event.data.length : 0,
			);
		};
		socket.onclose = (event) => {
			if (this.closedByUs) return;
			this.end(new WebSocketDropped(`the WebSocket closed before the narration was done (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`, 'UND_ERR_SOCKET'));
		};
		socket.onerror = () => undefined;
		options.signal?.addEventListener('abort', this.onAbort, { once: true });
		this.armIdleTimer();
	}

	/** Characters of frames received and not yet taken (for tests and diagnostics). */
	get unreadCharacters(): number {
		return this.queuedCharacters;
	}

	private readonly onAbort = () => {
		this.end(new WebSocketCancelled());
		this.close();
	};

	/** (Re)starts the idle timer; one timer refreshed per frame, not a new one. Not while reading is held: Cartesia's silence is ours then. */
	private armIdleTimer(): void {
		if (this.readHold.isHeld) return;
		if (this.idleTimer && !this.ended) {
			this.idleTimer.refresh();
			return;
		}
		clearTimeout(this.idleTimer);
		if (this.ended) return;
		this.idleTimer = setTimeout(() => {
			this.end(new WebSocketDropped(`Cartesia sent nothing for longer than the Idle Timeout (${this.options.idleTimeoutMs / 1000} s)`, 'UND_ERR_BODY_TIMEOUT'));
			this.close();
		}, this.options.idleTimeoutMs);
	}

	/** Stops the idle timer while reading is held. */
	private stopIdleTimer(): void {
		clearTimeout(this.idleTimer);
		this.idleTimer = undefined;
	}

	private push(frame: TtsFrame, characters: number): void {
		this.frames.push(frame);
		this.frameCharacters.push(characters);
		this.queuedCharacters += characters;
		if (this.queuedCharacters >= HOLD_READING_AT_CHARACTERS && !this.readHold.isHeld) {
			this.readHold.hold();
			this.stopIdleTimer();
		}
		this.wake?.();
	}

	private end(error: Error): void {
		this.ended ??= error;
		clearTimeout(this.idleTimer);
		this.wake?.();
	}

	/** Sends one message as a text frame. */
	send(message: object): void {
		if (this.ended) throw this.ended;
		this.socket.send(JSON.stringify(message));
		// Time runs from what was asked, not from the last frame of an earlier input.
		if (!this.frames.length) this.armIdleTimer();
	}

	/**
	 * The next frame if one is waiting, without a promise (a narration takes tens of thousands of
	 * frames, most of them already queued); undefined when none is, even once the connection ended
	 * (`receive()` then says why).
	 */
	take(): TtsFrame | undefined {
		const frame = this.frames.shift();
		if (frame === undefined) return undefined;
		this.queuedCharacters -= this.frameCharacters.shift() ?? 0;
		if (this.readHold.isHeld && this.queuedCharacters <= RESUME_READING_AT_CHARACTERS) {
			this.readHold.release();
			this.armIdleTimer();
		}
		return frame;
	}

	/** The next frame, in order; rejects once the connection dropped, stalled or was canceled. */
	async receive(): Promise<TtsFrame> {
		for (;;) {
			const frame = this.take();
			if (frame) return frame;
			if (this.ended) throw this.ended;
			await new Promise<void>((resolve) => {
				this.wake = resolve;
			});
			this.wake = undefined;
		}
	}

	/** Closes with 1000 as the SDKs do; safe to call twice. */
	close(): void {
		this.closedByUs = true;
		clearTimeout(this.idleTimer);
		this.readHold.dispose();
		this.options.signal?.removeEventListener('abort', this.onAbort);
		this.ended ??= new WebSocketDropped('the WebSocket was closed', 'UND_ERR_SOCKET');
		if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
	}
}
