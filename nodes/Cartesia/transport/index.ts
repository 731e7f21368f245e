import { setMaxListeners } from 'node:events';
import type { Readable } from 'node:stream';

import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { Dispatcher } from 'undici';

import type { ApiVersion } from '../versions';
import { abortRelay } from './abortRelay';
import { parseAudioJson } from './audioJson';
import { authHeaders } from './auth';
import { ADAPTIVE_MAX_WINDOW, type ConcurrencyLimiter, type ConcurrencySlot } from './concurrency';
import type { CartesiaCredentials } from './credentials';
import { dispatcherForBaseUrl } from './dispatcher';
import type { DownloadLimits } from './download';
import {
	CartesiaRequestCancelledError,
	cancelledError,
	cartesiaApiError,
	connectionError,
	parseCartesiaError,
	readErrorBody,
	tooLargeError,
	type CartesiaFailure,
	type FailureContext,
} from './errors';
import { buildMultipartBody, uploadSourceFailure, type MultipartFields } from './multipart';
import {
	backoffDelayMs,
	isRetryableConnectionError,
	isRetryableStatus,
	parseRetryAfter,
	waitFor,
	type RetryPolicy,
	type RetrySettings,
} from './retry';
import type { LimiterForPath } from './sharedLimiters';
import { EventTooLargeError, readServerSentEventBatches } from './sse';
import { baseUrlProblem, requestTarget } from './url';
import { connectTtsWebSocket, TTS_WEBSOCKET_PATH, ttsWebSocketUrl, WebSocketCancelled, WebSocketDropped, type OpenResult, type TtsFrame, type TtsWebSocket } from './websocket';

export type { RetryPolicy } from './retry';
export { ADAPTIVE_MAX_WINDOW, createLimiter, type ConcurrencyLimiter } from './concurrency';
export { ExecutionLimiters, sharedLimiters, type LimiterForPath } from './sharedLimiters';
export { CartesiaRequestCancelledError } from './errors';
export type { TtsFrame } from './websocket';
export {
	startDownload,
	type Download,
	type DownloadFailure,
	type DownloadLimits,
	type DownloadOptions,
	type HttpRequester,
} from './download';
export type { MultipartFields, MultipartFile, OpenedFile } from './multipart';

/** The knobs a user can turn in the node's Request Options; everything else about the wire is fixed. */
export interface TransportOptions {
	maxRetries: number;
	maxRetryAfterMs: number;
	connectTimeoutMs: number;
	idleTimeoutMs: number;
	/**
	 * With an adaptive limiter, how long an item keeps waiting for the plan to have room, counted from
	 * its first concurrency 429 (not from the time it queued for a slot).
	 */
	maxCapacityWaitMs: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	maxRetries: 2,
	maxRetryAfterMs: 60_000,
	connectTimeoutMs: 10_000,
	idleTimeoutMs: 60_000,
	maxCapacityWaitMs: 120_000,
};

const MB = 1024 * 1024;

/**
 * The largest JSON answer accepted, per endpoint, so a broken server or proxy cannot fill memory. A long
 * recording's transcript with word timestamps runs to tens of MB; nothing else comes near 8 MB.
 */
function maxJsonBytes(path: string): number {
	return path === '/stt' ? 64 * MB : 8 * MB;
}

/** The largest single SSE event accepted: audio chunks are a few hundred kB. */
const MAX_EVENT_CHARS = 16 * MB;

/**
 * Whether a 429 says the plan's concurrency limit was reached, which an adaptive limiter waits out.
 * Cartesia's JSON errors say `concurrency_limited`; older versions answer in plain text, with no code.
 * Any other code (a quota, say) follows Max Retries.
 */
function isCapacityRefusal(failure: CartesiaFailure): boolean {
	return failure.status === 429 && (failure.errorCode === undefined || failure.errorCode === 'concurrency_limited');
}

/**
 * Listeners the requests of one execution may hold on its signal at once: two per request of the widest
 * window (its wait for a slot, its backoff), the requests themselves listening through one relay.
 */
