/**
 * The one way a response leaves the stand-in. It adds the configured latency (and a `slow` fault)
 * before the headers, stamps `x-request-id`, honours backpressure, stops when the client goes away,
 * and carries out a `reset-mid-body` fault.
 */
import type { ServerResponse } from 'node:http';

import { ResponseAbandoned } from './errors';

const WRITE_BUFFER_BYTES = 1024 * 1024;

export interface WriterOptions {
	requestId: string;
	/** Milliseconds to wait before the headers (latency + slow fault). */
	delayMs: number;
	/** Aborted when the client disconnects. */
	signal: AbortSignal;
	/** Destroy the socket after this many body bytes (a `reset-mid-body` fault). */
	resetAfterBytes?: number;
	/** Pad a JSON success answer to about this many bytes, sent chunked (a `huge-json` fault). */
	padJsonToBytes?: number;
	onHead(status: number): void;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) {
			reject(new ResponseAbandoned('the client went away'));
			return;
		}
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		function onAbort(): void {
			clearTimeout(timer);
			reject(new ResponseAbandoned('the client went away'));
		}
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

const PADDING_PIECE = Buffer.alloc(64 * 1024, 'x');

export class ResponseWriter {
	private bodyBytes = 0;
	private started = false;

	constructor(
		private readonly res: ServerResponse,
		private options: WriterOptions,
	) {}

	/** Answer a rejection plainly: only the configured latency, no slow or reset-mid-body fault. */
	disarmFaults(latencyMs: number): void {
		this.options = { ...this.options, delayMs: latencyMs, resetAfterBytes: undefined, padJsonToBytes: undefined };
	}

	get requestId(): string {
		return this.options.requestId;
	}

	get headersStarted(): boolean {
		return this.started || this.res.headersSent;
	}

	private checkAlive(): void {
		if (this.options.signal.aborted || this.res.destroyed) throw new ResponseAbandoned('the client went away');
	}

	/** Waits `ms` (nothing if not positive); rejects once the client has gone. */
	async pause(ms: number): Promise<void> {
		if (ms > 0) await sleep(ms, this.options.signal);
	}

	/** Wait the configured delay, then send status and headers. */
	async head(status: number, headers: Record<string, string | number> = {}): Promise<void> {
		this.started = true;
		if (this.options.delayMs > 0) await sleep(this.options.delayMs, this.options.signal);
		this.checkAlive();
		this.options.onHead(status);
		this.res.writeHead(status, { ...headers, 'x-request-id': this.options.requestId });
		this.res.flushHeaders();
	}

	async write(chunk: Buffer | string): Promise<void> {
		this.checkAlive();
		const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		const limit = this.options.resetAfterBytes;
		if (limit !== undefined && this.bodyBytes + data.length >= limit) {
			await this.writeRaw(data.subarray(0, limit - this.bodyBytes));
			await this.reset();
		}
		this.bodyBytes += data.length;
		await this.writeRaw(data);
	}

	private writeRaw(data: Buffer): Promise<void> {
		if (data.length === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const { signal } = this.options;
			const gone = (): void => {
				cleanup();
				reject(new ResponseAbandoned('the client went away'));
			};
			const drained = (): void => {
				cleanup();
				resolve();
			};
			const cleanup = (): void => {
				signal.removeEventListener('abort', gone);
				this.res.off('drain', drained);
				this.res.off('close', gone);
			};
			// Let up to WRITE_BUFFER_BYTES queue in the socket before waiting for 'drain': bounded memory,
			// but not one event-loop turn per 64 KB chunk.
			if (this.res.write(data) || this.res.writableLength < WRITE_BUFFER_BYTES) {
				resolve();
				return;
			}
			signal.addEventListener('abort', gone, { once: true });
			this.res.once('drain', drained);
			this.res.once('close', gone);
		});
	}

	/** Close the connection once everything written so far (headers included) has left the process. */
	private async reset(): Promise<never> {
		const socket = this.res.socket;
		const deadline = Date.now() + 500;
		while (socket && !socket.destroyed && socket.writableLength > 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
		socket?.destroy();
		this.res.destroy();
		throw new ResponseAbandoned('reset-mid-body fault');
	}

	async end(chunk?: Buffer | string): Promise<void> {
		if (chunk !== undefined) await this.write(chunk);
		if (this.options.resetAfterBytes !== undefined) await this.reset();
		this.checkAlive();
		await new Promise<void>((resolve) => this.res.end(() => resolve()));
	}

	/** A complete body with Content-Length. */
	async send(status: number, headers: Record<string, string | number>, body: Buffer): Promise<void> {
		await this.head(status, { ...headers, 'content-length': body.length });
		await this.end(body);
	}

	async json(status: number, value: unknown, headers: Record<string, string | number> = {}): Promise<void> {
		if (this.options.padJsonToBytes !== undefined) {
			await this.paddedJson(status, value, headers, this.options.padJsonToBytes);
			return;
		}
		await this.send(status, { 'content-type': 'application/json', ...headers }, Buffer.from(JSON.stringify(value)));
	}

	/**
	 * The answer with a leading `padding` string field making it about `bytes` long, streamed in 64 KB
	 * pieces without Content-Length, so the client cannot know the size before reading (a `huge-json` fault).
	 */
	private async paddedJson(status: number, value: unknown, headers: Record<string, string | number>, bytes: number): Promise<void> {
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('huge-json pads only JSON objects');
		const rest = JSON.stringify(value).slice(1);
		const open = '{"padding":"';
		const close = rest === '}' ? '"}' : `",${rest}`;
		let padding = Math.max(0, bytes - open.length - close.length);
		await this.head(status, { 'content-type': 'application/json', ...headers });
		await this.write(open);
		// One buffer written again and again: the stand-in's own allocations stay out of the client's
		// memory measurements (faults.caps.test.ts runs both in one process).
		while (padding > 0) {
			const size = Math.min(padding, PADDING_PIECE.length);
			await this.write(PADDING_PIECE.subarray(0, size));
			padding -= size;
		}
		await this.end(close);
	}

	/** Destroy the connection without a response (a `reset-before-response` fault). */
	destroy(): void {
		const socket = this.res.socket;
		if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket?.destroy();
		this.res.destroy();
	}
}
