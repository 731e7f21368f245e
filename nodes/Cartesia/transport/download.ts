/**
 * A file given by URL, downloaded to be uploaded to Cartesia as it arrives.
 *
 * Unlike every request to Cartesia (undici, dispatcher.ts), this one goes to whatever host a user, or an
 * agent handed a link in a chat, names. So it goes through n8n's own HTTP client (`helpers.httpRequest`,
 * handed in as `request`): n8n's outbound-request protections (its SSRF rules) and proxy settings apply
 * to it as to n8n's HTTP Request node. Only Cartesia's own, fixed host is reached with undici.
 *
 * The body is streamed, never held whole: it is counted against a size limit as it arrives, must not
 * stall longer than the Idle Timeout while it is being read, ends the moment the execution is canceled,
 * and must match its Content-Length. Its first bytes can be looked at without losing them.
 */
import { Readable } from 'node:stream';

import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { errorCode } from './retry';

export type HttpRequester = (options: IHttpRequestOptions) => Promise<unknown>;

/** The limits every request of an item honours, downloads included. */
export interface DownloadLimits {
	connectTimeoutMs: number;
	idleTimeoutMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

export interface DownloadOptions extends DownloadLimits {
	maxBytes: number;
	maxRedirects: number;
	/** The error a failure becomes: the caller knows the parameter and the item. */
	failure: (failure: DownloadFailure) => Error;
	/** The error a cancel becomes. */
	cancelled: () => Error;
}

/** Why a download failed, in facts; the caller words them. */
export type DownloadFailure =
	| { kind: 'status'; status: number; statusText?: string }
	/** `declared` when the Content-Length said so up front; otherwise the count passed the limit. */
	| { kind: 'tooLarge'; limit: number; declared?: number }
	| { kind: 'tooManyRedirects'; limit: number }
	/** No answer (headers) within Connect Timeout + Idle Timeout. */
	| { kind: 'noAnswer'; ms: number }
	/** The body stalled for longer than the Idle Timeout while it was being read. */
	| { kind: 'stalled'; ms: number }
	/** The body ended before its Content-Length, or ran past it. */
	| { kind: 'lengthMismatch'; received: number; declared: number }
	| { kind: 'empty' }
	/** n8n's outbound rules refused the address (SSRF protection). */
	| { kind: 'refused'; message: string; description?: string }
	| { kind: 'connection'; code?: string; message: string };

export interface Download {
	/** The body, counted and bounded; it fails with the caller's errors. */
	body: Readable;
	contentType?: string;
	contentDisposition?: string;
	/** From Content-Length, when the host sent one. */
	size?: number;
	/** The first `bytes` bytes (fewer if the file is shorter), without consuming them. */
	peek(bytes: number): Promise<Buffer>;
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

function declaredLength(headers: IDataObject): number | undefined {
	const raw = header(headers, 'content-length')?.trim();
	if (!raw || !/^\d+$/.test(raw)) return undefined;
	return Number(raw);
}

/** What a failed request (no answer at all) says, in DownloadFailure terms. */
function requestFailure(error: unknown, maxRedirects: number): DownloadFailure {
	const code = errorCode(error);
	const message = error instanceof Error ? error.message : String(error);
	// follow-redirects says ERR_FR_TOO_MANY_REDIRECTS; n8n's own redirect loop (behind a proxy) says it in words.
	if (code === 'ERR_FR_TOO_MANY_REDIRECTS' || /maximum number of redirects/i.test(message)) {
		return { kind: 'tooManyRedirects', limit: maxRedirects };
	}
	if (error instanceof Error && /^Ssrf/.test(error.name)) {
		const description = (error as Error & { description?: unknown }).description;
		return { kind: 'refused', message, description: typeof description === 'string' ? description : undefined };
	}
	return { kind: 'connection', code, message };
}

/**
 * Starts a download: resolves once the host has answered 2xx with a size within the limit, with the
 * body still to be read. Everything else fails here, before a byte is uploaded.
 */
export async function startDownload(request: HttpRequester, url: string, options: DownloadOptions): Promise<Download> {
	const { signal } = options;
	if (signal?.aborted) throw options.cancelled();
	// One controller for the cancel and for "no answer in time", so both end the request itself.
	const controller = new AbortController();
	const onCancel = () => controller.abort();
	signal?.addEventListener('abort', onCancel, { once: true });
	const answerMs = options.connectTimeoutMs + options.idleTimeoutMs;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, answerMs);
	let response: IN8nHttpFullResponse;
	try {
		response = (await request({
			url,
			method: 'GET',
			encoding: 'stream',
			returnFullResponse: true,
			// Every status comes back as a response, so the body of a refusal can be closed and described.
			ignoreHttpStatusErrors: true,
			maxRedirects: options.maxRedirects,
			abortSignal: controller.signal,
			// Audio is compressed already, and a compressed transfer would not match its Content-Length.
			headers: { accept: 'audio/*, video/*;q=0.9, */*;q=0.5', 'accept-encoding': 'identity' },
		})) as IN8nHttpFullResponse;
	} catch (error) {
		if (signal?.aborted) throw options.cancelled();
		if (timedOut) throw options.failure({ kind: 'noAnswer', ms: answerMs });
		throw options.failure(requestFailure(error, options.maxRedirects));
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', onCancel);
	}

