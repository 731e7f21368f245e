/** Medians with their range, timing, and the figures the report is made of. */
import { performance } from 'node:perf_hooks';

export interface Summary {
	median: number;
	min: number;
	max: number;
	n: number;
	values: number[];
}

export function summarize(values: number[]): Summary {
	if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0, values: [] };
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], n: values.length, values };
}

export interface Target {
	op: '<=' | '>=';
	value: number;
	/** As written in the brief, e.g. "≤ 1.15× minimal". */
	text: string;
}

export type Verdict = 'met' | 'missed' | 'info';

export interface Figure {
	scenario: string;
	label: string;
	unit: string;
	summary: Summary;
	target?: Target;
	verdict: Verdict;
	note?: string;
}

/** The verdict is taken on the median; the range is reported beside it. */
export function figure(scenario: string, label: string, unit: string, values: number[] | Summary, target?: Target, note?: string): Figure {
	const summary = Array.isArray(values) ? summarize(values) : values;
	let verdict: Verdict = 'info';
	if (target) {
		const ok = target.op === '<=' ? summary.median <= target.value : summary.median >= target.value;
		verdict = Number.isFinite(summary.median) && ok ? 'met' : 'missed';
	}
	return { scenario, label, unit, summary, target, verdict, note };
}

export interface Measured<T> {
	wallMs: number;
	/** This process's CPU time (user + system) over the call. */
	cpuMs: number;
	value: T;
}

/** Wall and CPU time of one call, after a full GC (when the process runs with --expose-gc). */
export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
	(globalThis as { gc?: () => void }).gc?.();
	const cpu = process.cpuUsage();
	const start = performance.now();
	const value = await fn();
	const wallMs = performance.now() - start;
	const used = process.cpuUsage(cpu);
	return { wallMs, cpuMs: (used.user + used.system) / 1000, value };
}

const startedAt = performance.now();

export function log(message: string): void {
	const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(6);
	process.stdout.write(`[bench ${seconds}s] ${message}\n`);
}

/** How far a figure's repetitions stray from their median: min ÷ median and max ÷ median. */
export interface Spread {
	low: number;
	high: number;
	/** Every repetition within ±`band` of the median. */
	within: boolean;
}

/** The band a ratio's repetitions should keep to, as a fraction of their median (issue 12: ±25%). */
export const RATIO_BAND = 0.25;

export function spreadOf(summary: Summary, band = RATIO_BAND): Spread | undefined {
	if (summary.n < 2 || !Number.isFinite(summary.median) || summary.median <= 0) return undefined;
	const low = summary.min / summary.median;
	const high = summary.max / summary.median;
	return { low, high, within: low >= 1 - band && high <= 1 + band };
}

/** A ratio figure: one made of per-repetition ratios (its unit is ×), which should keep to the band. */
export const isRatio = (figure: Figure): boolean => figure.unit === '×' && figure.summary.n > 1;

export interface Sample {
	wallMs: number;
	cpuMs: number;
}

/**
 * One repetition of a side-by-side comparison: `rounds` short runs of each variant in turns, the order
 * rotated every round (with two variants: AB BA AB BA, so a load that rises or falls through the
 * repetition hits both alike), each run after a full GC (`measure`). Returns each variant's runs, by
 * round: a round holds one run of each, made side by side (see `roundRatio`).
 */
export async function interleavedRounds<K extends string>(
	keys: readonly K[],
	rounds: number,
	rep: number,
	run: (key: K, round: number) => Promise<Sample>,
): Promise<Record<K, Sample[]>> {
	const runs = Object.fromEntries(keys.map((key) => [key, [] as Sample[]])) as Record<K, Sample[]>;
	for (let round = 0; round < rounds; round++) {
		for (const key of rotate([...keys], rep * rounds + round)) runs[key].push(await run(key, round));
	}
	return runs;
}

/**
 * A repetition's ratio of `a` to `b`: the median over its rounds of each round's ratio. A stall that
 * hits one run (another process taking the core for a moment) then moves one round's ratio, not the
 * repetition's, as it would in a ratio of sums.
 */
export function roundRatio(a: number[], b: number[]): number {
	return summarize(a.map((value, index) => value / b[index])).median;
}

/** Round-robin order of variants for repetition `rep`, so that drift on a noisy machine hits them all alike. */
export function rotate<T>(variants: T[], rep: number): T[] {
	const shift = rep % variants.length;
	return [...variants.slice(shift), ...variants.slice(0, shift)];
}

export function fmt(value: number, digits?: number): string {
	if (!Number.isFinite(value)) return String(value);
	const abs = Math.abs(value);
	const d = digits ?? (abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
	return value.toFixed(d);
}
