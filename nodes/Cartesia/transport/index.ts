import type { Readable } from 'node:stream';

import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { request, type Dispatcher } from 'undici';

import type { ApiVersion } from '../versions';
import { authHeaders } from './auth';
import type { ConcurrencyLimiter, ConcurrencySlot } from './concurrency';
import type { CartesiaCredentials } from './credentials';
import { dispatcherFor } from './dispatcher';
import { cancelledError, cartesiaApiError, connectionError, parseCartesiaError, readErrorBody } from './errors';
import { buildMultipartBody, type MultipartFields } from './multipart';
import {
	backoffDelayMs,
	isRetryableConnectionError,
	isRetryableStatus,
	parseRetryAfter,
	waitFor,
	type RetryPolicy,
	type RetrySettings,
} from './retry';
import { readServerSentEvents } from './sse';

export type { RetryPolicy } from './retry';
export { ADAPTIVE_MAX_WINDOW, createLimiter, type ConcurrencyLimiter } from './concurrency';
export type { MultipartFields, MultipartFile } from './multipart';

/** The knobs a user can turn in the node's Request Options; everything else about the wire is fixed. */
export interface TransportOptions {
	maxRetries: number;
	maxRetryAfterMs: number;
	connectTimeoutMs: number;
	idleTimeoutMs: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	maxRetries: 2,
	maxRetryAfterMs: 60_000,
	connectTimeoutMs: 10_000,
	idleTimeoutMs: 60_000,
};

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
	/** Shared by every item of an execution: how many requests may be in flight at once. */
	limiter?: ConcurrencyLimiter;
}

/** An adaptive limiter retries a concurrency 429 this often before the item fails. */
const MAX_CONCURRENCY_RETRIES = 50;

interface SentRequest {
	response: Dispatcher.ResponseData;
	/** Frees the concurrency slot; held until the response body is finished. */
	done: () => void;
}

