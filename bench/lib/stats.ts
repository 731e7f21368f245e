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
