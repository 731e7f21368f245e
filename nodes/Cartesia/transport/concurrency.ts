/**
 * How many requests an execution keeps in flight. Cartesia limits concurrent requests per plan and
 * answers 429 beyond the limit (docs/wire-format.md §1.4), so items share one limiter: a fixed number
 * of slots, or an adaptive window that finds the plan's limit.
 */

/**
 * How a request that held a slot ended: `done` (answered), `limited` (Cartesia refused it for
 * concurrency: 429), `failed` (any other failure, which says nothing about the plan's limit).
 */
export type SlotOutcome = 'done' | 'limited' | 'failed';

export interface ConcurrencySlot {
	release(outcome: SlotOutcome): void;
	/**
	 * Cartesia answered 2xx and is sending the rest (audio streams while it is generated): the plan
	 * took the request, which an adaptive window may learn from now rather than at its end.
	 */
	admitted?(): void;
}

export interface ConcurrencyLimiter {
	/** Whether 429s are the limiter's business (adaptive) rather than ordinary retries. */
	readonly adaptive: boolean;
	/** How many requests may be in flight now. */
	readonly window: number;
	readonly inFlight: number;
	/** Waits for a free slot; `first` jumps the queue (an item retried after a concurrency 429). */
	acquire(signal?: AbortSignal, first?: boolean): Promise<ConcurrencySlot>;
}

/** The largest window the adaptive limiter opens; Cartesia's largest plan allows 60 (STT, Scale). */
export const ADAPTIVE_MAX_WINDOW = 64;
/**
 * The adaptive window's first width: 4 lets a cold burst start near a small plan's limit (5 is common),
 * at the cost of two quick 429s on the smallest plan (2), which then sets the ceiling.
 */
export const ADAPTIVE_START_WINDOW = 4;

abstract class SlotQueue implements ConcurrencyLimiter {
	abstract readonly adaptive: boolean;

	abstract get window(): number;

	inFlight = 0;

	private readonly waiters: Array<() => void> = [];

	async acquire(signal?: AbortSignal, first = false): Promise<ConcurrencySlot> {
		signal?.throwIfAborted();
		while (this.inFlight >= this.window) {
			await new Promise<void>((resolve, reject) => {
				const wake = () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				};
				const onAbort = () => {
					const index = this.waiters.indexOf(wake);
					if (index !== -1) this.waiters.splice(index, 1);
					reject(signal?.reason ?? new Error('Aborted'));
				};
				if (first) this.waiters.unshift(wake);
				else this.waiters.push(wake);
				signal?.addEventListener('abort', onAbort, { once: true });
			});
		}
		const sentInto = this.window;
		const position = ++this.inFlight;
		let released = false;
		let admitted = false;
		return {
			admitted: () => {
				if (released || admitted) return;
				admitted = true;
				if (this.onAdmitted(position, sentInto)) this.wakeWaiters();
			},
			release: (outcome) => {
				if (released) return;
				released = true;
				this.onRelease(outcome, position, sentInto);
				this.inFlight--;
				this.wakeWaiters();
			},
		};
	}

	/**
	 * `position`: how many requests were in flight, this one included, when it took its slot;
	 * `sentInto`: the window at that moment.
	 */
	protected abstract onRelease(outcome: SlotOutcome, position: number, sentInto: number): void;

	/** A request in flight was admitted; true when that opened the window. */
	protected abstract onAdmitted(position: number, sentInto: number): boolean;

	protected wakeWaiters(): void {
		let free = this.window - this.inFlight;
		while (free-- > 0 && this.waiters.length) this.waiters.shift()!();
	}
}

/** At most `size` requests in flight. */
export class FixedLimiter extends SlotQueue {
	readonly adaptive = false;

	constructor(private readonly size: number) {
		super();
	}

	get window(): number {
		return this.size;
	}

	protected onRelease(): void {}

	protected onAdmitted(): boolean {
		return false;
	}
}

/**
 * Until the first 429, how many times its place a success may open the window (slow start): a cold TTS
 * window of 15 that the plan took whole opens to Cartesia's largest plan (60) one round trip in, rather
 * than after three more of +1 per success. The price, on a plan of exactly 15, is one round of quick
 * 429s for the 45 requests past it; plans below 15 refuse part of the first window, which ends the slow
 * start before it began (its successes there are in the lower half of the window, see `onAdmitted`).
 */
export const ADAPTIVE_COLD_GROWTH = 4;