const SIGNAL_LISTENERS = 2 * ADAPTIVE_MAX_WINDOW + 10;

/** The pause before an adaptive limiter's next try when Cartesia gave no Retry-After: 50 ms up to 2 s. */
function capacityBackoffMs(retry: number): number {
	return Math.min(2_000, 25 * 2 ** Math.min(retry + 1, 7));
}

const secondsText = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export type QueryValue = string | number | boolean | string[] | undefined;

export interface CartesiaRequest {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Path under the base URL, starting with `/`. */
	path: string;
	/** Arrays are sent as repeated bracketed keys (`expand[]=a&expand[]=b`); undefined values are left out. */
	query?: Record<string, QueryValue>;
	/** Sent as JSON; undefined fields are left out, `null` is sent as `null`. */
	json?: object;
	multipart?: MultipartFields;
	retry: RetryPolicy;
	accept?: string;
}

export interface CartesiaStreamResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	contentType?: string;
	requestId?: string;
	body: Readable;
}

export interface CartesiaClientConfig {
	credentials: CartesiaCredentials;
	node: INode;
	/** The execution's cancel signal: aborts requests in flight and backoff waits. */
	signal?: AbortSignal;
	options?: Partial<TransportOptions>;
	/**
	 * How many requests may be in flight at once: one limiter for every request, or one chosen by the
	 * request's path (Cartesia limits TTS and STT separately; see sharedLimiters.ts).
	 */
	limiter?: ConcurrencyLimiter | LimiterForPath;
	/** Secrets besides the API key that errors must never show (a webhook secret being sent). */
	secrets?: string[];
}

interface SentRequest {
	response: Dispatcher.ResponseData;
	/** Frees the concurrency slot; held until the response body is finished. */
	done: () => void;
}

const NO_SLOT: ConcurrencySlot = { release: () => {} };

/** What one request has spent of its retries, and when its wait for capacity ends. */
interface Tries {
	attempt: number;
	capacityRetries: number;
	/** Set by the first concurrency 429: the item fails if the plan has no room by then. */
	capacityDeadline?: number;
}

/** A TTS WebSocket opened by the client; it holds one concurrency slot until `close`. */
export interface TtsConnection {
	send(message: object): void;
	/** The next frame. An error frame, a drop, a stall (Idle Timeout) and a cancel become the node's errors. */
	receive(): Promise<TtsFrame>;
	/**
	 * The next frame if one has arrived, at once (no promise per frame); undefined if none has, or if
	 * the connection ended: `receive()` waits for the next, or says why there is none. An error frame
	 * becomes the node's error, as with `receive()`.
	 */
	take(): TtsFrame | undefined;
	/** Closes the socket and frees the slot (`done` after a finished context, `failed` otherwise). */
	close(outcome: 'done' | 'failed'): void;
}

const droppedConnections = new WeakSet<object>();

/** Whether an error says the WebSocket dropped or stalled (so the narration may reconnect), not that Cartesia refused. */
export function isDroppedConnection(error: unknown): boolean {
	return typeof error === 'object' && error !== null && droppedConnections.has(error);
}

const USER_AGENT = 'n8n-nodes-cartesia';

function queryString(query: Record<string, QueryValue> | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const item of value) params.append(`${key}[]`, item);
		else params.append(key, String(value));
	}
	const encoded = params.toString();
	return encoded ? `?${encoded}` : '';
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The one way out to Cartesia. It alone knows the wire: base URL, auth and version headers, JSON,
 * query and multipart encoding, streamed and SSE responses, retries, time limits, proxies, and how a
 * refusal becomes a NodeApiError. It never reads node parameters.
 */
export class CartesiaClient {
	readonly apiVersion: ApiVersion;

	private readonly options: TransportOptions;

	private readonly retrySettings: RetrySettings;

