/**
 * Server-sent events as Cartesia frames them (docs/wire-format.md §1.6): `data: <json>\n\n`, with
 * `event: error` before error frames from 2026-03-01. Also carries out the `sse-*` faults (malformed,
 * error, truncated, long line, no done, unknown events).
 */
import { type ApiVersion, versionSupports } from '../../nodes/Cartesia/versions';
import { ResponseAbandoned } from './errors';
import type { FaultAction } from './types';
import { sseErrorIsStructured } from './versionFacts';
import type { ResponseWriter } from './writer';

export type SseFault = Extract<FaultAction, { kind: `sse-${string}` }>;

/** What an `sse-unknown-events` fault sends before each event: a comment, a named event, an unknown type. */
export const UNKNOWN_SSE_FRAMES = ': keep-alive\n\nevent: ping\ndata: {"type":"ping"}\n\ndata: {"type":"flush_done","flush_id":1}\n\n';

export const SSE_HEADERS = {
	'content-type': 'text/event-stream',
	'cache-control': 'no-cache',
};

/**
 * The error event of a version (docs/wire-format.md §2.5): the 2024-11-13 definition's `{type, error, done,
 * status_code}` up to 2025-04-16 (no newer shape is documented for it), the OAS shape with
 * `title/message/error_code/request_id` from 2025-11-04.
 */
export function errorEvent(
	version: ApiVersion,
	error: { statusCode: number; title: string; message: string; errorCode: string; requestId: string; contextId?: string },
): Record<string, unknown> {
	const event: Record<string, unknown> = !sseErrorIsStructured(version)
		? { type: 'error', error: error.message, done: true, status_code: error.statusCode }
		: {
				type: 'error',
				done: true,
				status_code: error.statusCode,
				title: error.title,
				message: error.message,
				error_code: error.errorCode,
				request_id: error.requestId,
			};
	if (error.contextId !== undefined) event.context_id = error.contextId;
	return event;
}

export class SseStream {
	private sent = 0;

	constructor(
		private readonly writer: ResponseWriter,
		private readonly version: ApiVersion,
		private readonly fault: SseFault | undefined,
		private readonly contextId?: string,
	) {}

	async open(): Promise<void> {
		await this.writer.head(200, SSE_HEADERS);
	}

	private frame(event: unknown, isError = false): string {
		const name = isError && versionSupports(this.version, 'structuredErrors') ? 'event: error\n' : '';
		return `${name}data: ${JSON.stringify(event)}\n\n`;
	}

	/** Send one event, unless a fault is due first (then the stream ends and this throws). */
	async event(event: Record<string, unknown>): Promise<void> {
		if (this.fault && 'afterEvents' in this.fault && this.sent >= (this.fault.afterEvents ?? 0)) await this.fire(this.fault);
		if (this.fault?.kind === 'sse-unknown-events') await this.writer.write(UNKNOWN_SSE_FRAMES);
		await this.writer.write(this.frame(event));
		this.sent++;
	}

	/** The final `done` event; a fault that never became due fires in its place. */
	async done(event: Record<string, unknown>): Promise<void> {
		if (this.fault?.kind === 'sse-no-done') {
			await this.writer.end();
			return;
		}
		if (this.fault?.kind === 'sse-unknown-events') await this.writer.write(UNKNOWN_SSE_FRAMES);
		else if (this.fault) await this.fire(this.fault);
		await this.writer.write(this.frame(event));
		await this.writer.end();
	}

	private async fire(fault: SseFault): Promise<never> {
		if (fault.kind === 'sse-malformed') {
			await this.writer.write('data: {not json\n\n');
		} else if (fault.kind === 'sse-truncated') {
			await this.writer.write('data: {"type":"chunk","data":"AAAA');
		} else if (fault.kind === 'sse-long-line') {
			await this.writer.write('data: ');
			const piece = 'A'.repeat(64 * 1024);
			for (let left = fault.chars; left > 0; left -= piece.length) {
				await this.writer.write(left >= piece.length ? piece : piece.slice(0, left));
			}
		} else if (fault.kind === 'sse-error') {
			const error = errorEvent(this.version, {
				statusCode: 500,
				title: 'Internal Server Error',
				message: fault.message ?? 'audio generation failed (injected sse-error fault)',
				errorCode: 'generation_failed',
				requestId: this.writer.requestId,
				contextId: this.contextId,
			});
			await this.writer.write(this.frame(error, true));
		}
		// sse-no-done and sse-unknown-events never fire: they change the stream, they do not cut it.
		await this.writer.end();
		throw new ResponseAbandoned(`${fault.kind} fault`);
	}
}
