/**
 * Cartesia's TTS WebSocket (docs/wire-format.md §8) over undici's WebSocket client: the URL from the
 * credential's base URL (`wss://`, or `ws://` on loopback only, as url.ts rules), the version's auth
 * headers (never the `api_key` query parameter, so the key is in no URL), one JSON object per text
 * frame both ways, an idle timer of its own (a WebSocket has no body timeout), and the execution's
 * cancel signal closing the socket. The retry, slot and capacity-wait loop around opening one is the
 * client's (index.ts `openTtsWebSocket`), beside the HTTP path's.
 */
import { WebSocket, type Dispatcher } from 'undici';

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

/**
 * undici's WebSocket reports a refused upgrade only as "non-101 status code": this interceptor keeps
 * the status, headers and (the start of) the body of the answer, so a 429 can be waited out and a 401
 * shown with Cartesia's own words.
 */
function recordingRefusals(base: Dispatcher, refusal: { value?: HandshakeRefusal }): Dispatcher {
	const keep = (status: number, headers: Record<string, string>) => {
		if (status !== 101) refusal.value = { status, headers, body: Buffer.alloc(0) };
	};
	const keepBody = (chunk: Buffer) => {
		const value = refusal.value;
		if (value && value.body.length < MAX_REFUSAL_BODY_BYTES) value.body = Buffer.concat([value.body, chunk]).subarray(0, MAX_REFUSAL_BODY_BYTES);
	};
	return base.compose((dispatch) => (options, handler) => {
		// compose hands interceptors the handler in undici's current shape (onResponseStart/onResponseData).
		const recording = new Proxy(handler, {
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
				return method;
			},
		});
		return dispatch(options, recording);
	});
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
	const refusal: { value?: HandshakeRefusal } = {};
	if (options.signal?.aborted) throw new WebSocketCancelled();
	const socket = new WebSocket(options.url, { headers: options.headers, dispatcher: recordingRefusals(options.dispatcher, refusal) });
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
		socket.onopen = () => settle(() => ({ socket: new TtsWebSocket(socket, options) }));
		const failed = (event: Event) => {
			if (refusal.value) {
				settle({ refusal: refusal.value });
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

const DATA_KEY = '"data":"';
const CUT_PLACEHOLDER = '\u0000';
const CUT_PLACEHOLDER_JSON = '\\u0000';

/**
 * Parses a frame's text. A `chunk` frame is mostly its base64 `data`, and a long narration receives
 * hundreds of MB of it: that string is cut out of the text (a slice V8 does not copy) instead of being
 * copied by JSON.parse, and the rest parsed as usual. Anything unexpected (no such key, an escape in
 * the value, a `data` that is not the top-level one of a chunk) is parsed whole.
 */
export function parseFrame(text: string): unknown {
	const keyAt = text.indexOf(DATA_KEY);
	if (keyAt !== -1) {
		const from = keyAt + DATA_KEY.length;
		const to = text.indexOf('"', from);
		const backslash = text.indexOf('\\', from);
		if (to !== -1 && (backslash === -1 || backslash > to)) {
			// A placeholder no base64 holds: found at the top level, it proves the cut value was the chunk's data.
			const rest = JSON.parse(`${text.slice(0, from)}${CUT_PLACEHOLDER_JSON}${text.slice(to)}`) as unknown;
			if (rest && typeof rest === 'object' && !Array.isArray(rest) && (rest as TtsFrame).type === 'chunk' && (rest as TtsFrame).data === CUT_PLACEHOLDER) {
				(rest as TtsFrame).data = text.slice(from, to);
				return rest;
			}
		}
	}
	return JSON.parse(text);
}

/**
 * One open TTS WebSocket. Frames are queued as they arrive and taken with `receive()`, which waits at
 * most the Idle Timeout between frames; a drop, a stall or a cancel rejects it.
 */
export class TtsWebSocket {
	private readonly frames: TtsFrame[] = [];
	private ended?: Error;
	private wake?: () => void;
	private idleTimer?: NodeJS.Timeout;
	private closedByUs = false;

	constructor(
		private readonly socket: WebSocket,
		private readonly options: Pick<ConnectOptions, 'idleTimeoutMs' | 'signal'>,
	) {
		socket.onmessage = (event) => {
			this.armIdleTimer();
			let frame: unknown;
			try {
				frame = typeof event.data === 'string' ? parseFrame(event.data) : undefined;
			} catch {
				frame = undefined;
			}
			// A frame that is not a JSON object is reported like an error frame, not taken for audio.
			this.push(frame && typeof frame === 'object' && !Array.isArray(frame) ? (frame as TtsFrame) : { type: 'error', message: 'Cartesia sent a WebSocket frame that is not a JSON object', status_code: 502 });
		};
		socket.onclose = (event) => {
			if (this.closedByUs) return;
			this.end(new WebSocketDropped(`the WebSocket closed before the narration was done (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`, 'UND_ERR_SOCKET'));
		};
		socket.onerror = () => undefined;
		options.signal?.addEventListener('abort', this.onAbort, { once: true });
		this.armIdleTimer();
	}

	private readonly onAbort = () => {
		this.end(new WebSocketCancelled());
		this.close();
	};

	/** (Re)starts the idle timer; one timer refreshed per frame, not a new one. */
	private armIdleTimer(): void {
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

	private push(frame: TtsFrame): void {
		this.frames.push(frame);
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

	/** The next frame, in order; rejects once the connection dropped, stalled or was canceled. */
	async receive(): Promise<TtsFrame> {
		for (;;) {
			const frame = this.frames.shift();
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
		this.options.signal?.removeEventListener('abort', this.onAbort);
		this.ended ??= new WebSocketDropped('the WebSocket was closed', 'UND_ERR_SOCKET');
		if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
	}
}
