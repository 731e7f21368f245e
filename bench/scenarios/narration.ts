/**
 * 8. Long-text narration (issue 11): the 30,000-character article of test/longText narrated by Speech →
 * Generate, WAV 8 kHz, filesystem binary mode.
 *  - Parallel Parts against a stand-in that takes a fixed PART_LATENCY_MS per /tts/bytes request (the
 *    head after PART_FIRST_BYTE_MS, the audio spread over the rest, as Cartesia streams while it
 *    generates) and admits 3 or 15 at once: wall time against the issue's ideal, total part latency ÷ limit.
 *  - Continuous (one WebSocket context) with a fixed INPUT_LATENCY_MS before each input's audio: wall
 *    time against the stand-in's total latency for the inputs.
 *  - Peak RSS growth of a one-hour narration against a one-minute one, each in a fresh child process
 *    (bench/narration.child.ts), both modes.
 * The variants of one repetition run side by side, in turns; ratios are taken per repetition.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { ADAPTIVE_MAX_WINDOW } from '../../nodes/Cartesia/transport/concurrency';
import { withTempDir, type BenchContext } from '../lib/context';
import { forgetLearnedPlans } from '../lib/install';
import { childReport, type MemoryReport } from '../lib/memoryChild';
import { article, oursNarrate, type NarrationMode } from '../lib/narration';
import { figure, fmt, log, measure, rotate, summarize } from '../lib/stats';
import { runChain, type SpeechFormat } from '../lib/workflows';

const SCENARIO = '8. Long-text narration (issue 11)';
const ARTICLE_CHARACTERS = 30_000;
/** Fixed, so the ideal is computable: each part's request lasts this long, its audio included. */
const PART_LATENCY_MS = 1_000;
/** Of which the wait before the answer's head; the body is paced over the rest. */
const PART_FIRST_BYTE_MS = 250;
const INPUT_LATENCY_MS = 100;
const FORMAT: SpeechFormat = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 };
const MB = 1024 * 1024;

interface Variant {
	key: string;
	label: string;
	mode: NarrationMode;
	/** The stand-in's plan limit (the WebSocket context holds one slot). */
	limit: number;
	maxConcurrentRequests?: number;
}

interface RunRecord {
	variant: string;
	rep: number;
	status: string;
	wallMs: number;
	parts: number;
	mode: unknown;
	durationSeconds: unknown;
	accepted: number;
	refused: number;
	maxAdmitted: number;
	/** Parallel: parts × latency ÷ limit; continuous: inputs × input latency. */
	idealMs: number;
	/** Parallel only: the best any schedule of equal parts can do, ceil(parts ÷ limit) × latency. */
	roundsMs?: number;
	error?: string;
}

const VARIANTS: Variant[] = [
	{ key: 'parallel-3-auto', label: 'Parallel Parts, limit 3, Max Concurrent Requests automatic (the default)', mode: 'parallel', limit: 3 },
	{ key: 'parallel-15-auto', label: 'Parallel Parts, limit 15, Max Concurrent Requests automatic (the default)', mode: 'parallel', limit: 15 },
	{ key: 'parallel-3-fixed', label: 'Parallel Parts, limit 3, Max Concurrent Requests 3', mode: 'parallel', limit: 3, maxConcurrentRequests: 3 },
	{ key: 'parallel-15-fixed', label: 'Parallel Parts, limit 15, Max Concurrent Requests 15', mode: 'parallel', limit: 15, maxConcurrentRequests: 15 },
	{ key: 'continuous', label: 'Continuous (one WebSocket context), limit 3', mode: 'continuous', limit: 3 },
];

