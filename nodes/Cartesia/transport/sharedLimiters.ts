/**
 * One adaptive limiter per Cartesia account, endpoint kind and process. Cartesia's concurrency limit is
 * the plan's, not an execution's: thirty webhook executions of one item each must queue on one window,
 * or they all fire and most get 429. So executions in the same n8n process (the main instance, or one
 * worker) lease the limiter for their account from this registry; each process learns the plan's limit
 * from the 429s it sees.
 */
import { createHash } from 'node:crypto';

import { ADAPTIVE_COLD_GROWTH, ADAPTIVE_START_WINDOW, AdaptiveLimiter, CappedLimiter, FixedLimiter, type ConcurrencyLimiter } from './concurrency';

/** Cartesia limits TTS and STT separately, so a TTS 429 must never narrow transcription. */
export type EndpointKind = 'tts' | 'stt' | 'other';

export function endpointKind(path: string): EndpointKind {
	if (path === '/tts' || path.startsWith('/tts/')) return 'tts';
	if (path === '/stt' || path.startsWith('/stt/')) return 'stt';
	return 'other';
}

/**
 * The window a cold limiter (no 429 seen yet) opens with, by kind. TTS opens at Cartesia's largest
 * documented TTS plan (Scale, 15): a TTS request is a small JSON body that Cartesia refuses at once,
 * so a first burst on a smaller plan costs a few quick 429s, while ramping up from a narrow window
 * costs whole rounds of generation time on a larger one (a narration's parts all go at once). STT
 * uploads may be refused only after their bytes are sent, so transcription starts narrow and widens.
 */
export const START_WINDOWS: Record<EndpointKind, number> = { tts: 15, stt: ADAPTIVE_START_WINDOW, other: ADAPTIVE_START_WINDOW };

/**
 * How fast a cold window opens, by kind (AdaptiveLimiter): TTS and the small JSON requests by 4× a
 * round, as a refusal of them is quick and cheap; transcription by 2×, as a refused upload may have
 * sent its whole file first.
 */
export const COLD_GROWTH: Record<EndpointKind, number> = { tts: ADAPTIVE_COLD_GROWTH, stt: 2, other: ADAPTIVE_COLD_GROWTH };

/** Which limiter a request to `path` queues on. */
export type LimiterForPath = (path: string) => ConcurrencyLimiter;

export interface Account {
	baseUrl: string;
	apiKey: string;
}

/** The registry's key: the key's hash stands for the account, so the key itself is never held here. */
function registryKey(account: Account, kind: EndpointKind): string {
	const keyHash = createHash('sha256').update(account.apiKey).digest('hex');
	return `${account.baseUrl}|${keyHash}|${kind}`;
}

interface Entry {
	limiter: AdaptiveLimiter;
	leases: number;
	idleTimer?: NodeJS.Timeout;
}

/**
 * Limiters by account and kind. An entry lives while executions lease it, and a little after: a burst
 * that follows soon finds the window already at the plan's limit. The idle timer is unref'd, so it
 * never keeps a process (or a test run) alive.
 */
export class SharedLimiterRegistry {
	private readonly entries = new Map<string, Entry>();

	constructor(public idleReleaseMs = 60_000) {}

	/** How many accounts × kinds have a live limiter (for tests and diagnostics). */
	get size(): number {
		return this.entries.size;
	}

	/**
	 * Forgets every learned window, as if the process had just started. Executions already holding a
	 * limiter keep it; the next ones start afresh. Tests use it between runs against a changed plan.
	 */
	clear(): void {
		for (const entry of this.entries.values()) clearTimeout(entry.idleTimer);
		this.entries.clear();
	}

	/** The shared limiter for the account and kind; call `release` once the execution is done with it. */
	lease(account: Account, kind: EndpointKind): { limiter: AdaptiveLimiter; release: () => void } {
		const key = registryKey(account, kind);
		let entry = this.entries.get(key);
		if (!entry) {
			entry = { limiter: new AdaptiveLimiter(START_WINDOWS[kind], COLD_GROWTH[kind]), leases: 0 };
			this.entries.set(key, entry);
		}
		clearTimeout(entry.idleTimer);
		entry.idleTimer = undefined;
		entry.leases++;
		const leased = entry;
		let released = false;
		return {
			limiter: leased.limiter,
			release: () => {
				if (released) return;
				released = true;
				if (--leased.leases > 0) return;
				// Requests still finishing release into this limiter object whether or not it stays listed.
				leased.idleTimer = setTimeout(() => {
					if (leased.leases === 0 && this.entries.get(key) === leased) this.entries.delete(key);
				}, this.idleReleaseMs);
				leased.idleTimer.unref();
			},
		};
	}
}

/** The registry of this process: one per loaded copy of the node package. */
export const sharedLimiters = new SharedLimiterRegistry();

/**
 * The limiters one execution uses. Automatic (`0`) queues each request on the process's shared limiter
 * for its account and endpoint kind. A fixed Max Concurrent Requests adds the execution's own cap in
 * front of the shared limiter (`CappedLimiter`): at most that many of this execution's requests, and
 * never more than the process has learned the plan allows; the shared window opens to that number at
 * once rather than ramping up to it, unless 429s have already taught a lower ceiling.
 */
export class ExecutionLimiters {
	private readonly byKind = new Map<EndpointKind, ConcurrencyLimiter>();

	private readonly releases: Array<() => void> = [];

	/** Shared by every kind: the execution's number caps its requests whatever the endpoint. */
	private readonly cap?: FixedLimiter;

	constructor(
		private readonly account: Account,
		maxConcurrentRequests: number,
		private readonly registry: SharedLimiterRegistry = sharedLimiters,
	) {
		if (maxConcurrentRequests > 0) this.cap = new FixedLimiter(Math.floor(maxConcurrentRequests));
	}

	readonly forPath: LimiterForPath = (path) => {
		const kind = endpointKind(path);
		let limiter = this.byKind.get(kind);
		if (!limiter) {
			const lease = this.registry.lease(this.account, kind);
			this.releases.push(lease.release);
			// The user's number is their word for the plan: the shared window opens to it at once.
			if (this.cap) lease.limiter.widenTo(this.cap.window);
			limiter = this.cap ? new CappedLimiter(this.cap, lease.limiter) : lease.limiter;
			this.byKind.set(kind, limiter);
		}
		return limiter;
	};

	/** Ends the execution's leases: its limiters may be released once no other execution uses them. */
	close(): void {
		for (const release of this.releases.splice(0)) release();
	}
}
