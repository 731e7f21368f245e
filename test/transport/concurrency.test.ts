import { ADAPTIVE_COLD_GROWTH, ADAPTIVE_MAX_WINDOW, ADAPTIVE_START_WINDOW, AdaptiveLimiter, type ConcurrencySlot, type SlotOutcome } from '../../nodes/Cartesia/transport/concurrency';
import { COLD_GROWTH, SharedLimiterRegistry, START_WINDOWS } from '../../nodes/Cartesia/transport/sharedLimiters';

const take = async (limiter: AdaptiveLimiter, count: number): Promise<ConcurrencySlot[]> =>
	await Promise.all(Array.from({ length: count }, () => limiter.acquire()));

/** Ends every request of `slots` the same way, in order. */
const releaseAll = (slots: ConcurrencySlot[], outcome: SlotOutcome = 'done') => {
	for (const slot of slots) slot.release(outcome);
};

describe('AdaptiveLimiter', () => {
	it('starts at the window it is given, within 1 and the largest window', () => {
		expect(new AdaptiveLimiter().window).toBe(ADAPTIVE_START_WINDOW);
		expect(new AdaptiveLimiter(15).window).toBe(15);
		expect(new AdaptiveLimiter(0).window).toBe(1);
		expect(new AdaptiveLimiter(1000).window).toBe(ADAPTIVE_MAX_WINDOW);
	});

	it('takes the plan’s limit from the refused request’s place when it was sent, not from what is in flight when the 429 comes back', async () => {
		const limiter = new AdaptiveLimiter(10);
		const slots = await take(limiter, 10);
		// The plan admitted 3: requests 4 to 10 are refused. Their answers come back after two of the
		// admitted ones finished and two more were sent: the 429s still say 3.
		slots[0].release('done');
		slots[1].release('done');
		const more = await take(limiter, 2);
		releaseAll(slots.slice(3).reverse(), 'limited');
		expect(limiter.window).toBe(3);
		releaseAll([slots[2], ...more]);
	});

	it('is never widened by a refusal that comes back late from a wider window', async () => {
		const limiter = new AdaptiveLimiter(8);
		const slots = await take(limiter, 8);
		slots[2].release('limited');
		expect(limiter.window).toBe(2);
		// Request 8 was sent with 7 others in flight: its refusal says 7 at most, which is no news.
		slots[7].release('limited');
		expect(limiter.window).toBe(2);
		[0, 1, 3, 4, 5, 6].forEach((index) => slots[index].release('done'));
		expect(limiter.window).toBe(2);
	});

	it('until the first 429, opens the window to four times the place of a success sent into its upper half, not for the first few of a burst', async () => {
		expect(ADAPTIVE_COLD_GROWTH).toBe(4);
		const limiter = new AdaptiveLimiter(8);
		const slots = await take(limiter, 8);
		// Requests 1 to 4 were sent into a window of 8 with at most 3 others: no reason to widen.
		releaseAll(slots.slice(0, 4));
		expect(limiter.window).toBe(8);
		// Request 5 shows the plan took 5 at once: the window opens to 20; request 8, to 32.
		slots[4].release('done');
		expect(limiter.window).toBe(20);
		releaseAll(slots.slice(5));
		expect(limiter.window).toBe(32);
	});

	it('reaches the largest plan one round after a cold TTS window of 15 all succeeded, and opens no wider than the largest window', async () => {
		const limiter = new AdaptiveLimiter(15);
		const first = await take(limiter, 15);
		releaseAll(first);
		expect(limiter.window).toBe(60);
		const second = await take(limiter, 60);
		second[59].release('done');
		expect(limiter.window).toBe(ADAPTIVE_MAX_WINDOW);
		releaseAll(second.slice(0, 59));
	});

	it('learns from a request admitted (its answer still streaming) as from a success, once, and wakes the queue', async () => {
		const limiter = new AdaptiveLimiter(4);
		const slots = await take(limiter, 4);
		let woken = false;
		const waiting = limiter.acquire().then((slot) => {
			woken = true;
			return slot;
		});
		// Request 1 was sent into a window of 4 with no others: no reason to widen.
		slots[0].admitted?.();
		expect(limiter.window).toBe(4);
		// Request 4 admitted: the plan took 4 at once, so the window opens to 16 before any answer ends.
		slots[3].admitted?.();
		expect(limiter.window).toBe(16);
		await new Promise((resolve) => setImmediate(resolve));
		expect(woken).toBe(true);
		// Its end teaches nothing more, and a second admission of the same request is ignored.
		slots[3].admitted?.();
		slots[3].release('done');
		expect(limiter.window).toBe(16);
		(await waiting).release('done');
		releaseAll(slots.slice(0, 3));
	});

	it('after a 429, an admission does not open the window past the ceiling the 429 taught', async () => {
		const limiter = new AdaptiveLimiter(8);
		const slots = await take(limiter, 8);
		slots[7].release('limited');
		expect(limiter.window).toBe(7);
		slots[6].admitted?.();
		expect(limiter.window).toBe(7);
		releaseAll(slots.slice(0, 7));
	});

	it('opens more gently with a smaller cold growth (transcription: 2×), and the registry gives each kind its own', async () => {
		const limiter = new AdaptiveLimiter(4, 2);
		const slots = await take(limiter, 4);
		releaseAll(slots);
		expect(limiter.window).toBe(8);
		expect(COLD_GROWTH).toEqual({ tts: ADAPTIVE_COLD_GROWTH, stt: 2, other: ADAPTIVE_COLD_GROWTH });
		const registry = new SharedLimiterRegistry();
		const account = { baseUrl: 'https://api.cartesia.ai', apiKey: 'sk_test_growth' };
		for (const [kind, opened] of [['stt', 8], ['tts', 60]] as const) {
			const lease = registry.lease(account, kind);
			const taken = await take(lease.limiter as AdaptiveLimiter, START_WINDOWS[kind]);
			releaseAll(taken);
			expect(lease.limiter.window).toBe(opened);
			lease.release();
		}
	});

	it('a cold window of 15 on a plan of 5: the successes (answered before the 429s) do not widen it, the 429s narrow it to 5', async () => {
		const limiter = new AdaptiveLimiter(15);
		const slots = await take(limiter, 15);
		releaseAll(slots.slice(0, 5));
		expect(limiter.window).toBe(15);
		releaseAll(slots.slice(5), 'limited');
		expect(limiter.window).toBe(5);
	});

	it('after a 429, successes no longer open the window: it stays at the ceiling the 429 taught', async () => {
		const limiter = new AdaptiveLimiter(15);
		const slots = await take(limiter, 15);
		// The plan took 14; request 15 was refused. The successes of requests 8 to 14 come back after it.
		slots[14].release('limited');
		expect(limiter.window).toBe(14);
		releaseAll(slots.slice(0, 14));
		expect(limiter.window).toBe(14);
		const again = await take(limiter, 14);
		releaseAll(again);
		expect(limiter.window).toBe(14);
	});

	it('a failure other than 429 says nothing about the plan', async () => {
		const limiter = new AdaptiveLimiter(4);
		const slots = await take(limiter, 4);
		releaseAll(slots, 'failed');
		expect(limiter.window).toBe(4);
	});

	it('probes one wider after many successes at the ceiling it learned', async () => {
		const limiter = new AdaptiveLimiter(4);
		const first = await take(limiter, 4);
		first[3].release('limited');
		releaseAll(first.slice(0, 3));
		expect(limiter.window).toBe(3);
		// Steady demand: each finished request makes room for the next, sent into a full window.
		let held = await take(limiter, 3);
		let widenedAfter = 0;
		for (let success = 1; success <= 8 * 3 && !widenedAfter; success++) {
			held[0].release('done');
			if (limiter.window > 3) widenedAfter = success;
			held = [...held.slice(1), await limiter.acquire()];
		}
		// 8 × 3 successes at the ceiling (the first of the three taken at once, sent into an empty
		// window, does not count).
		expect(limiter.window).toBe(4);
		expect(widenedAfter).toBeGreaterThanOrEqual(8 * 3 - 1);
		releaseAll(held);
	});
});