export async function narration(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	const transcript = article(ARTICLE_CHARACTERS);
	const loadAtStart = loadavg();
	// BENCH_NARRATION=memory or =throughput runs one part alone (while working on it; its figures only).
	const reps = process.env.BENCH_NARRATION === 'memory' ? 0 : ctx.quick ? 1 : 3;
	const records: RunRecord[] = [];
	for (let rep = 0; rep < reps; rep++) {
		for (const variant of rotate(VARIANTS, rep)) {
			forgetLearnedPlans(ctx.pkg.packageDir);
			await standIn.reset();
			await standIn.setConcurrencyLimit(variant.limit);
			if (variant.mode === 'parallel') {
				await standIn.setLatency(PART_FIRST_BYTE_MS);
				await standIn.setBodyPacing(PART_LATENCY_MS - PART_FIRST_BYTE_MS);
			}
			else await standIn.setWebSocketInputLatency(INPUT_LATENCY_MS);
			const spec = oursNarrate(target, FORMAT, transcript, { mode: variant.mode, maxConcurrentRequests: variant.maxConcurrentRequests });
			const measured = await withTempDir('n8n-bench-narration-', async (binaryDir) =>
				await measure(async () => await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [spec], binaryMode: 'filesystem', binaryDir, packageDir: ctx.pkg.packageDir })),
			);
			const stats = await standIn.stats();
			const json = measured.value.status === 'success' ? measured.value.output('Node')[0]?.json ?? {} : {};
			const parts = Number(json.parts ?? Number.NaN);
			const latency = variant.mode === 'parallel' ? PART_LATENCY_MS : INPUT_LATENCY_MS;
			const record: RunRecord = {
				variant: variant.key,
				rep,
				status: measured.value.status,
				wallMs: measured.wallMs,
				parts,
				mode: json.mode,
				durationSeconds: json.durationSeconds,
				accepted: variant.mode === 'parallel' ? (stats.byStatus['200'] ?? 0) : (stats.byStatus['101'] ?? 0),
				refused: stats.byStatus['429'] ?? 0,
				maxAdmitted: stats.maxAdmitted,
				idealMs: variant.mode === 'parallel' ? (parts * latency) / variant.limit : parts * latency,
				roundsMs: variant.mode === 'parallel' ? Math.ceil(parts / variant.limit) * latency : undefined,
				error: measured.value.error?.message,
			};
			records.push(record);
			if (record.status !== 'success' || record.mode !== variant.mode) {
				throw new Error(`${variant.key} ended ${record.status} in mode ${String(record.mode)}: ${record.error ?? ''}`);
			}
			log(
				`${SCENARIO}: rep ${rep + 1} ${variant.key.padEnd(17)} ${record.parts} parts, ${fmt(Number(record.durationSeconds))} s of audio in ${fmt(record.wallMs / 1000)} s ` +
					`(ideal ${fmt(record.idealMs / 1000)} s: ${fmt(record.idealMs / record.wallMs)}×); stand-in: ${record.accepted} accepted, ${record.refused} refused (429), most admitted at once ${record.maxAdmitted}`,
			);
		}
	}
	await standIn.reset();

	const of = (key: string) => records.filter((record) => record.variant === key);
	const efficiencyTarget = { op: '>=' as const, value: 0.85, text: '≥ 0.85×' };
	for (const variant of VARIANTS) {
		const list = of(variant.key);
		const walls = `wall ${list.map((r) => fmt(r.wallMs / 1000)).join(', ')} s; ${list[0]?.parts} ${variant.mode === 'parallel' ? 'parts' : 'inputs'}`;
		if (variant.mode === 'parallel') {
			const refusals = `429s ${list.map((r) => r.refused).join(', ')}; most admitted at once ${list.map((r) => r.maxAdmitted).join(', ')}`;
			ctx.figures.push(
				figure(
					SCENARIO,
					`${variant.label}: ideal (${PART_LATENCY_MS} ms × parts ÷ limit) ÷ wall time`,
					'×',
					list.map((r) => r.idealMs / r.wallMs),
					variant.maxConcurrentRequests === undefined ? efficiencyTarget : undefined,
					`${walls}; ${refusals}`,
				),
				figure(SCENARIO, `${variant.label}: best whole-round schedule (ceil(parts ÷ limit) × ${PART_LATENCY_MS} ms) ÷ wall time`, '×', list.map((r) => r.roundsMs! / r.wallMs)),
			);
		} else {
			ctx.figures.push(
				figure(SCENARIO, `${variant.label}: wall time`, 's', list.map((r) => r.wallMs / 1000), undefined, `${fmt(Number(list[0]?.durationSeconds))} s of audio`),
				figure(SCENARIO, `${variant.label}: stand-in's total input latency (${INPUT_LATENCY_MS} ms × inputs) ÷ wall time`, '×', list.map((r) => r.idealMs / r.wallMs), undefined, walls),
			);
		}
	}
	const partsOf = (key: string) => of(key).map((r) => r.parts).join(', ');
	const autoPeak = of('parallel-15-auto').map((r) => r.maxAdmitted);
	ctx.notes.push(
		`Scenario 8: Parallel Parts cuts the article into even parts in whole rounds of the concurrency window (helpers/textParts.ts partCount, splitEvenly): ` +
			`${partsOf('parallel-3-fixed')} parts with Max Concurrent Requests 3, ${partsOf('parallel-15-fixed')} with 15, and with automatic concurrency ` +
			`${partsOf('parallel-3-auto')} (limit 3) and ${partsOf('parallel-15-auto')} (limit 15): a cold TTS window opens at 15 (START_WINDOWS.tts, the largest documented TTS plan), ` +
			`so one item's parts go at once (most admitted at once at limit 15: ${autoPeak.join(', ')}), and at limit 3 the first window's overshoot is refused once (the 429s above) ` +
			`and waits for room. Before (17 parts of up to 2,000 characters, a cold window of 4 widened by one per success) limit 15 automatic was 0.351× and Max Concurrent Requests 15 0.494×: ` +
			`17 equal parts need two rounds of 15, so no scheduler could pass 0.567×.`,
	);
	if (process.env.BENCH_NARRATION !== 'throughput') await memoryByLength(ctx);
	ctx.notes.push(
		`Scenario 8: load average ${loadAtStart.map((v) => v.toFixed(2)).join(' ')} at its start and ${loadavg().map((v) => v.toFixed(2)).join(' ')} at its end on ${cpus().length} CPUs ` +
			`shared with other engineers' test runs: wall times and peaks include that contention.`,
	);
	ctx.details.narration = { ...(ctx.details.narration as object), partLatencyMs: PART_LATENCY_MS, inputLatencyMs: INPUT_LATENCY_MS, format: FORMAT, characters: [...transcript].length, runs: records };
}