	constructor(private readonly config: CartesiaClientConfig) {
		// Every request waiting for a slot or backing off listens to the execution's signal: up to the
		// widest window of them at once is normal, not a leak to warn of.
		if (config.signal) setMaxListeners(SIGNAL_LISTENERS, config.signal);
		this.apiVersion = config.credentials.apiVersion;
		this.options = { ...DEFAULT_TRANSPORT_OPTIONS, ...config.options };
		this.retrySettings = {
			maxRetries: this.options.maxRetries,
			maxRetryAfterMs: this.options.maxRetryAfterMs,
			baseBackoffMs: 500,
			maxBackoffMs: 8_000,
		};
	}

	/**
	 * What a download feeding this client's uploads honours too: the user's time limits and the
	 * execution's cancel signal (see download.ts).
	 */
	get downloadLimits(): DownloadLimits {
		return {
			connectTimeoutMs: this.options.connectTimeoutMs,
			idleTimeoutMs: this.options.idleTimeoutMs,
			signal: this.config.signal,
		};
	}

	/**
	 * How many requests of one item may usefully wait for a slot at once (the parts of a long text): the
	 * execution's fixed limit, the adaptive limiter's largest window, or 1 without a limiter.
	 */
	get parallelRequests(): number {
		const limiter = this.limiterFor('/tts/bytes');
		if (!limiter) return 1;
		return limiter.adaptive ? ADAPTIVE_MAX_WINDOW : limiter.window;
	}

	/**
	 * How many TTS requests may run at once now: the fixed limit, or the adaptive window (the plan's
	 * limit once a 429 has shown it). A long text is cut into whole rounds of it (helpers/textParts.ts).
	 */
	get ttsWindow(): number {
		return this.limiterFor('/tts/bytes')?.window ?? 1;
	}

	/** The limiter a request to `path` queues on, if any. */
	limiterFor(path: string): ConcurrencyLimiter | undefined {
		const { limiter } = this.config;
		return typeof limiter === 'function' ? limiter(path) : limiter;
	}

	/**
	 * The same client, also stopped by `signal`: requests in flight, backoff waits and the queue for a
	 * slot end as a cancel does. The parts of a long text use it to stop their siblings after a failure.
	 */
	withSignal(signal: AbortSignal): CartesiaClient {
		const signals = this.config.signal ? [this.config.signal, signal] : [signal];
		return new CartesiaClient({ ...this.config, signal: AbortSignal.any(signals) });
	}

	/** A JSON request; resolves to the parsed body (`{}` for an empty 2xx such as 204). */
	async json<T = unknown>(cartesiaRequest: CartesiaRequest): Promise<T> {
		const { response, done } = await this.send(cartesiaRequest, 'application/json');
		const limit = maxJsonBytes(cartesiaRequest.path);
		let text: string;
		try {
			text = await this.readBounded(response, limit);
		} catch (error) {
			throw this.streamError(error);
		} finally {
			done();
		}
		if (!text.trim()) return {} as T;
		try {
			return JSON.parse(text) as T;
		} catch {
			throw this.apiError({
				status: response.statusCode,
				message: `Cartesia answered with a body that is not JSON: ${text.slice(0, 200)}`,
				requestId: header(response.headers, 'x-request-id'),
			});
		}
	}

	/** A request whose answer (audio) is handed on as a stream, not gathered in memory. */
	async stream(cartesiaRequest: CartesiaRequest): Promise<CartesiaStreamResponse> {
		const { response, done } = await this.send(cartesiaRequest, cartesiaRequest.accept ?? '*/*');
		// Cartesia counts a request until its audio has been sent, so the slot is held until then.
		response.body.once('close', done);
		return {
			status: response.statusCode,
			headers: response.headers,
			contentType: header(response.headers, 'content-type'),
			requestId: header(response.headers, 'x-request-id'),
			body: response.body,
		};
	}

