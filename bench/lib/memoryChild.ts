/**
 * Memory measurements in a child process of their own (bench/memory.child.ts, bench/narration.child.ts):
 * the child warms up, says `ready`, waits for `go`, runs once and reports one JSON line; the parent
 * drives that exchange.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The highest growth of process.memoryUsage() fields over their values before the run. */
export interface MemoryHighs {
	heapUsed: number;
	arrayBuffers: number;
	rss: number;
}

/** What a child reports when its run is done (step `done`), or why it failed (step `error`). */
export interface MemoryReport {
	step: string;
	baseline: number;
	peak: number;
	growth: number;
	wallMs: number;
	/** Highest growth seen by sampling process.memoryUsage() every 10 ms, over the value before the run. */
	sampled: MemoryHighs;
	message?: string;
	stack?: string;
}

export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** One line of JSON to the parent (child side). */
export function send(message: Record<string, unknown>): void {
	process.stdout.write(`${JSON.stringify(message)}\n`);
}

/**
 * Child side: from now on, peak RSS over the current one and, sampled every 10 ms (after `onTick`),
 * where the memory is: V8 heap or Buffers (array buffers, outside the heap).
 */
export function watchMemory(onTick?: () => void) {
	const baseline = peakRss();
	const before = process.memoryUsage();
	const highest: MemoryHighs = { heapUsed: 0, arrayBuffers: 0, rss: 0 };
	const sample = () => {
		const now = process.memoryUsage();
		highest.heapUsed = Math.max(highest.heapUsed, now.heapUsed - before.heapUsed);
		highest.arrayBuffers = Math.max(highest.arrayBuffers, now.arrayBuffers - before.arrayBuffers);
		highest.rss = Math.max(highest.rss, now.rss - before.rss);
	};
	const sampler = setInterval(() => {
		onTick?.();
		sample();
	}, 10);
	return {
		before,
		stop() {
			clearInterval(sampler);
			sample();
			const peak = peakRss();
			return { baseline, peak, growth: peak - baseline, sampled: highest };
		},
	};
}

/**
 * Parent side: answers the child's `ready` with `go` (after `onReady`), and returns its next report
 * once it has exited; undefined if it said nothing more. The child is killed after `timeoutMs`.
 */
export async function childReport<T extends { step: string }>(child: ChildProcess, timeoutMs: number, onReady?: () => Promise<void>): Promise<T | undefined> {
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	let report: T | undefined;
	try {
		for await (const line of createInterface({ input: child.stdout! })) {
			if (!line.startsWith('{')) continue;
			const message = JSON.parse(line) as T;
			if (message.step === 'ready') {
				await onReady?.();
				child.stdin!.write('go\n');
			} else {
				report = message;
				child.stdin!.end();
				break;
			}
		}
	} finally {
		clearTimeout(timer);
	}
	await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
	return report;
}