// ---- memory: one hour against one minute ---------------------------------------------------------

const MEMORY_FORMAT: SpeechFormat = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 };
/** About 60 ms of stand-in audio per character: 1,000 characters is a minute, 60,000 an hour. */
const LENGTHS = { minute: 1_000, hour: 60_000, twoHours: 120_000 } as const;
const LENGTH_NAMES: Record<Length, string> = { minute: 'one-minute', hour: 'one-hour', twoHours: 'two-hour' };
/**
 * A short pause between paragraphs puts the one-minute text (two paragraphs, under one part's 2,000
 * characters) through the long-text path too; every length uses it, so they differ only in length.
 */
const PARAGRAPH_PAUSE_SECONDS = 0.1;
const CHILD_TIMEOUT_MS = 120_000;
/** MB per semi-space for the capped-young-generation diagnostic (V8 grows it to 32 MB or more under a high allocation rate). */
const SMALL_SEMI_SPACE_MB = 2;

type Length = keyof typeof LENGTHS;
/** Often enough to reach every phase of an hour (about 1.5 s at loopback speed); every 10 ms, collecting was most of what the process did (a one-minute narration took 3.6 s, not 0.05 s). */
const HELD_GC_EVERY_MS = 50;
/**
 * Diagnostics, one run each: `two-hours`, whether what is held follows the length (a two-hour narration
 * in the `held` condition, beside the one-hour ones); `small-young-gen`, the
 * young generation capped with --max-semi-space-size (how much of the growth is V8 sizing it). What is
 * held without garbage awaiting collection is the `held` condition's.
 */
type Diagnostic = 'two-hours' | 'small-young-gen';
const DIAGNOSTICS: Diagnostic[] = ['two-hours', 'small-young-gen'];
const DIAGNOSTIC_LABELS: Record<Diagnostic, string> = {
	'two-hours': `two-hour narration, a full GC forced every ${HELD_GC_EVERY_MS} ms`,
	'small-young-gen': `one-hour with --max-semi-space-size=${SMALL_SEMI_SPACE_MB}`,
};

interface ChildReport extends MemoryReport {
	bytes?: number;
	durationSeconds?: number;
	parts?: number;
	/** With FORCE_GC=full: the highest growth of the V8 heap right after a forced full collection. */
	liveHeap?: number;
	/** With FORCE_GC=full: the highest growth of the V8 heap and Buffers together right after a forced full collection. */
	liveTotal?: number;
}