	/**
	 * An SSE request, yielding each event's JSON object as it arrives. It stops after the event that
	 * says `done: true`, throws on an error event (even after HTTP 200), and throws if the stream ends
	 * before `done`, so a partial result is never taken for a whole one.
	 */
	async *events(cartesiaRequest: CartesiaRequest): AsyncGenerator<Record<string, unknown>> {
		const { response, done } = await this.send(cartesiaRequest, 'text/event-stream');
		const requestId = header(response.headers, 'x-request-id');
		try {
			// All the events of one network chunk at a time: no wait between them but the consumer's own.
			for await (const frames of readServerSentEventBatches(response.body, MAX_EVENT_CHARS)) {
				for (const frame of frames) {
					// Fern SDKs treat `[DONE]` as a terminator; whether Cartesia sends it is unconfirmed
					// (docs/wire-format.md §1.6).
					if (frame.data.trim() === '[DONE]') return;
					const event = this.parseEvent(frame.data, response.statusCode, requestId);
					// Errors arrive as `type: "error"` objects (and, from 2026-03-01, under `event: error`).
					if (frame.event === 'error' || event.type === 'error') throw this.eventError(event, requestId);
					if (event.done === true) return;
					yield event;
				}
			}
		} catch (error) {
			if (error instanceof EventTooLargeError) {
				throw tooLargeError(this.config.node, 'a stream event', error.limit, requestId);
			}
			throw this.streamError(error);
		} finally {
			response.body.destroy();
			done();
		}
		throw this.apiError({
			status: response.statusCode,
			message: 'The stream ended before Cartesia said it was done; the result would be incomplete',
			requestId,
		});
	}

	/** One event's JSON object; anything else is a malformed event. */
	private parseEvent(data: string, status: number, requestId: string | undefined): Record<string, unknown> {
		try {
			const parsed: unknown = parseAudioJson(data);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
		} catch {
			// reported below
		}
		throw this.apiError({
			status,
			message: `Cartesia sent a malformed event in the stream: ${data.slice(0, 120)}`,
			requestId,
		});
	}

	/** Wraps an error raised while a streamed body was being read (a reset mid-download, say). */
	streamError(error: unknown): NodeApiError | CartesiaRequestCancelledError {
		if (error instanceof NodeApiError || error instanceof CartesiaRequestCancelledError) return error;
		if (this.config.signal?.aborted) return cancelledError(this.config.node);
		return connectionError(this.config.node, error, this.config.credentials.baseUrl, this.secrets, this.options);
	}

	private get secrets(): string[] {
		return [this.config.credentials.apiKey, ...(this.config.secrets ?? [])];
	}

	private apiError(failure: CartesiaFailure, context?: FailureContext): NodeApiError {
		return cartesiaApiError(this.config.node, failure, this.secrets, context);
	}

