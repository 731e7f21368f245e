/**
 * The queue of injected faults. A request takes the first fault (in injection order) whose path
 * matches; `sse-*` faults only match SSE endpoints. A fault with `times: n` serves n requests; one
 * with `after: n` first lets n matching requests pass.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { Fault, FaultAction } from './types';

interface QueuedFault {
	fault: Fault;
	remaining: number;
	/** Matching requests still to let pass. */
	passing: number;
}

export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(fault: Fault): void {
		const times = fault.times ?? 1;
		if (!Number.isInteger(times) || times < 1) throw new Error(`fault.times must be a positive integer; got ${times}`);
		const after = fault.after ?? 0;
		if (!Number.isInteger(after) || after < 0) throw new Error(`fault.after must be a non-negative integer; got ${after}`);
		this.queue.push({ fault: { ...fault }, remaining: times, passing: after });
	}

	clear(): void {
		this.queue = [];
	}

	/** Consume the first fault that applies to this request. */
	take(path: string, isSse: boolean): FaultAction | undefined {
		const index = this.queue.findIndex((entry) => {
			const { fault } = entry;
			if (fault.path !== undefined && fault.path !== path) return false;
			if (fault.kind.startsWith('sse-') && !isSse) return false;
			if (entry.passing > 0) {
				entry.passing--;
				return false;
			}
			return true;
		});
		if (index < 0) return undefined;
		const entry = this.queue[index];
		entry.remaining--;
		if (entry.remaining === 0) this.queue.splice(index, 1);
		const { path: _path, times: _times, after: _after, ...action } = entry.fault;
		return action as FaultAction;
	}
}

/**
 * The message of an `echo-key` or `sse-echo-key` fault: the credential the request carried (from
 * `X-API-Key` or `Authorization: Bearer`), bare and in its `Bearer` form.
 */
export function echoKeyMessage(headers: IncomingHttpHeaders): string {
	const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);
	const credential = single(headers['x-api-key']) ?? single(headers.authorization)?.replace(/^Bearer\s+/i, '') ?? '';
	return `injected echo-key fault: refused the credential ${credential} (sent as "Authorization: Bearer ${credential}")`;
}