/**
 * How a memory run is made: `loopback`, a fresh process and a stand-in that sends audio as fast as the
 * socket takes it (an hour in about 3 s); `paced`, a fresh process and audio sent at GENERATION_SPEED ×
 * real time; `warm`, at loopback speed in a process that narrated an hour (at loopback speed) before
 * its baseline, so V8 has already sized its heap for that rate, as in any busy n8n process; `held`, a
 * fresh process at loopback speed with a full collection forced every HELD_GC_EVERY_MS: the peak then
 * follows what the narration holds, not when V8 chooses to collect the garbage it leaves.
 */
type Condition = 'loopback' | 'paced' | 'warm' | 'held';
const CONDITIONS: Condition[] = ['loopback', 'paced', 'warm', 'held'];
/** Audio seconds the paced stand-in generates per second: an hour in 36 s (Cartesia does not document its speed). */
const GENERATION_SPEED = 100;
const CONDITION_LABELS: Record<Condition, string> = {
	loopback: 'fresh process, audio at loopback speed',
	paced: `fresh process, audio at ${GENERATION_SPEED}× real time`,
	warm: 'at loopback speed, after a one-hour warm-up',
	held: `fresh process, audio at loopback speed, a full GC forced every ${HELD_GC_EVERY_MS} ms`,
};

type MemoryRun = ChildReport & { mode: NarrationMode; length: Length; rep: number; condition: Condition; diagnostic?: Diagnostic };

/** The one run a diagnostic makes: mode, length, repetition and condition. */
function diagnosticRun(mode: NarrationMode, diagnostic: Diagnostic): [NarrationMode, Length, number, Condition, Diagnostic] {
	return diagnostic === 'two-hours' ? [mode, 'twoHours', 0, 'held', diagnostic] : [mode, 'hour', 0, 'loopback', diagnostic];
}

