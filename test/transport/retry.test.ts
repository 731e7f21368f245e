import {
	backoffDelayMs,
	isRetryableConnectionError,
	isRetryableStatus,
	parseRetryAfter,
	waitFor,
} from '../../nodes/Cartesia/transport/retry';

const settings = { maxRetries: 2, maxRetryAfterMs: 60_000, baseBackoffMs: 500, maxBackoffMs: 8_000 };

describe('retry policy', () => {
	it.each([408, 409, 429, 500, 502, 503, 504])('retries a repeatable request on %i', (status) => {
		expect(isRetryableStatus('repeatable', status)).toBe(true);
	});

	it.each([400, 401, 403, 404, 410, 422])('never retries %i', (status) => {
		expect(isRetryableStatus('repeatable', status)).toBe(false);
		expect(isRetryableStatus('once', status)).toBe(false);
	});

	it('retries a request that acts only on 429', () => {
		expect(isRetryableStatus('once', 429)).toBe(true);
		for (const status of [408, 409, 500, 503]) expect(isRetryableStatus('once', status)).toBe(false);
	});

	it('retries a request that acts only when the connection failed before it was sent', () => {
		const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
		const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
		const wrappedReset = new Error('fetch failed', { cause: reset });
		expect(isRetryableConnectionError('once', refused)).toBe(true);
		expect(isRetryableConnectionError('once', reset)).toBe(false);
		expect(isRetryableConnectionError('repeatable', reset)).toBe(true);
		expect(isRetryableConnectionError('repeatable', wrappedReset)).toBe(true);
		expect(isRetryableConnectionError('repeatable', new Error('no code'))).toBe(false);
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0.5')).toBe(500);
	});

	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2026-11-25T12:00:00Z');
		expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
	});

	it('ignores absent or unreadable values', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('backoffDelayMs', () => {
	it('doubles each retry up to the cap and takes off at most 25% jitter', () => {
		expect(backoffDelayMs(0, settings, () => 0)).toBe(500);
		expect(backoffDelayMs(1, settings, () => 0)).toBe(1000);
		expect(backoffDelayMs(10, settings, () => 0)).toBe(8000);
		expect(backoffDelayMs(1, settings, () => 1)).toBe(750);
	});
});

describe('waitFor', () => {
	it('rejects as soon as the signal aborts', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const waiting = waitFor(10_000, controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
