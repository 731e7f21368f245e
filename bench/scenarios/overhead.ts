/**
 * 1. Per-item overhead: Speech → Generate items (16,000 bytes of raw PCM each) through our node, the
 * minimal undici node and n8n's HTTP Request node, in filesystem and in memory binary mode. A repetition
 * is 1,500 items of each node, run as six executions of 250 items in turns (the order rotated every
 * round, each after a full GC), so each ratio compares runs interleaved in time: a stretch of load from
 * another process on this shared machine hits all three alike.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';

import { withTempDir, type BenchContext } from '../lib/context';
import { figure, fmt, interleavedRounds, log, measure, roundRatio } from '../lib/stats';
import { completedItems, httpGenerate, minimalGenerate, oursGenerate, runChain, SMALL_RAW, type NodeSpec } from '../lib/workflows';

const SCENARIO = '1. Per-item overhead';
/** Items in one execution; a repetition runs ROUNDS of them per node, in turns. */
const ROUND_ITEMS = 250;
const ROUNDS = 6;
/** Items per node in one repetition. */
const ITEMS = ROUND_ITEMS * ROUNDS;
const AUDIO_BYTES = 16_000;

type Key = 'ours' | 'minimal' | 'http';

interface RunRecord {
	mode: 'filesystem' | 'memory';
	regime: 'default' | 'sequential';
	variant: Key;
	rep: number;
	/** The repetition's runs of this node (one a round), for the ratios; a record without them is one run. */
	rounds?: Array<{ wallMs: number; cpuMs: number }>;
	wallMs: number;
	cpuMs: number;
	standInCpuMs: number;
	completed: number;
	accepted: number;
}