async function memoryByLength(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	const reps = ctx.quick ? 1 : 2;
	const binaryDir = mkdtempSync(join(tmpdir(), 'n8n-bench-narration-memory-'));
	const removeBinaryDir = () => rmSync(binaryDir, { recursive: true, force: true });
	process.once('exit', removeBinaryDir);
	const reports: MemoryRun[] = [];

	const runChild = async (mode: NarrationMode, length: Length, rep: number, condition: Condition, diagnostic?: Diagnostic): Promise<void> => {
		await standIn.reset();
		if (condition === 'paced') await standIn.setGenerationSpeed(GENERATION_SPEED);
		// BENCH_CHILD_V8_FLAGS (say "--trace-gc") and BENCH_CHILD_TRACE (a file for the child's other output) look inside a run.
		const v8Flags = [...(diagnostic === 'small-young-gen' ? [`--max-semi-space-size=${SMALL_SEMI_SPACE_MB}`] : []), ...(process.env.BENCH_CHILD_V8_FLAGS?.split(' ').filter(Boolean) ?? [])];
		const child = spawn(process.execPath, ['--expose-gc', ...v8Flags, '--require', require.resolve('tsx/cjs'), join(__dirname, '..', 'narration.child.ts')], {
			env: {
				...process.env,
				NODE_ENV: 'production',
				MODE: mode,
				CHARACTERS: String(LENGTHS[length]),
				PARAGRAPH_PAUSE: String(PARAGRAPH_PAUSE_SECONDS),
				FORMAT: JSON.stringify(MEMORY_FORMAT),
				STANDIN_URL: target.url,
				STANDIN_KEY: target.apiKey,
				VOICE_ID: target.voiceId,
				PACKAGE_DIR: ctx.pkg.packageDir,
				BINARY_DIR: binaryDir,
				...(condition === 'held' ? { FORCE_GC: 'full', FORCE_GC_EVERY_MS: String(HELD_GC_EVERY_MS) } : {}),
				...(condition === 'warm' ? { WARM_UP_CHARACTERS: String(LENGTHS.hour) } : {}),
			},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		const trace = process.env.BENCH_CHILD_TRACE;
		if (trace) {
			appendFileSync(trace, `=== ${mode} ${length} ${condition} ${diagnostic ?? ''}\n`);
			child.stdout.on('data', (chunk: Buffer) => appendFileSync(trace, chunk));
		}
		const report = await childReport<ChildReport>(child, CHILD_TIMEOUT_MS);
		if (!report || report.step !== 'done') throw new Error(`narration memory child ${mode} ${length} ${diagnostic ?? ''} failed: ${report?.stack ?? report?.message ?? 'no report'}`);
		reports.push({ ...report, mode, length, rep, condition, diagnostic });
		log(
			`${SCENARIO}: rep ${rep + 1} ${mode} ${diagnostic ? `diagnostic ${DIAGNOSTIC_LABELS[diagnostic]}` : `${LENGTH_NAMES[length]}, ${CONDITION_LABELS[condition]}`}: ` +
				`${fmt(Number(report.durationSeconds))} s of audio (${fmt((report.bytes ?? 0) / MB)} MB, ${report.parts} parts) in ${fmt(report.wallMs / 1000)} s; ` +
				`peak RSS +${fmt(report.growth / MB)} MB over ${fmt(report.baseline / MB)} MB; sampled highs: array buffers +${fmt(report.sampled.arrayBuffers / MB)} MB, V8 heap +${fmt(report.sampled.heapUsed / MB)} MB` +
				(report.liveHeap !== undefined ? `, right after a full GC: V8 heap +${fmt(report.liveHeap / MB)} MB, with Buffers +${fmt((report.liveTotal ?? 0) / MB)} MB` : ''),
		);
	};

	// BENCH_NARRATION_MEMORY=continuous/loopback (modes and conditions, comma-separated) runs only those, without diagnostics (while working on it).
	const only = process.env.BENCH_NARRATION_MEMORY?.split('/').map((list) => list.split(','));
	const modes = (['continuous', 'parallel'] as NarrationMode[]).filter((mode) => !only || only[0].includes(mode));
	const conditions = CONDITIONS.filter((condition) => !only?.[1] || only[1].includes(condition));
	const runs = conditions.flatMap((condition) =>
		modes.flatMap((mode) => [[mode, 'minute', condition], [mode, 'hour', condition]] as Array<[NarrationMode, Length, Condition]>),
	);
	try {
		for (let rep = 0; rep < reps; rep++) for (const [mode, length, condition] of rotate(runs, rep)) await runChild(mode, length, rep, condition);
		if (!only) for (const diagnostic of DIAGNOSTICS) for (const mode of modes) await runChild(...diagnosticRun(mode, diagnostic));
	} finally {
		await standIn.reset();
		removeBinaryDir();
		process.off('exit', removeBinaryDir);
	}

	const select = (mode: NarrationMode, length: Length, condition: Condition, diagnostic?: Diagnostic) =>
		reports
			.filter((report) => report.mode === mode && report.length === length && report.condition === condition && report.diagnostic === diagnostic)
			.sort((a, b) => a.rep - b.rep);
	const about = (list: MemoryRun[]) =>
		`${fmt(Number(list[0]?.durationSeconds))} s of audio, ${fmt((list[0]?.bytes ?? 0) / MB)} MB; sampled highs: Buffers +${list.map((r) => fmt(r.sampled.arrayBuffers / MB)).join(', ')} MB, ` +
		`V8 heap +${list.map((r) => fmt(r.sampled.heapUsed / MB)).join(', ')} MB` +
		(list[0]?.liveHeap !== undefined
			? ` (right after a forced full GC, at most: V8 heap +${list.map((r) => fmt((r.liveHeap ?? 0) / MB)).join(', ')} MB, with Buffers +${list.map((r) => fmt((r.liveTotal ?? 0) / MB)).join(', ')} MB)`
			: '') +
		`; ${list.map((r) => fmt(r.wallMs / 1000)).join(', ')} s`;
	for (const mode of modes) {
		for (const condition of conditions) {
			const hours = select(mode, 'hour', condition);
			const minutes = select(mode, 'minute', condition);
			const label = CONDITION_LABELS[condition];
			ctx.figures.push(
				figure(SCENARIO, `${mode}, one-hour narration (WAV 16 kHz), ${label}: peak RSS growth`, 'MB', hours.map((r) => r.growth / MB), { op: '<=', value: 64, text: '≤ 64 MB' }, about(hours)),
				figure(SCENARIO, `${mode}, one-minute narration (WAV 16 kHz), ${label}: peak RSS growth`, 'MB', minutes.map((r) => r.growth / MB), undefined, about(minutes)),
				figure(
					SCENARIO,
					`${mode}, ${label}: one-hour minus one-minute peak RSS growth (per repetition)`,
					'MB',
					hours.map((hour, index) => (hour.growth - (minutes[index]?.growth ?? Number.NaN)) / MB),
					{ op: '<=', value: 10, text: '≤ 10 MB' },
				),
			);
		}
		for (const diagnostic of only ? [] : DIAGNOSTICS) {
			const [, length, , condition] = diagnosticRun(mode, diagnostic);
			const list = select(mode, length, condition, diagnostic);
			ctx.figures.push(figure(SCENARIO, `diagnostic (fresh process, loopback speed): ${mode}, ${DIAGNOSTIC_LABELS[diagnostic]}: peak RSS growth`, 'MB', list.map((r) => r.growth / MB), undefined, about(list)));
		}
	}
	const growthOf = (mode: NarrationMode, length: Length, condition: Condition, diagnostic?: Diagnostic) =>
		fmt(summarize(select(mode, length, condition, diagnostic).map((r) => r.growth / MB)).median);
	const both = (pick: (mode: NarrationMode) => string) => modes.map((mode) => `${pick(mode)} MB (${mode})`).join(', ');
	ctx.notes.push(
		`Scenario 8: memory children narrate makeArticle(${LENGTHS.minute}), makeArticle(${LENGTHS.hour}) and, once, makeArticle(${LENGTHS.twoHours}) (about a minute, an hour and two hours of stand-in audio) ` +
			`as WAV 16 kHz s16le in filesystem binary mode, all with a ${PARAGRAPH_PAUSE_SECONDS} s paragraph pause so the one-minute text goes through the long-text path too; ` +
			`the stand-in has no latency and no plan limit there (automatic concurrency). Each child warms up on a 3,000-character narration twice before its baseline ` +
			`(in the "after a one-hour warm-up" runs, on a one-hour narration instead). Peak RSS is the process's high-water mark (maxRSS).`,
	);
	// Filtered runs (BENCH_NARRATION_MEMORY) lack the figures this note quotes.
	if (!only) ctx.notes.push(
		`Scenario 8, what the one-hour growth is: in a fresh process at loopback speed, one hour ${both((mode) => growthOf(mode, 'hour', 'loopback'))}; ` +
			`with a full GC forced every ${HELD_GC_EVERY_MS} ms, a minute ${both((mode) => growthOf(mode, 'minute', 'held'))}, an hour ${both((mode) => growthOf(mode, 'hour', 'held'))} ` +
			`and two hours ${both((mode) => growthOf(mode, 'twoHours', 'held', 'two-hours'))}. ` +
			`What a narration holds at once is small and does not follow its length ` +
			`(right after those collections, at most ${both((mode) => fmt(Math.max(...select(mode, 'hour', 'held').map((r) => (r.liveTotal ?? Number.NaN) / MB))))} of V8 heap and Buffers for an hour, ` +
			`${both((mode) => fmt(Math.max(...select(mode, 'twoHours', 'held', 'two-hours').map((r) => (r.liveTotal ?? Number.NaN) / MB))))} for two hours; ` +
			`in Parallel Parts it follows the parts in flight, up to ${ADAPTIVE_MAX_WINDOW} here, where no plan limit stops the automatic window, each holding about 0.4 MB ` +
			`in undici's socket and response-body buffers (64 KB high-water marks on plain TCP; 16 KB for the socket over TLS); ` +
			`parts wait on disk, inputs go 2 ahead, responses stream). Without forced collections the growth is V8 sizing its heap for the allocation rate of about 100 MB of audio a second, ` +
			`base64 JSON strings from the WebSocket (continuous) or Buffers (Parallel Parts, which V8 lets grow by about 64 MB before it collects). ` +
			`A process that has narrated an hour once does not grow again: a second hour ${both((mode) => growthOf(mode, 'hour', 'warm'))}. ` +
			`At ${GENERATION_SPEED}× real time (an hour of audio in 36 s, still a stream rate we do not expect from Cartesia, which does not document it) a fresh process grows by ` +
			`${both((mode) => growthOf(mode, 'hour', 'paced'))} for an hour and ${both((mode) => growthOf(mode, 'minute', 'paced'))} for a minute.`,
	);
	ctx.details.narration = {
		...(ctx.details.narration as object),
		memory: { format: MEMORY_FORMAT, lengths: LENGTHS, paragraphPauseSeconds: PARAGRAPH_PAUSE_SECONDS, runs: reports.map(({ stack, ...rest }) => (void stack, rest)) },
	};
}
