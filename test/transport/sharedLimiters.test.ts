import { ADAPTIVE_START_WINDOW, type ConcurrencyLimiter, type ConcurrencySlot } from '../../nodes/Cartesia/transport/concurrency';
import {
	ExecutionLimiters,
	START_WINDOWS,
	SharedLimiterRegistry,
	endpointKind,
} from '../../nodes/Cartesia/transport/sharedLimiters';

const account = { baseUrl: 'https://api.cartesia.ai', apiKey: 'sk_car_secret_key_1' };

/** Asks for a slot and lets one turn of the event loop pass: `granted()` says whether it came by then. */
async function acquireSoon(limiter: ConcurrencyLimiter): Promise<{ slot: Promise<ConcurrencySlot>; granted: () => boolean }> {
	let granted = false;
	const slot = limiter.acquire().then((acquired) => {
		granted = true;
		return acquired;
	});
	await new Promise((resolve) => setImmediate(resolve));
	return { slot, granted: () => granted };
}

describe('endpointKind', () => {
	it.each([
		['/tts/bytes', 'tts'],
		['/tts/sse', 'tts'],
		['/tts/websocket', 'tts'],
		['/stt', 'stt'],
		['/voices', 'other'],
		['/voice-changer/bytes', 'other'],
		['/ttsx', 'other'],
	])('%s is %s', (path, kind) => expect(endpointKind(path)).toBe(kind));
});