	const source = response.body as Readable;
	const fail = (failure: DownloadFailure): never => {
		source.destroy();
		throw options.failure(failure);
	};
	if (signal?.aborted) {
		source.destroy();
		throw options.cancelled();
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		fail({ kind: 'status', status: response.statusCode, statusText: response.statusMessage });
	}
	const headers = response.headers ?? {};
	const size = declaredLength(headers);
	if (size !== undefined && size > options.maxBytes) fail({ kind: 'tooLarge', limit: options.maxBytes, declared: size });
	if (size === 0) fail({ kind: 'empty' });
	const body = new GuardedBody(source, { ...options, declared: size });
	return {
		body,
		contentType: header(headers, 'content-type'),
		contentDisposition: header(headers, 'content-disposition'),
		size,
		peek: async (bytes) => await body.peek(bytes),
	};
}

interface GuardSettings extends DownloadOptions {
	declared?: number;
}

/**
 * The download's body as the upload reads it. It counts bytes against the limit and the Content-Length,
 * fails when the host stalls while the upload is waiting for data (not while the upload is busy: a
 * paused download is not a stalled one), ends on cancel, and can hold back its first bytes for a peek.
 */
class GuardedBody extends Readable {
	private received = 0;
	/** Chunks read during a peek, handed on first. */
	private readonly held: Buffer[] = [];
	private heldBytes = 0;
	private peeking?: { bytes: number; resolve: (head: Buffer) => void; reject: (error: Error) => void };
	private sourceEnded = false;
	private failedWith?: Error;
	private idleTimer?: NodeJS.Timeout;
	private readonly onCancel = () => this.fail(this.settings.cancelled());

	constructor(
		private readonly source: Readable,
		private readonly settings: GuardSettings,
	) {
		super();
		// The error also reaches the upload (form-data listens); this keeps a failure between the peek
		// and the upload from being an uncaught one.
		this.on('error', () => undefined);
		source.pause();
		source.on('data', (chunk: Buffer | string) => this.onData(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
		source.once('end', () => this.onEnd());
		source.once('error', (error: Error) => {
			if (this.settings.signal?.aborted) this.fail(this.settings.cancelled());
			else this.fail(this.settings.failure({ kind: 'connection', code: errorCode(error), message: error.message }));
		});
		settings.signal?.addEventListener('abort', this.onCancel, { once: true });
	}

	async peek(bytes: number): Promise<Buffer> {
		if (this.failedWith) throw this.failedWith;
		if (this.heldBytes >= bytes || this.sourceEnded) return Buffer.concat(this.held).subarray(0, bytes);
		return await new Promise<Buffer>((resolve, reject) => {
			this.peeking = { bytes, resolve, reject };
			this.source.resume();
			this.armIdle();
		});
	}

	_read(): void {
		while (this.held.length > 0) {
			const chunk = this.held.shift()!;
			this.heldBytes -= chunk.length;
			if (!this.push(chunk)) return;
		}
		if (this.sourceEnded) {
			this.push(null);
			return;
		}
		this.source.resume();
		this.armIdle();
	}

	_destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.disarmIdle();
		this.settings.signal?.removeEventListener('abort', this.onCancel);
		this.source.destroy();
		callback(error);
	}

	private onData(chunk: Buffer): void {
		this.received += chunk.length;
		const { declared, maxBytes } = this.settings;
		if (this.received > maxBytes) {
			this.fail(this.settings.failure({ kind: 'tooLarge', limit: maxBytes }));
			return;
		}
		if (declared !== undefined && this.received > declared) {
			this.fail(this.settings.failure({ kind: 'lengthMismatch', received: this.received, declared }));
			return;
		}
		if (this.peeking) {
			this.held.push(chunk);
			this.heldBytes += chunk.length;
			if (this.heldBytes >= this.peeking.bytes) {
				this.source.pause();
				this.disarmIdle();
				this.endPeek();
			} else {
				this.armIdle();
			}
			return;
		}
		if (this.push(chunk)) {
			this.armIdle();
		} else {
			this.source.pause();
			this.disarmIdle();
		}
	}

	private onEnd(): void {
		this.disarmIdle();
		this.sourceEnded = true;
		const { declared } = this.settings;
		if (this.received === 0) {
			this.fail(this.settings.failure({ kind: 'empty' }));
			return;
		}
		if (declared !== undefined && this.received !== declared) {
			this.fail(this.settings.failure({ kind: 'lengthMismatch', received: this.received, declared }));
			return;
		}
		if (this.peeking) this.endPeek();
		else if (this.held.length === 0) this.push(null);
	}

	private endPeek(): void {
		const peeking = this.peeking!;
		this.peeking = undefined;
		peeking.resolve(Buffer.concat(this.held).subarray(0, peeking.bytes));
	}

	private armIdle(): void {
		if (this.idleTimer) {
			this.idleTimer.refresh();
			return;
		}
		const ms = this.settings.idleTimeoutMs;
		this.idleTimer = setTimeout(() => this.fail(this.settings.failure({ kind: 'stalled', ms })), ms);
	}

	private disarmIdle(): void {
		if (!this.idleTimer) return;
		clearTimeout(this.idleTimer);
		this.idleTimer = undefined;
	}

	private fail(error: Error): void {
		if (this.destroyed) return;
		this.failedWith = error;
		const peeking = this.peeking;
		this.peeking = undefined;
		peeking?.reject(error);
		this.destroy(error);
	}
}
