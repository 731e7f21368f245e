/**
 * 7. Many executions and higher plans. A webhook that receives 40 voice messages at once starts 40
 * executions of one item each, all in one n8n process: against a plan of 5 at 200 ms per request the
 * ideal is 25 completed/s. Ours (one adaptive limiter per account in the process) beside the HTTP
 * Request node and beside the package as it was before the shared limiter (one limiter per execution).
 * Then one execution of 600 items at plan limits 15 and 60 (Cartesia's Scale tiers for TTS and STT),
 * and plan 60 again at 1000 ms per request: at 200 ms, 300 requests/s of this workload is near what
 * this machine does with nothing to find, so the longer latency shows the limiter where the machine is
 * not the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BenchContext } from '../lib/context';
import { forgetLearnedPlans, packAndInstallRevision, revisionBefore } from '../lib/install';
import { figure, fmt, log, measure, rotate } from '../lib/stats';
import { completedItems, httpGenerate, oursGenerate, runChain, SMALL_RAW, type NodeSpec } from '../lib/workflows';

const SCENARIO = '7. Many executions and higher plans';
const EXECUTIONS = 40;
const LATENCY_MS = 200;
const LIMIT = 5;
const IDEAL = (LIMIT * 1000) / LATENCY_MS;
const AUDIO_BYTES = 16_000;
const PLAN_ITEMS = 600;
const HIGHER_PLANS = [15, 60];
/** Plan 60 once more at this latency (ideal 60/s): the machine far from its limit. */
const LONG_LATENCY_MS = 1000;
/**
 * Plan 60 once more with the same 1000 ms per request, as Cartesia answers: the head (200) after
 * 250 ms, then the audio streamed as it is generated. The limiter learns from the head (a request
 * admitted), so the window opens a round trip sooner than at the answer's end.
 */
const STREAMED = { headMs: 250, bodyMs: 750 };
/**
 * Plan 60 at 200 ms per request as Cartesia sends /tts/bytes (chunked, audio as it is generated): the
 * head after 50 ms, then 150 ms of audio. The 200 ms figure above holds the head to the end, which
 * leaves a cold window nothing to learn from before a whole round has passed.
 */
const STREAMED_SHORT = { headMs: 50, bodyMs: 150 };
const LONG_LATENCY_PLAN = 60;
const SHARED_LIMITER_SOURCE = 'nodes/Cartesia/transport/sharedLimiters.ts';

interface Variant {
	key: string;
	label: string;
	spec: NodeSpec;
	packageDir: string;
	/** Measured after an unmeasured burst, with what the process learned of the plan kept (steady webhook traffic). */
	warm?: boolean;
}

interface RunRecord {
	variant: string;
	rep: number;
	wallMs: number;
	completed: number;
	failed: number;
	perSecond: number;
	refused: number;
	maxAdmitted: number;
}

async function preparePlan(ctx: BenchContext, limit: number, keepLearned = false, latencyMs = LATENCY_MS, bodyMs = 0): Promise<void> {
	if (!keepLearned) forgetLearnedPlans(ctx.pkg.packageDir);
	await ctx.standIn.reset();
	await ctx.standIn.setGeneratedAudioBytes(AUDIO_BYTES);
	await ctx.standIn.setLatency(latencyMs);
	await ctx.standIn.setBodyPacing(bodyMs);
	await ctx.standIn.setConcurrencyLimit(limit);
	await ctx.standIn.setConcurrencyRetryAfter(undefined);
}