const NO_SLOT: ConcurrencySlot = { release: () => {} };

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
		this.apiVersion = config.credentials.apiVersion;
		this.options = { ...DEFAULT_TRANSPORT_OPTIONS, ...config.options };
		this.retrySettings = {
			maxRetries: this.options.maxRetries,
			maxRetryAfterMs: this.options.maxRetryAfterMs,
			baseBackoffMs: 500,
			maxBackoffMs: 8_000,
		};
	}

	/** A JSON request; resolves to the parsed body (`{}` for an empty 2xx such as 204). */
	async json<T = unknown>(cartesiaRequest: CartesiaRequest): Promise<T> {
		const { response, done } = await this.send(cartesiaRequest, 'application/json');
		let text: string;
		try {
			text = await response.body.text();
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
			for await (const frame of readServerSentEvents(response.body)) {
				// Fern SDKs treat `[DONE]` as a terminator; whether Cartesia sends it is unconfirmed (reference 1.6).
				if (frame.data.trim() === '[DONE]') return;
				let event: Record<string, unknown>;
				try {
					const parsed: unknown = JSON.parse(frame.data);
					if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
					event = parsed as Record<string, unknown>;
				} catch {
					throw this.apiError({
						status: response.statusCode,
						message: `Cartesia sent a malformed event in the stream: ${frame.data.slice(0, 120)}`,
						requestId,
					});
				}
				// Errors arrive as `type: "error"` objects (and, from 2026-03-01, under `event: error`).
				if (frame.event === 'error' || event.type === 'error') throw this.eventError(event, requestId);
				if (event.done === true) return;
				yield event;
			}
		} catch (error) {
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

	/** Wraps an error raised while a streamed body was being read (a reset mid-download, say). */
	streamError(error: unknown): NodeApiError {
		if (error instanceof NodeApiError) return error;
		return connectionError(this.config.node, error, this.config.credentials.baseUrl, this.secrets);
	}

	private get secrets(): string[] {
		return [this.config.credentials.apiKey];
	}

	private apiError(failure: Parameters<typeof cartesiaApiError>[1]): NodeApiError {
		return cartesiaApiError(this.config.node, failure, this.secrets);
	}

	private eventError(event: Record<string, unknown>, requestId: string | undefined): NodeApiError {
		const text = (key: string) => (typeof event[key] === 'string' ? (event[key] as string) : undefined);
		const status = typeof event.status_code === 'number' ? event.status_code : 500;
		return this.apiError({
			status,
			// 2024-11-13 events carry `error`; 2025-11-04 and later `title` and `message` (reference 2.5).
			message: text('message') ?? text('error') ?? text('title') ?? 'Cartesia reported an error in the stream',
			title: text('title'),
			errorCode: text('error_code'),
			requestId: text('request_id') ?? requestId,
			docUrl: text('doc_url'),
		});
	}

	private async send(cartesiaRequest: CartesiaRequest, accept: string): Promise<SentRequest> {
		const { credentials, limiter } = this.config;
		const url = new URL(`${credentials.baseUrl}${cartesiaRequest.path}${queryString(cartesiaRequest.query)}`);
		const dispatcher = dispatcherFor(url, this.options);
		const signal = this.config.signal;
		let attempt = 0;
		let concurrencyRetries = 0;
		for (;;) {
			signal?.throwIfAborted();
			const slot = limiter ? await this.acquireSlot(limiter) : NO_SLOT;
			const headers: Record<string, string> = {
				...authHeaders(credentials.apiVersion, credentials.apiKey),
				'user-agent': USER_AGENT,
				accept,
			};
			let body: string | Readable | undefined;
			if (cartesiaRequest.multipart) {
				// Built anew for every attempt: a file stream read by a failed attempt cannot be replayed.
				const multipart = await buildMultipartBody(cartesiaRequest.multipart);
				body = multipart.body;
				Object.assign(headers, multipart.headers);
			} else if (cartesiaRequest.json !== undefined) {
				body = JSON.stringify(cartesiaRequest.json);
				headers['content-type'] = 'application/json';
			}
			const canRetry = attempt < this.retrySettings.maxRetries;
			let response: Dispatcher.ResponseData;
			try {
				response = await request(url, { method: cartesiaRequest.method, headers, body, signal, dispatcher });
			} catch (error) {
				slot.release('done');
				if (typeof body === 'object') body.destroy();
				if (signal?.aborted) throw cancelledError(this.config.node);
				if (canRetry && isRetryableConnectionError(cartesiaRequest.retry, error)) {
					await waitFor(backoffDelayMs(attempt++, this.retrySettings), signal);
					continue;
				}
				throw connectionError(this.config.node, error, credentials.baseUrl, this.secrets);
			}
			if (response.statusCode < 300) return { response, done: () => slot.release('done') };

			const failure = parseCartesiaError(response.statusCode, response.headers, await readErrorBody(response.body));
			if (typeof body === 'object') body.destroy();
			const retryAfter = parseRetryAfter(response.headers['retry-after']);
			const retryAfterAllowed = retryAfter === undefined || retryAfter <= this.retrySettings.maxRetryAfterMs;
			if (response.statusCode === 429 && limiter?.adaptive) {
				// The adaptive window has just narrowed; the item waits for a slot under the new limit.
				slot.release('limited');
				if (concurrencyRetries++ < MAX_CONCURRENCY_RETRIES && retryAfterAllowed) {
					await waitFor(retryAfter ?? Math.min(2_000, 25 * 2 ** Math.min(concurrencyRetries, 6)), signal);
					continue;
				}
				throw this.apiError(failure);
			}
			slot.release(response.statusCode === 429 ? 'limited' : 'done');
			if (canRetry && isRetryableStatus(cartesiaRequest.retry, response.statusCode) && retryAfterAllowed) {
				await waitFor(retryAfter ?? backoffDelayMs(attempt, this.retrySettings), signal);
				attempt++;
				continue;
			}
			throw this.apiError(failure);
		}
	}

	private async acquireSlot(limiter: ConcurrencyLimiter): Promise<ConcurrencySlot> {
		try {
			return await limiter.acquire(this.config.signal);
		} catch {
			throw cancelledError(this.config.node);
		}
	}
}