export async function perItemOverhead(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	// Fewer repetitions, each longer and interleaved: the spread (min and max over the median) widens
	// with every repetition added, while each repetition's ratio steadies with the rounds in it.
	const reps = ctx.quick ? 2 : 7;
	const sequentialReps = ctx.quick ? 1 : 5;
	const items = Array.from({ length: ITEMS }, (_, n) => ({ json: { n } }));

	// The request our node sends, so that the others send the same.
	await standIn.reset();
	await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
	const probe = await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [oursGenerate(target, SMALL_RAW)], binaryMode: 'memory', packageDir: ctx.pkg.packageDir });
	if (probe.error) throw probe.error;
	const oursRequest = await standIn.lastRequest('/tts/bytes');
	const body = oursRequest!.json as { model_id: string; language?: string };

	const specs: Record<Key, NodeSpec> = {
		// Defaults: Max Concurrent Requests automatic.
		ours: oursGenerate(target, SMALL_RAW),
		// A pool as wide as our automatic mode's largest window.
		minimal: minimalGenerate(target, SMALL_RAW, body.model_id, body.language, 64),
		// Defaults: every item's request at once.
		http: httpGenerate(target, body),
	};
	const sequentialSpecs: Partial<Record<Key, NodeSpec>> = {
		ours: oursGenerate(target, SMALL_RAW, 1),
		minimal: minimalGenerate(target, SMALL_RAW, body.model_id, body.language, 1),
	};

	const sameRequest: Record<string, boolean> = {};
	const requestHeaders: Record<string, unknown> = {};
	const records: RunRecord[] = [];
	const runOnce = async (mode: RunRecord['mode'], regime: RunRecord['regime'], variant: Key, spec: NodeSpec, rep: number, count = ITEMS) => {
		await standIn.reset();
		await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
		const standInCpu = await standIn.call<NodeJS.CpuUsage>('cpuUsage');
		const measured = await withTempDir('n8n-bench-bin-', async (binaryDir) =>
			await measure(async () => {
				const result = await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [spec], items: items.slice(0, count), binaryMode: mode, binaryDir, packageDir: ctx.pkg.packageDir });
				if (result.error) throw result.error;
				return completedItems(result).length;
			}),
		);
		const standInCpuAfter = await standIn.call<NodeJS.CpuUsage>('cpuUsage');
		const stats = await standIn.stats();
		if (rep >= 0) {
			const last = await standIn.lastRequest('/tts/bytes');
			sameRequest[variant] = (sameRequest[variant] ?? true) && isDeepStrictEqual(last?.json, oursRequest?.json);
			requestHeaders[variant] = last?.headers;
		}
		if (measured.value !== count || stats.byStatus['200'] !== count) {
			throw new Error(`${variant} (${mode}) completed ${measured.value} of ${count} items; stand-in answered ${JSON.stringify(stats.byStatus)}`);
		}
		return {
			mode,
			regime,
			variant,
			rep,
			wallMs: measured.wallMs,
			cpuMs: measured.cpuMs,
			standInCpuMs: (standInCpuAfter.user - standInCpu.user + standInCpuAfter.system - standInCpu.system) / 1000,
			completed: measured.value,
			accepted: stats.byStatus['200'] ?? 0,
		} satisfies RunRecord;
	};

	/** One repetition: ROUNDS executions of ROUND_ITEMS items per node, in turns; one record per node with the sums. */
	const repetition = async (mode: RunRecord['mode'], regime: RunRecord['regime'], keys: Key[], specFor: (key: Key) => NodeSpec, rep: number) => {
		const runs: Partial<Record<Key, RunRecord[]>> = {};
		await interleavedRounds(keys, ROUNDS, rep, async (key) => {
			const record = await runOnce(mode, regime, key, specFor(key), rep, ROUND_ITEMS);
			(runs[key] ??= []).push(record);
			return record;
		});
		for (const key of keys) {
			const list = runs[key]!;
			const sum = (field: 'wallMs' | 'cpuMs' | 'standInCpuMs' | 'completed' | 'accepted') => list.reduce((total, record) => total + record[field], 0);
			const rounds = list.map(({ wallMs, cpuMs }) => ({ wallMs, cpuMs }));
			const record: RunRecord = { mode, regime, variant: key, rep, rounds, wallMs: sum('wallMs'), cpuMs: sum('cpuMs'), standInCpuMs: sum('standInCpuMs'), completed: sum('completed'), accepted: sum('accepted') };
			records.push(record);
			log(`  ${mode}${regime === 'sequential' ? ' sequential' : ''} rep ${rep + 1} ${key.padEnd(7)} wall ${fmt(record.wallMs)} ms, client CPU ${fmt(record.cpuMs)} ms (${fmt((record.cpuMs * 1000) / ITEMS)} µs/item)`);
		}
	};

	for (const mode of ['filesystem', 'memory'] as const) {
		// A full-size warm-up run of each node first: our node has more code for the JIT to settle.
		log(`${SCENARIO}: ${mode} mode, warm-up`);
		for (const key of Object.keys(specs) as Key[]) await runOnce(mode, 'default', key, specs[key], -1);
		for (let rep = 0; rep < reps; rep++) await repetition(mode, 'default', Object.keys(specs) as Key[], (key) => specs[key], rep);
		for (let rep = 0; rep < sequentialReps; rep++) await repetition(mode, 'sequential', ['ours', 'minimal'], (key) => sequentialSpecs[key]!, rep);
	}

	// Diagnostic, outside the measured runs: how often, and for how long, each node reads its parameters
	// through n8n-core's getNodeParameter (which evaluates, copies and validates each value against the
	// node's description). Deterministic, unlike CPU time on this machine.
	const parameterReads = await countParameterReads(async (key) => {
		await standIn.reset();
		await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
		const result = await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [specs[key]], items, binaryMode: 'memory', packageDir: ctx.pkg.packageDir });
		if (result.error) throw result.error;
	});
	log(`  parameter reads per item: ours ${fmt(parameterReads.ours.calls)} taking ${fmt(parameterReads.ours.micros)} µs, minimal ${fmt(parameterReads.minimal.calls)} taking ${fmt(parameterReads.minimal.micros)} µs`);

	const pick = (mode: string, regime: string, variant: Key) => records.filter((r) => r.mode === mode && r.regime === regime && r.variant === variant).sort((a, b) => a.rep - b.rep);
	const ratios = (mode: string, regime: string, a: Key, b: Key, field: 'cpuMs' | 'wallMs') => {
		const left = pick(mode, regime, a);
		const right = pick(mode, regime, b);
		// Each repetition's ratio is the median of its rounds' (one execution of each node, side by side).
		return left.map((record, index) => roundRatio(record.rounds!.map((run) => run[field]), right[index].rounds!.map((run) => run[field])));
	};
	const perItem = (list: RunRecord[], field: 'cpuMs' | 'wallMs') => list.map((record) => (record[field] * 1000) / ITEMS);

	const inTurns = `a repetition: ${ROUNDS} executions of ${ROUND_ITEMS} items of each node, in turns; its ratio is the median of the rounds'`;
	for (const mode of ['filesystem', 'memory'] as const) {
		const names: Record<Key, string> = { ours: 'ours', minimal: 'minimal undici node', http: 'HTTP Request node' };
		for (const key of ['ours', 'minimal', 'http'] as Key[]) {
			ctx.figures.push(figure(SCENARIO, `${mode}: client CPU per item, ${names[key]}`, 'µs', perItem(pick(mode, 'default', key), 'cpuMs')));
		}
		for (const key of ['ours', 'minimal', 'http'] as Key[]) {
			ctx.figures.push(figure(SCENARIO, `${mode}: wall time per item, ${names[key]}`, 'µs', perItem(pick(mode, 'default', key), 'wallMs')));
		}
		ctx.figures.push(
			figure(SCENARIO, `${mode}: CPU per item, ours ÷ minimal`, '×', ratios(mode, 'default', 'ours', 'minimal', 'cpuMs'), { op: '<=', value: 1.15, text: '≤ 1.15×' }, inTurns),
			figure(SCENARIO, `${mode}: wall time, ours ÷ minimal`, '×', ratios(mode, 'default', 'ours', 'minimal', 'wallMs'), { op: '<=', value: 1.15, text: '≤ 1.15×' }, inTurns),
			figure(SCENARIO, `${mode}: CPU per item, ours ÷ HTTP Request`, '×', ratios(mode, 'default', 'ours', 'http', 'cpuMs'), { op: '<=', value: 1, text: '≤ 1× (ours ≤ HTTP Request)' }, inTurns),
			figure(SCENARIO, `${mode}: one at a time (ours at Max Concurrent Requests 1, minimal with 1 worker): CPU, ours ÷ minimal`, '×', ratios(mode, 'sequential', 'ours', 'minimal', 'cpuMs'), undefined, inTurns),
			figure(SCENARIO, `${mode}: one at a time: wall time, ours ÷ minimal`, '×', ratios(mode, 'sequential', 'ours', 'minimal', 'wallMs'), undefined, inTurns),
		);
	}
	ctx.figures.push(
		figure(SCENARIO, 'diagnostic (memory mode): getNodeParameter calls per item, ours', 'calls', [parameterReads.ours.calls], undefined, `${fmt(parameterReads.ours.micros)} µs per item in them; by parameter: ${parameterReads.ours.byName}`),
		figure(SCENARIO, 'diagnostic (memory mode): getNodeParameter calls per item, minimal', 'calls', [parameterReads.minimal.calls], undefined, `${fmt(parameterReads.minimal.micros)} µs per item in them`),
	);
	const connection = (key: Key) => String((requestHeaders[key] as Record<string, unknown> | undefined)?.connection ?? '?');
	ctx.notes.push(
		`Scenario 1: the JSON body each node sent equals ours: ${Object.entries(sameRequest).map(([key, same]) => `${key} ${same ? 'yes' : 'NO'}`).join(', ')}. ` +
			`Connection header: ours \`${connection('ours')}\`, minimal \`${connection('minimal')}\`, HTTP Request \`${connection('http')}\` (n8n's request helper opens a new connection per item).`,
	);
	ctx.details.overhead = {
		items: ITEMS,
		audioBytesPerItem: AUDIO_BYTES,
		oursRequest: { headers: oursRequest?.headers, json: oursRequest?.json },
		sameJsonBodyAsOurs: sameRequest,
		requestHeaders,
		parameterReads,
		runs: records,
	};
}