async function settle(ctx: BenchContext): Promise<void> {
	// Let requests a failed execution abandoned finish before counting.
	for (let wait = 0; wait < 50 && (await ctx.standIn.stats()).inFlight > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** `EXECUTIONS` one-item executions started at once, in this process. */
async function burst(ctx: BenchContext, variant: Variant, rep: number): Promise<RunRecord> {
	const start = () =>
		Promise.all(
			Array.from({ length: EXECUTIONS }, (_, n) =>
				runChain({ extraNodeTypes: ctx.extraNodeTypes, target: ctx.target, nodes: [variant.spec], items: [{ json: { n } }], binaryMode: 'memory', packageDir: variant.packageDir }),
			),
		);
	await preparePlan(ctx, LIMIT);
	if (variant.warm) {
		await start();
		await settle(ctx);
		await preparePlan(ctx, LIMIT, true);
	}
	const measured = await measure(start);
	const completed = measured.value.reduce((sum, result) => sum + completedItems(result).length, 0);
	return await recordRun(ctx, { variant: variant.key, rep, wallMs: measured.wallMs, completed, total: EXECUTIONS });
}

/** A run's record, once requests a failed execution abandoned have finished (the stand-in's counts). */
async function recordRun(
	ctx: BenchContext,
	run: { variant: string; rep: number; wallMs: number; completed: number; total: number },
): Promise<RunRecord> {
	await settle(ctx);
	const stats = await ctx.standIn.stats();
	return {
		variant: run.variant,
		rep: run.rep,
		wallMs: run.wallMs,
		completed: run.completed,
		failed: run.total - run.completed,
		perSecond: run.completed / (run.wallMs / 1000),
		refused: stats.byStatus['429'] ?? 0,
		maxAdmitted: stats.maxAdmitted,
	};
}

/** A big-plan run's record key: `plan-60`, `plan-60-fixed`, `plan-60-1000ms-fixed`, `plan-60-250ms-750ms-streamed`. */
const planKey = (limit: number, latencyMs: number, fixed: boolean, bodyMs = 0) =>
	`plan-${limit}${latencyMs === LATENCY_MS && !bodyMs ? '' : `-${latencyMs}ms`}${bodyMs ? `-${bodyMs}ms-streamed` : ''}${fixed ? '-fixed' : ''}`;

/**
 * One execution of `PLAN_ITEMS` items against a plan of `limit`: automatic concurrency, or (`fixed`) Max
 * Concurrent Requests set to the limit, which shows what the machine allows with nothing to find.
 */
async function bigPlan(ctx: BenchContext, limit: number, rep: number, fixed = false, latencyMs = LATENCY_MS, bodyMs = 0): Promise<RunRecord> {
	await preparePlan(ctx, limit, false, latencyMs, bodyMs);
	const items = Array.from({ length: PLAN_ITEMS }, (_, n) => ({ json: { n } }));
	const spec = oursGenerate(ctx.target, SMALL_RAW, fixed ? limit : 0);
	const measured = await measure(async () =>
		await runChain({ extraNodeTypes: ctx.extraNodeTypes, target: ctx.target, nodes: [spec], items, binaryMode: 'memory', packageDir: ctx.pkg.packageDir }),
	);
	const completed = completedItems(measured.value).length;
	return await recordRun(ctx, { variant: planKey(limit, latencyMs, fixed, bodyMs), rep, wallMs: measured.wallMs, completed, total: PLAN_ITEMS });
}

const summary = (record: RunRecord, total: number) =>
	`${record.completed}/${total} in ${fmt(record.wallMs / 1000)} s (${fmt(record.perSecond)}/s), ${record.refused} refused (429), most admitted ${record.maxAdmitted}`;

export async function manyExecutions(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	await standIn.reset();
	await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
	const probe = await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [oursGenerate(target, SMALL_RAW)], binaryMode: 'memory', packageDir: ctx.pkg.packageDir });
	if (probe.error) throw probe.error;
	const body = (await standIn.lastRequest('/tts/bytes'))!.json;

	const baselineRevision = revisionBefore(SHARED_LIMITER_SOURCE);
	log(`${SCENARIO}: building the package at ${baselineRevision} (one limiter per execution) as the baseline`);
	const baselineFolder = mkdtempSync(join(tmpdir(), 'n8n-bench-baseline-'));
	process.once('exit', () => rmSync(baselineFolder, { recursive: true, force: true }));
	const baseline = await packAndInstallRevision(baselineFolder, baselineRevision);

	const variants: Variant[] = [
		{ key: 'ours-shared', label: 'ours (one limiter per account in the process, automatic)', spec: oursGenerate(target, SMALL_RAW, 0), packageDir: ctx.pkg.packageDir },
		{ key: 'ours-warm', label: 'ours, a burst after a burst (the window learned by the first kept)', spec: oursGenerate(target, SMALL_RAW, 0), packageDir: ctx.pkg.packageDir, warm: true },
		{ key: 'per-execution', label: `ours before the shared limiter (${baselineRevision}: one limiter per execution)`, spec: oursGenerate(target, SMALL_RAW, 0), packageDir: baseline.packageDir },
		{ key: 'http', label: 'HTTP Request node, defaults', spec: httpGenerate(target, body), packageDir: ctx.pkg.packageDir },
	];
	const reps = ctx.quick ? 1 : 5;
	const records: RunRecord[] = [];
	for (let rep = 0; rep < reps; rep++) {
		for (const variant of rotate(variants, rep)) {
			const record = await burst(ctx, variant, rep);
			records.push(record);
			log(`${SCENARIO}: rep ${rep + 1} ${variant.key.padEnd(13)} ${summary(record, EXECUTIONS)}`);
		}
		const plans = [
			...HIGHER_PLANS.map((limit) => ({ limit, latencyMs: LATENCY_MS, bodyMs: 0 })),
			{ limit: LONG_LATENCY_PLAN, latencyMs: LONG_LATENCY_MS, bodyMs: 0 },
			{ limit: LONG_LATENCY_PLAN, latencyMs: STREAMED.headMs, bodyMs: STREAMED.bodyMs },
			{ limit: LONG_LATENCY_PLAN, latencyMs: STREAMED_SHORT.headMs, bodyMs: STREAMED_SHORT.bodyMs },
		];
		for (const { limit, latencyMs, bodyMs } of plans) {
			for (const fixed of rep % 2 ? [true, false] : [false, true]) {
				const record = await bigPlan(ctx, limit, rep, fixed, latencyMs, bodyMs);
				records.push(record);
				log(`${SCENARIO}: rep ${rep + 1} plan ${`${limit}${fixed ? ' fixed' : ''}`.padEnd(8)} ${latencyMs} ms${bodyMs ? ` + ${bodyMs} ms streamed` : ''} ${summary(record, PLAN_ITEMS)}`);
			}
		}
	}
	await standIn.reset();

	const of = (key: string) => records.filter((record) => record.variant === key);
	const notesOf = (list: RunRecord[]) =>
		`failed ${list.map((r) => r.failed).join(', ')}; 429s ${list.map((r) => r.refused).join(', ')}; wall ${list.map((r) => fmt(r.wallMs / 1000)).join(', ')} s`;
	for (const variant of variants) {
		const list = of(variant.key);
		const ours = variant.key.startsWith('ours');
		ctx.figures.push(
			figure(
				SCENARIO,
				`${EXECUTIONS} one-item executions at once, plan ${LIMIT}, ${LATENCY_MS} ms: ${variant.label}: completed/s`,
				'items/s',
				list.map((r) => r.perSecond),
				ours ? { op: '>=', value: 0.85 * IDEAL, text: `≥ 0.85 × ${IDEAL} = ${fmt(0.85 * IDEAL)}/s` } : undefined,
				notesOf(list),
			),
		);
		ctx.figures.push(
			figure(
				SCENARIO,
				`${EXECUTIONS} one-item executions: ${variant.label}: items failed`,
				'items',
				list.map((r) => r.failed),
				ours ? { op: '<=', value: 0, text: '0' } : undefined,
			),
		);
		ctx.figures.push(figure(SCENARIO, `${EXECUTIONS} one-item executions: ${variant.label}: 429s`, 'requests', list.map((r) => r.refused)));
	}
	const planFigures = (limit: number, latencyMs: number, label: string, bodyMs = 0) => {
		const list = of(planKey(limit, latencyMs, false, bodyMs));
		const ideal = (limit * 1000) / (latencyMs + bodyMs);
		const timing = bodyMs ? `${latencyMs} ms to the head, then ${bodyMs} ms of audio` : `${latencyMs} ms`;
		ctx.figures.push(
			figure(
				SCENARIO,
				`${PLAN_ITEMS} items in one execution, plan ${limit}, ${timing} (ideal ${ideal}/s${label}): completed/s`,
				'items/s',
				list.map((r) => r.perSecond),
				{ op: '>=', value: 0.9 * ideal, text: `≥ 0.9 × ${ideal} = ${fmt(0.9 * ideal)}/s, 0 failed` },
				notesOf(list),
			),
		);
		const fixedList = of(planKey(limit, latencyMs, true, bodyMs));
		const at = latencyMs === LATENCY_MS && !bodyMs ? '' : ` at ${timing}`;
		ctx.figures.push(
			figure(
				SCENARIO,
				`diagnostic: the same with Max Concurrent Requests ${limit}${at} (nothing to find: what this machine allows): completed/s`,
				'items/s',
				fixedList.map((r) => r.perSecond),
				undefined,
				notesOf(fixedList),
			),
			figure(
				SCENARIO,
				`diagnostic: plan ${limit}${at}, automatic ÷ Max Concurrent Requests ${limit} (per repetition)`,
				'×',
				list.map((r, index) => r.perSecond / (fixedList[index]?.perSecond ?? Number.NaN)),
			),
		);
	};
	for (const limit of HIGHER_PLANS) planFigures(limit, LATENCY_MS, '');
	planFigures(LONG_LATENCY_PLAN, LONG_LATENCY_MS, ', the machine not the limit');
	planFigures(LONG_LATENCY_PLAN, STREAMED.headMs, ', the head first and the audio streamed, as Cartesia sends it', STREAMED.bodyMs);
	planFigures(LONG_LATENCY_PLAN, STREAMED_SHORT.headMs, ', the head first and the audio streamed, as Cartesia sends it', STREAMED_SHORT.bodyMs);
	ctx.details.executions = { executions: EXECUTIONS, latencyMs: LATENCY_MS, limit: LIMIT, ideal: IDEAL, longLatencyMs: LONG_LATENCY_MS, baselineRevision, runs: records };
}
