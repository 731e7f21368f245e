/**
 * Automatic concurrency waits for the plan to have room, bounded by time (Max Wait for Capacity),
 * never by a hidden count; a 429 that is not about concurrency follows Max Retries.
 */
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

const speak = (requestOptions: Record<string, unknown>) => ({
	resource: 'speech',
	operation: 'generate',
	transcript: 'Waiting for room on the plan.',
	voice: byId(standIn().voices()[0].id),
	outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 },
	requestOptions,
});

const numbered = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { n } }));

describe('Max Wait for Capacity (automatic concurrency)', () => {
	it('fails an item whose plan never has room once the wait is spent, naming the setting, even with Max Retries 0', async () => {
		standIn().setConcurrencyLimit(0);
		const started = Date.now();
		const { error } = await runCartesia(standIn(), speak({ maxRetries: 0, maxCapacityWait: 1 }));
		const elapsed = Date.now() - started;
		expect(error?.message).toContain('longer than Max Wait for Capacity (1 s)');
		expect(error?.description).toContain('raise Max Wait for Capacity');
		expect(error?.description).not.toMatch(/Max Retries|lower Max Concurrent/);
		expect(elapsed).toBeGreaterThanOrEqual(900);
		expect(elapsed).toBeLessThan(4_000);
		// Backoff from 50 ms to 2 s: a handful of tries in a second, not a retry storm.
		const tries = standIn().requests.length;
		expect(tries).toBeGreaterThan(2);
		expect(tries).toBeLessThan(12);
	});

	it('does not wait out a Retry-After longer than what is left of the wait: fails at once, saying so', async () => {
		standIn().setConcurrencyLimit(0);
		standIn().setConcurrencyRetryAfter('60');
		const started = Date.now();
		const { error } = await runCartesia(standIn(), speak({ maxCapacityWait: 5 }));
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(error?.message).toContain('Cartesia asked to wait 60 s, past what is left of Max Wait for Capacity (5 s)');
		expect(standIn().requests).toHaveLength(1);
	});

	it('keeps the good part: concurrency 429s that clear soon never fail an item, with Max Retries 0', async () => {
		standIn().setLatency(150);
		standIn().setConcurrencyLimit(2);
		const { items, error } = await runCartesia(standIn(), speak({ maxRetries: 0 }), { items: numbered(8) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(items.every((item) => item.binary?.data)).toBe(true);
		expect(standIn().requests.some((request) => request.status === 429)).toBe(true);
	});

	it('counts from the first concurrency 429, not from the time an item queued for a slot', async () => {
		// Limit 1 and 400 ms a request: the last of five items queues for well over the 1 s wait
		// without being refused, and must not be failed for it.
		standIn().setLatency(400);
		standIn().setConcurrencyLimit(1);
		const started = Date.now();
		const { items, error } = await runCartesia(standIn(), speak({ maxCapacityWait: 1 }), { items: numbered(5) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(Date.now() - started).toBeGreaterThan(1_500);
	});

	it('lets a 429 with another error code follow Max Retries, with a hint that does not blame concurrency', async () => {
		standIn().inject({ kind: 'status', status: 429, errorCode: 'quota_exceeded', message: 'Out of credits', times: 10 });
		const { error } = await runCartesia(standIn(), speak({ maxRetries: 1 }), { apiVersion: '2026-03-01' });
		expect(standIn().requests).toHaveLength(2);
		expect(error?.message).toBe('Cartesia: Out of credits');
		expect(error?.description).toContain('a reason other than concurrency (quota_exceeded)');
		expect(error?.description).not.toMatch(/Max Concurrent|Max Wait for Capacity/);
	});

	it('with a fixed Max Concurrent Requests, a concurrency 429 follows Max Retries and points to automatic mode', async () => {
		standIn().setConcurrencyLimit(0);
		const { error } = await runCartesia(standIn(), speak({ maxConcurrentRequests: 2, maxRetries: 1 }), {
			apiVersion: '2026-03-01',
		});
		expect(standIn().requests).toHaveLength(2);
		expect(error?.description).toContain('set Max Concurrent Requests to 0 (automatic)');
		expect(error?.description).not.toMatch(/raise/i);
	});
});
