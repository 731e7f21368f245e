/**
 * When a failed attempt is tried again, and after how long. Two policies:
 * - `repeatable`: reads, updates and generation (TTS, STT, Infill, Voice Changer). Sending them twice
 *   does no harm, so they are retried on 408, 409, 429 and 5xx, and on any connection failure before
 *   the response arrived.
 * - `once`: requests that act (Clone, Localize, Create, Mix, Access Token, Delete). Retried only when
 *   the server cannot have acted: a 429, or a connection that failed before the request was sent.
 */
export type RetryPolicy = 'repeatable' | 'once';

export interface RetrySettings {
	maxRetries: number;
	/** A longer `Retry-After` than this is not waited for: the attempt fails with Cartesia's answer. */
	maxRetryAfterMs: number;
	/** First backoff step; doubles each retry, capped at `maxBackoffMs`. */
	baseBackoffMs: number;
	maxBackoffMs: number;
}

const REPEATABLE_RETRY_STATUSES = new Set([408, 409, 429]);

export function isRetryableStatus(policy: RetryPolicy, status: number): boolean {
	if (status === 429) return true;
	return policy === 'repeatable' && (REPEATABLE_RETRY_STATUSES.has(status) || status >= 500);
}

/** Connection errors raised before a single byte of the request could have reached the server. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** Failures after the request may have been sent but before any response byte. */
const NO_RESPONSE_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
	'UND_ERR_HEADERS_TIMEOUT',
]);

export function errorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export function isRetryableConnectionError(policy: RetryPolicy, error: unknown): boolean {
	const code = errorCode(error);
	if (!code) return false;
	if (NOT_SENT_CODES.has(code)) return true;
	return policy === 'repeatable' && NO_RESPONSE_CODES.has(code);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw.trim() === '') return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) return Math.round(Number(raw) * 1000);
	const date = Date.parse(raw);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with up to 25% jitter taken off, so parallel items do not retry in lockstep. */
export function backoffDelayMs(retry: number, settings: RetrySettings, random = Math.random): number {
	const step = Math.min(settings.maxBackoffMs, settings.baseBackoffMs * 2 ** retry);
	return Math.round(step * (1 - 0.25 * random()));
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0) return;
	signal?.throwIfAborted();
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason ?? new Error('Aborted'));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