/**
 * Starts with a given window. Until a 429 is seen the plan's limit is unknown, and a success sent into
 * the upper half of its window opens the window to `coldGrowth` times its place. A 429 shows
 * the plan's limit was passed: the limit is at most the requests in flight minus this one, so the
 * window drops to that ceiling and stays there. Because a plan's limit is fixed, staying just under it
 * beats the saw-tooth of additive increase / multiplicative decrease. After many successes at the
 * ceiling it probes one higher, in case the limit was lowered by other clients' traffic rather than by
 * the plan.
 */
export class AdaptiveLimiter extends SlotQueue {
	readonly adaptive = true;

	private size: number;

	private ceiling = ADAPTIVE_MAX_WINDOW;

	constructor(
		startWindow = ADAPTIVE_START_WINDOW,
		/** How many times its place a success opens the window before the first 429. */
		private readonly coldGrowth = ADAPTIVE_COLD_GROWTH,
	) {
		super();
		this.size = Math.min(Math.max(1, Math.floor(startWindow)), ADAPTIVE_MAX_WINDOW);
	}

	private successesAtCeiling = 0;

	get window(): number {
		return this.size;
	}

	/**
	 * Opens the window to `size` at once, within what 429s have taught: an execution's fixed Max
	 * Concurrent Requests is the user's word for the plan, so it need not be found by ramping up.
	 */
	widenTo(size: number): void {
		const widened = Math.min(Math.max(this.size, size), this.ceiling);
		if (widened === this.size) return;
		this.size = widened;
		this.wakeWaiters();
	}

	/**
	 * A request admitted (or answered) shows the plan took `position` requests at once. Only one sent
	 * into the upper half of its window is a reason to widen it: the first few of a burst, admitted while
	 * the rest were on their way (and perhaps about to be refused), say nothing past their own count.
	 */
	protected onAdmitted(position: number, sentInto: number): boolean {
		if (position * 2 <= sentInto || this.size >= this.ceiling) return false;
		return this.openFast(position);
	}

	/**
	 * Below the ceiling means no 429 yet (a refusal lowers both to one number): the limit is unknown, so
	 * the window opens fast. True when it opened.
	 */
	private openFast(position: number): boolean {
		const opened = Math.min(this.ceiling, Math.max(this.size, position * this.coldGrowth));
		if (opened === this.size) return false;
		this.size = opened;
		return true;
	}

	protected onRelease(outcome: SlotOutcome, position: number, sentInto: number): void {
		if (outcome === 'failed') return;
		if (outcome === 'limited') {
			// Refused with `position - 1` others in flight: the plan allows at most that many. Taken from
			// when the request was sent, not when the answer came, and never raised: a refusal that comes
			// back after the window moved is about the window it was sent in.
			this.ceiling = Math.min(this.ceiling, Math.max(1, position - 1));
			this.size = Math.min(this.size, this.ceiling);
			this.successesAtCeiling = 0;
			return;
		}
		if (position * 2 <= sentInto) return;
		if (this.size < this.ceiling) {
			this.openFast(position);
			return;
		}
		if (++this.successesAtCeiling >= 8 * this.ceiling && this.ceiling < ADAPTIVE_MAX_WINDOW) {
			this.ceiling++;
			this.size = this.ceiling;
			this.successesAtCeiling = 0;
		}
	}
}

/**
 * An execution's fixed limit in front of the limiter its process shares for the account: a slot needs
 * both, so the execution never passes its own number and the process never passes the plan. 429s stay
 * ordinary retries (not `adaptive`), as the user chose a number; the shared window still learns from them.
 */
export class CappedLimiter implements ConcurrencyLimiter {
	readonly adaptive = false;

	constructor(
		private readonly cap: ConcurrencyLimiter,
		private readonly shared: ConcurrencyLimiter,
	) {}

	get window(): number {
		return this.cap.window;
	}

	get inFlight(): number {
		return this.cap.inFlight;
	}

	async acquire(signal?: AbortSignal, first = false): Promise<ConcurrencySlot> {
		// Always the execution's own slot first, then the shared one: one order, so no two waits cross.
		const capSlot = await this.cap.acquire(signal, first);
		let sharedSlot: ConcurrencySlot | undefined;
		try {
			sharedSlot = await this.shared.acquire(signal, first);
		} finally {
			// A stop while waiting for the shared slot gives the execution's own slot back.
			if (!sharedSlot) capSlot.release('failed');
		}
		const acquired = sharedSlot;
		return {
			admitted: () => acquired.admitted?.(),
			release: (outcome) => {
				acquired.release(outcome);
				capSlot.release(outcome);
			},
		};
	}
}

/** `0` (the default) means adaptive; any other number is a fixed limit. */
export function createLimiter(maxConcurrentRequests: number): ConcurrencyLimiter {
	return maxConcurrentRequests > 0 ? new FixedLimiter(Math.floor(maxConcurrentRequests)) : new AdaptiveLimiter();
}