interface ParameterReads {
	calls: number;
	micros: number;
	byName: string;
}

/** Wraps n8n-core's `_getNodeParameter` while `run` executes each node twice; figures per item from the second run. */
async function countParameterReads(run: (key: 'ours' | 'minimal') => Promise<void>): Promise<Record<'ours' | 'minimal', ParameterReads>> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { NodeExecutionContext } = require('n8n-core/dist/execution-engine/node-execution-context/node-execution-context.js') as {
		NodeExecutionContext: { prototype: { _getNodeParameter: (name: string, ...rest: unknown[]) => unknown } };
	};
	const prototype = NodeExecutionContext.prototype;
	const original = prototype._getNodeParameter;
	const seen = new Map<string, { calls: number; ms: number }>();
	prototype._getNodeParameter = function counted(this: unknown, name: string, ...rest: unknown[]) {
		const start = performance.now();
		try {
			return original.call(this, name, ...rest);
		} finally {
			const entry = seen.get(name) ?? { calls: 0, ms: 0 };
			entry.calls++;
			entry.ms += performance.now() - start;
			seen.set(name, entry);
		}
	};
	const result = {} as Record<'ours' | 'minimal', ParameterReads>;
	try {
		for (const key of ['ours', 'minimal'] as const) {
			await run(key);
			seen.clear();
			await run(key);
			let calls = 0;
			let ms = 0;
			for (const entry of seen.values()) {
				calls += entry.calls;
				ms += entry.ms;
			}
			const byName = [...seen.entries()]
				.sort((a, b) => b[1].ms - a[1].ms)
				.map(([name, entry]) => `${name} ${fmt((entry.ms * 1000) / ITEMS)} µs`)
				.join(', ');
			result[key] = { calls: calls / ITEMS, micros: (ms * 1000) / ITEMS, byName };
		}
	} finally {
		prototype._getNodeParameter = original;
	}
	return result;
}