describe('SharedLimiterRegistry', () => {
	it('gives every lease of one account and kind the same limiter', () => {
		const registry = new SharedLimiterRegistry();
		const [a, b] = [registry.lease(account, 'tts'), registry.lease({ ...account }, 'tts')];
		expect(a.limiter).toBe(b.limiter);
		expect(registry.size).toBe(1);
	});

	it('keeps accounts (key or base URL) and kinds apart', () => {
		const registry = new SharedLimiterRegistry();
		const limiters = [
			registry.lease(account, 'tts'),
			registry.lease(account, 'stt'),
			registry.lease(account, 'other'),
			registry.lease({ ...account, apiKey: 'sk_car_secret_key_2' }, 'tts'),
			registry.lease({ ...account, baseUrl: 'https://eu.example.test' }, 'tts'),
		].map((lease) => lease.limiter);
		expect(new Set(limiters).size).toBe(5);
	});

	it('never holds the API key itself, only its hash', () => {
		const registry = new SharedLimiterRegistry();
		registry.lease(account, 'tts');
		const held = JSON.stringify([...(registry as unknown as { entries: Map<string, unknown> }).entries.keys()]);
		expect(held).not.toContain(account.apiKey);
		expect(held).toMatch(/[0-9a-f]{64}/);
	});

	it('drops a limiter the idle delay after its last lease, with a timer that does not keep the process alive', () => {
		jest.useFakeTimers();
		try {
			const registry = new SharedLimiterRegistry(1000);
			const first = registry.lease(account, 'tts');
			const second = registry.lease(account, 'tts');
			first.release();
			first.release();
			jest.advanceTimersByTime(5000);
			expect(registry.size).toBe(1);
			second.release();
			const timer = (registry as unknown as { entries: Map<string, { idleTimer: NodeJS.Timeout }> }).entries
				.values()
				.next().value!.idleTimer;
			expect(timer.hasRef()).toBe(false);
			jest.advanceTimersByTime(999);
			expect(registry.size).toBe(1);
			jest.advanceTimersByTime(1);
			expect(registry.size).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});

	it('keeps what a limiter learned when a new lease comes within the idle delay', async () => {
		jest.useFakeTimers();
		try {
			const registry = new SharedLimiterRegistry(1000);
			const first = registry.lease(account, 'tts');
			const slot = await first.limiter.acquire();
			slot.release('done');
			const learned = first.limiter.window;
			first.release();
			jest.advanceTimersByTime(500);
			const again = registry.lease(account, 'tts');
			jest.advanceTimersByTime(5000);
			expect(again.limiter).toBe(first.limiter);
			expect(again.limiter.window).toBe(learned);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('ExecutionLimiters', () => {
	it('opens a cold TTS window at the largest documented TTS plan, and STT and the rest narrow', () => {
		const registry = new SharedLimiterRegistry();
		const automatic = new ExecutionLimiters(account, 0, registry);
		expect(START_WINDOWS.tts).toBe(15);
		expect(automatic.forPath('/tts/bytes').window).toBe(15);
		expect(automatic.forPath('/stt').window).toBe(ADAPTIVE_START_WINDOW);
		expect(automatic.forPath('/voices').window).toBe(ADAPTIVE_START_WINDOW);
	});

	it('queues automatic executions on the shared limiter of each kind', () => {
		const registry = new SharedLimiterRegistry();
		const one = new ExecutionLimiters(account, 0, registry);
		const two = new ExecutionLimiters(account, 0, registry);
		expect(one.forPath('/tts/bytes')).toBe(two.forPath('/tts/sse'));
		expect(one.forPath('/tts/bytes')).not.toBe(one.forPath('/stt'));
		expect(one.forPath('/stt').adaptive).toBe(true);
	});

	it('with a fixed number, opens the shared window to it at once, and needs a slot of its own cap and one of the shared limiter', async () => {
		const CAP = START_WINDOWS.tts + 2;
		const registry = new SharedLimiterRegistry();
		const capped = new ExecutionLimiters(account, CAP, registry);
		const limiter = capped.forPath('/tts/bytes');
		expect(limiter.adaptive).toBe(false);
		expect(limiter.window).toBe(CAP);
		const shared = registry.lease(account, 'tts').limiter;
		// The user's number is taken as the plan's: no ramp from the adaptive start.
		expect(shared.window).toBe(CAP);
		const slots = await Promise.all(Array.from({ length: CAP }, () => limiter.acquire()));
		expect(shared.inFlight).toBe(CAP);
		// One more waits for the execution's own cap.
		const oneMore = await acquireSoon(limiter);
		expect(oneMore.granted()).toBe(false);
		slots[0].release('done');
		(await oneMore.slot).release('done');
		slots.slice(1).forEach((slot) => slot.release('done'));
		expect([limiter.inFlight, shared.inFlight]).toEqual([0, 0]);
	});

	it('with a fixed number, stays within what 429s taught the shared window', async () => {
		const registry = new SharedLimiterRegistry();
		const automatic = new ExecutionLimiters(account, 0, registry).forPath('/tts/bytes');
		const held = [await automatic.acquire(), await automatic.acquire()];
		// The second request of two in flight was refused: the plan allows 1.
		held[1].release('limited');
		held[0].release('done');
		const capped = new ExecutionLimiters(account, 4, registry).forPath('/tts/bytes');
		const shared = registry.lease(account, 'tts').limiter;
		expect(shared.window).toBe(1);
		const first = await capped.acquire();
		const second = await acquireSoon(capped);
		expect(second.granted()).toBe(false);
		first.release('done');
		(await second.slot).release('done');
	});

	it('gives back its own slot when the wait for the shared one is stopped', async () => {
		const registry = new SharedLimiterRegistry();
		// Another execution holds the whole shared window (automatic: its start).
		const other = new ExecutionLimiters(account, 0, registry).forPath('/stt');
		const othersSlots = await Promise.all(Array.from({ length: ADAPTIVE_START_WINDOW }, () => other.acquire()));
		const limiter = new ExecutionLimiters(account, 2, registry).forPath('/stt');
		const controller = new AbortController();
		const waiting = limiter.acquire(controller.signal);
		await new Promise((resolve) => setImmediate(resolve));
		expect(limiter.inFlight).toBe(1);
		controller.abort();
		await expect(waiting).rejects.toBeDefined();
		expect(limiter.inFlight).toBe(0);
		othersSlots.forEach((slot) => slot.release('done'));
	});

	it('ends its leases when closed', () => {
		jest.useFakeTimers();
		try {
			const registry = new SharedLimiterRegistry(10);
			const limiters = new ExecutionLimiters(account, 0, registry);
			limiters.forPath('/tts/bytes');
			limiters.forPath('/stt');
			expect(registry.size).toBe(2);
			limiters.close();
			jest.advanceTimersByTime(10);
			expect(registry.size).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});
});