	/** A JSON body read whole, but never past `limit` bytes (checked on the way, not after). */
	private async readBounded(response: Dispatcher.ResponseData, limit: number): Promise<string> {
		const requestId = header(response.headers, 'x-request-id');
		const declared = Number(header(response.headers, 'content-length'));
		if (declared > limit) {
			response.body.destroy();
			throw tooLargeError(this.config.node, 'an answer', limit, requestId);
		}
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of response.body) {
			size += (chunk as Buffer).length;
			if (size > limit) {
				response.body.destroy();
				throw tooLargeError(this.config.node, 'an answer', limit, requestId);
			}
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	/** Waits before a retry; a cancel during the wait (its only way to fail) ends the item as canceled. */
	private async wait(ms: number): Promise<void> {
		try {
			await waitFor(ms, this.config.signal);
		} catch {
			throw cancelledError(this.config.node);
		}
	}

	/** What to tell the user when an error ends the retries, beyond Cartesia's own words. */
	private refusalContext(failure: CartesiaFailure, retryAfterMs: number | undefined, canRetry: boolean): FailureContext {
		const { maxRetryAfterMs } = this.options;
		if (canRetry && retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
			const when = new Date(Date.now() + retryAfterMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
			return {
				note: `Cartesia asked to retry after ${secondsText(retryAfterMs)}, beyond Max Retry-After Wait (${secondsText(maxRetryAfterMs)}); try again after ${when}`,
				hint: 'Run the workflow again after that time, or raise Max Retry-After Wait in Request Options so the node waits itself',
			};
		}
		if (failure.status !== 429) return {};
		if (!isCapacityRefusal(failure)) {
			return {
				hint: `Cartesia refused for a reason other than concurrency (${failure.errorCode}): check your plan’s usage and limits`,
			};
		}
		return {
			hint: 'Your plan allows only so many requests at once: set Max Concurrent Requests to 0 (automatic) to wait for room, or to your plan’s limit',
		};
	}

	private eventError(event: Record<string, unknown>, requestId: string | undefined): NodeApiError {
		const text = (key: string) => (typeof event[key] === 'string' ? (event[key] as string) : undefined);
		const status = typeof event.status_code === 'number' ? event.status_code : 500;
		return this.apiError({
			status,
			// 2024-11-13 events carry `error`; 2025-11-04 and later `title` and `message` (docs/wire-format.md §2.5).
			message: text('message') ?? text('error') ?? text('title') ?? 'Cartesia reported an error in the stream',
			title: text('title'),
			errorCode: text('error_code'),
			requestId: text('request_id') ?? requestId,
			docUrl: text('doc_url'),
		});
	}

	private async send(cartesiaRequest: CartesiaRequest, accept: string): Promise<SentRequest> {
		const { credentials, node, signal } = this.config;
		const limiter = this.limiterFor(cartesiaRequest.path);
		// Checked again here, whoever built the credentials: the key never goes out in clear text.
		const urlProblem = baseUrlProblem(credentials.baseUrl);
		if (urlProblem) throw new NodeOperationError(node, urlProblem);
		const target = requestTarget(`${credentials.baseUrl}${cartesiaRequest.path}${queryString(cartesiaRequest.query)}`);
		const dispatcher = dispatcherForBaseUrl(credentials.baseUrl, this.options);
		const tries: Tries = { attempt: 0, capacityRetries: 0 };
		for (;;) {
			if (signal?.aborted) throw cancelledError(node);
			// An item already refused for capacity goes to the front of the queue: it has waited its turn.
			const slot = limiter ? await this.acquireSlot(limiter, tries.capacityDeadline !== undefined) : NO_SLOT;
			const headers: Record<string, string> = {
				...authHeaders(credentials.apiVersion, credentials.apiKey),
				'user-agent': USER_AGENT,
				accept,
			};
			let body: string | Readable | undefined;
			if (cartesiaRequest.multipart) {
				// Built anew for every attempt: a file stream read by a failed attempt cannot be replayed
				// (and a file given by URL is downloaded again).
				let multipart: Awaited<ReturnType<typeof buildMultipartBody>>;
				try {
					multipart = await buildMultipartBody(cartesiaRequest.multipart);
				} catch (error) {
					slot.release('failed');
					if (signal?.aborted) throw cancelledError(node);
					// A file that could not be opened (a download refused, say) says why in the item's terms.
					throw uploadSourceFailure(error) ?? new NodeOperationError(node, error as Error);
				}
				body = multipart.body;
				Object.assign(headers, multipart.headers);
			} else if (cartesiaRequest.json !== undefined) {
				body = JSON.stringify(cartesiaRequest.json);
				headers['content-type'] = 'application/json';
			}
			const canRetry = tries.attempt < this.retrySettings.maxRetries;
			let response: Dispatcher.ResponseData;
			try {
				response = await dispatcher.request({ ...target, method: cartesiaRequest.method, headers, body, signal: signal && abortRelay(signal) });
			} catch (error) {
				slot.release('failed');
				if (typeof body === 'object') body.destroy();
				if (signal?.aborted) throw cancelledError(node);
				// A file that failed while it was being sent (a download cut short, say) is the item's
				// problem, already told in the item's terms: not Cartesia's, and not retried.
				const fileFailure = uploadSourceFailure(error);
				if (fileFailure) throw fileFailure;
				if (canRetry && isRetryableConnectionError(cartesiaRequest.retry, error)) {
					await this.wait(backoffDelayMs(tries.attempt++, this.retrySettings));
					continue;
				}
				throw connectionError(node, error, credentials.baseUrl, this.secrets, this.options);
			}
			if (response.statusCode < 300) {
				// Admitted: the window may widen now, while the answer (audio being generated) still streams.
				slot.admitted?.();
				return { response, done: () => slot.release('done') };
			}

			const failure = parseCartesiaError(response.statusCode, response.headers, await readErrorBody(response.body));
			if (typeof body === 'object') body.destroy();
			if (signal?.aborted) throw cancelledError(node);
			await this.wait(this.delayAfterRefusal(failure, response.headers['retry-after'], cartesiaRequest.retry, slot, tries, limiter));
		}
	}

	/**
	 * After Cartesia refused a request (or a WebSocket upgrade): frees its slot, then either says how long
	 * to wait before the next try (a concurrency 429 under an adaptive limiter, bounded by Max Wait for
	 * Capacity; a retryable status, bounded by Max Retries) or throws the refusal as the item's error.
	 * Synchronous, so a refusal fails the item before a queued sibling can take the freed slot.
	 */
	private delayAfterRefusal(
		failure: CartesiaFailure,
		retryAfterHeader: string | string[] | undefined,
		policy: RetryPolicy,
		slot: ConcurrencySlot,
		tries: Tries,
		limiter: ConcurrencyLimiter | undefined,
	): number {
		const canRetry = tries.attempt < this.retrySettings.maxRetries;
		const retryAfter = parseRetryAfter(retryAfterHeader);
		const capacityRefusal = isCapacityRefusal(failure);
		slot.release(capacityRefusal ? 'limited' : 'failed');
		if (capacityRefusal && limiter?.adaptive) {
			// The adaptive window has just narrowed; the item waits for room, bounded by time, not count.
			const now = Date.now();
			tries.capacityDeadline ??= now + this.options.maxCapacityWaitMs;
			const remaining = tries.capacityDeadline - now;
			// Cartesia's own Retry-After past the deadline means no room in time: fail now, not later.
			if (remaining <= 0 || (retryAfter !== undefined && retryAfter > remaining)) {
				throw this.apiError(failure, this.capacityExhausted(retryAfter));
			}
			return Math.min(retryAfter ?? capacityBackoffMs(tries.capacityRetries++), remaining);
		}
		const retryAfterAllowed = retryAfter === undefined || retryAfter <= this.retrySettings.maxRetryAfterMs;
		if (canRetry && isRetryableStatus(policy, failure.status) && retryAfterAllowed) {
			const delay = retryAfter ?? backoffDelayMs(tries.attempt, this.retrySettings);
			tries.attempt++;
			return delay;
		}
		const retryable = isRetryableStatus(policy, failure.status);
		throw this.apiError(failure, retryable ? this.refusalContext(failure, retryAfter, canRetry) : {});
	}

	/**
	 * Opens Cartesia's TTS WebSocket (websocket.ts) holding one concurrency slot until it is closed: a
	 * context counts once against the plan however many inputs it takes. Opening retries as an HTTP
	 * request does: connection failures and 5xx up to Max Retries, a concurrency 429 on the upgrade
	 * waited out under Max Wait for Capacity.
	 */
	async openTtsWebSocket(): Promise<TtsConnection> {
		const { credentials, node, signal } = this.config;
		const urlProblem = baseUrlProblem(credentials.baseUrl);
		if (urlProblem) throw new NodeOperationError(node, urlProblem);
		const url = ttsWebSocketUrl(credentials.baseUrl);
		// A narration counts against the plan's TTS concurrency, as /tts/bytes does.
		const limiter = this.limiterFor(TTS_WEBSOCKET_PATH);
		const dispatcher = dispatcherForBaseUrl(credentials.baseUrl, this.options);
		const tries: Tries = { attempt: 0, capacityRetries: 0 };
		for (;;) {
			if (signal?.aborted) throw cancelledError(node);
			const slot = limiter ? await this.acquireSlot(limiter, tries.capacityDeadline !== undefined) : NO_SLOT;
			let opened: OpenResult;
			try {
				opened = await connectTtsWebSocket({
					url,
					headers: { ...authHeaders(credentials.apiVersion, credentials.apiKey), 'user-agent': USER_AGENT },
					dispatcher,
					connectTimeoutMs: this.options.connectTimeoutMs,
					idleTimeoutMs: this.options.idleTimeoutMs,
					signal,
				});
			} catch {
				// connectTtsWebSocket throws only when the execution is canceled.
				slot.release('failed');
				throw cancelledError(node);
			}
			if ('socket' in opened) {
				slot.admitted?.();
				return this.ttsConnection(opened.socket, slot);
			}
			if ('failure' in opened) {
				slot.release('failed');
				if (tries.attempt < this.retrySettings.maxRetries && isRetryableConnectionError('repeatable', opened.failure)) {
					await this.wait(backoffDelayMs(tries.attempt++, this.retrySettings));
					continue;
				}
				throw connectionError(node, opened.failure, credentials.baseUrl, this.secrets, this.options);
			}
			const { refusal } = opened;
			const failure = parseCartesiaError(refusal.status, refusal.headers, refusal.body);
			await this.wait(this.delayAfterRefusal(failure, refusal.headers['retry-after'], 'repeatable', slot, tries, limiter));
		}
	}

	/** How many times a dropped WebSocket may be reopened for one narration: Max Retries. */
	get maxReconnects(): number {
		return this.retrySettings.maxRetries;
	}

	private ttsConnection(socket: TtsWebSocket, slot: ConcurrencySlot): TtsConnection {
		let released = false;
		const close = (outcome: 'done' | 'failed') => {
			socket.close();
			if (released) return;
			released = true;
			slot.release(outcome);
		};
		// An error frame is Cartesia's refusal of the context: the node's error, however it was taken.
		const checked = (frame: TtsFrame): TtsFrame => {
			if (frame.type === 'error') throw this.eventError(frame, undefined);
			return frame;
		};
		return {
			send: (message) => {
				try {
					socket.send(message);
				} catch (error) {
					throw this.webSocketError(error);
				}
			},
			receive: async () => {
				let frame: TtsFrame;
				try {
					frame = await socket.receive();
				} catch (error) {
					close('failed');
					throw this.webSocketError(error);
				}
				return checked(frame);
			},
			take: () => {
				const frame = socket.take();
				return frame && checked(frame);
			},
			close,
		};
	}

	/** A drop or stall becomes a connection error the caller may answer by reconnecting; a cancel, the cancel. */
	private webSocketError(error: unknown): NodeApiError | CartesiaRequestCancelledError {
		if (error instanceof WebSocketCancelled || this.config.signal?.aborted) return cancelledError(this.config.node);
		const nodeError = connectionError(this.config.node, error, this.config.credentials.baseUrl, this.secrets, this.options);
		if (error instanceof WebSocketDropped) droppedConnections.add(nodeError);
		return nodeError;
	}

	/** The item waited for the plan to have room as long as Max Wait for Capacity allows. */
	private capacityExhausted(retryAfterMs: number | undefined): FailureContext {
		const limit = secondsText(this.options.maxCapacityWaitMs);
		return {
			note:
				retryAfterMs === undefined
					? `your plan stayed at its concurrency limit for longer than Max Wait for Capacity (${limit})`
					: `Cartesia asked to wait ${secondsText(retryAfterMs)}, past what is left of Max Wait for Capacity (${limit})`,
			hint: 'Other work is using your plan’s concurrent requests: raise Max Wait for Capacity in Request Options, or run fewer executions against this plan at once',
		};
	}

	private async acquireSlot(limiter: ConcurrencyLimiter, first: boolean): Promise<ConcurrencySlot> {
		try {
			return await limiter.acquire(this.config.signal, first);
		} catch {
			throw cancelledError(this.config.node);
		}
	}
}
