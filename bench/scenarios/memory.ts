/**
 * 3. Memory on big audio, filesystem binary mode: each measurement in a fresh child process
 * (bench/memory.child.ts), peak RSS growth over a warmed-up baseline. Besides the 500 MB runs: how far
 * the download reads ahead of the binary store's writes (a diagnostic), and size independence, Generate
 * of 50 MB and of 1 GB on this Node and on the older one (issue 12).
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BenchContext } from '../lib/context';
import { childReport, type MemoryReport } from '../lib/memoryChild';
import { figure, fmt, log } from '../lib/stats';
import { oursGenerate, runChain, type SpeechFormat } from '../lib/workflows';

const SCENARIO = '3. Memory on big audio (filesystem mode)';
const MB = 1024 * 1024;
const AUDIO_BYTES = 500 * MB;
const CHILD_TIMEOUT_MS = 240_000;

/** Size independence (issue 12): Generate of a small and a large answer, on this Node and on the older one. */
const SMALL_BYTES = 50 * MB;
const LARGE_BYTES = 1024 * MB;

type Kind =
	| 'generate'
	| 'transcribe'
	| 'http-upload'
	| 'http-download'
	| 'generate-gc'
	| 'generate-node20'
	| 'generate-50mb'
	| 'generate-1gb'
	| 'generate-50mb-node20'
	| 'generate-1gb-node20'
	| 'generate-50mb-gc'
	| 'generate-1gb-gc';

/** What the child runs (its KIND), on which Node, and how big the stand-in's answer is. */
function variant(kind: Kind): { childKind: string; older: boolean; audioBytes: number } {
	const older = kind.endsWith('-node20');
	const audioBytes = kind.startsWith('generate-50mb') ? SMALL_BYTES : kind.startsWith('generate-1gb') ? LARGE_BYTES : AUDIO_BYTES;
	const childKind = kind.endsWith('-gc') ? 'generate-gc' : kind.startsWith('generate') ? 'generate' : kind;
	return { childKind, older, audioBytes };
}

/** Another Node on PATH older than this one (the system's Node 20 here), for a diagnostic run; undefined if none. */
function olderNode(): { path: string; version: string } | undefined {
	const own = realpathSync(process.execPath);
	for (const dir of (process.env.PATH ?? '').split(':')) {
		const candidate = join(dir, 'node');
		try {
			accessSync(candidate, constants.X_OK);
			if (realpathSync(candidate) === own) continue;
			const version = execFileSync(candidate, ['-v']).toString().trim();
			if (Number(version.slice(1).split('.')[0]) < Number(process.versions.node.split('.')[0])) return { path: candidate, version };
		} catch {
			// not there, or not runnable
		}
	}
	return undefined;
}

interface ChildReport extends MemoryReport {
	bytes?: number;
	/** Generate: bytes undici received for the body less those n8n's store took to write, at most; chunk counts and sizes. */
	readAhead?: { most: number; chunks: number; largestChunk: number; storeChunks: number; largestStoreChunk: number };
	text?: string;
	binary?: Record<string, unknown>;
}

export async function memoryOnBigAudio(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	const reps = ctx.quick ? 1 : 3;
	// The size pairs are quick (a 50 MB and a 1 GB Generate) and their peaks scatter with GC timing: more of them.
	const sizeReps = ctx.quick ? 1 : 5;
	const bigDir = mkdtempSync(join(tmpdir(), 'n8n-bench-big-'));
	const removeBigDir = () => rmSync(bigDir, { recursive: true, force: true });
	process.once('exit', removeBigDir);

	// Our node's WAV request, for the HTTP Request node's download.
	await standIn.reset();
	const wav: SpeechFormat = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 44100 };
	const probe = await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [oursGenerate(target, wav)], binaryMode: 'memory', packageDir: ctx.pkg.packageDir });
	if (probe.error) throw probe.error;
	const ttsBody = (await standIn.lastRequest('/tts/bytes'))!.json;

	let bigBinary: Record<string, unknown> | undefined;
	let bigFileBytes = 0;
	const reports: Array<ChildReport & { kind: Kind; rep: number; uploadedBytes?: number }> = [];

	const older = olderNode();
	const runChild = async (kind: Kind, rep: number): Promise<void> => {
		await standIn.reset();
		const { childKind, older: onOlder, audioBytes } = variant(kind);
		const binary = onOlder ? older!.path : process.execPath;
		const child = spawn(binary, ['--expose-gc', '--require', require.resolve('tsx/cjs'), join(__dirname, '..', 'memory.child.ts')], {
			env: {
				...process.env,
				NODE_ENV: 'production',
				KIND: childKind,
				STANDIN_URL: target.url,
				STANDIN_KEY: target.apiKey,
				VOICE_ID: target.voiceId,
				PACKAGE_DIR: ctx.pkg.packageDir,
				BINARY_DIR: bigDir,
				TTS_BODY: JSON.stringify(ttsBody),
				...(bigBinary ? { BIG_BINARY: JSON.stringify(bigBinary) } : {}),
			},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		const report = await childReport<ChildReport>(child, CHILD_TIMEOUT_MS, async () => {
			if (kind.startsWith('generate') || kind === 'http-download') await standIn.setGeneratedAudioBytes(audioBytes);
		});
		if (!report || report.step !== 'done') throw new Error(`memory child ${kind} failed: ${report?.stack ?? report?.message ?? 'no report'}`);
		const upload = (await standIn.lastRequest('/stt'))?.files?.[0]?.size;
		if (kind === 'generate' && !bigBinary) {
			bigBinary = report.binary;
			bigFileBytes = report.bytes ?? 0;
		}
		if ((kind.startsWith('generate') || kind === 'http-download') && (report.bytes ?? 0) < audioBytes) throw new Error(`${kind} stored only ${report.bytes} bytes`);
		if ((kind === 'transcribe' || kind === 'http-upload') && upload !== bigFileBytes) throw new Error(`${kind} uploaded ${upload} bytes, not ${bigFileBytes}`);
		reports.push({ ...report, kind, rep, uploadedBytes: upload });
		log(
			`${SCENARIO}: rep ${rep + 1} ${kind.padEnd(13)} peak RSS +${fmt(report.growth / MB)} MB over the baseline (${fmt(report.baseline / MB)} MB), ${fmt(report.wallMs / 1000)} s; ` +
				`sampled highs: array buffers +${fmt(report.sampled.arrayBuffers / MB)} MB, V8 heap +${fmt(report.sampled.heapUsed / MB)} MB`,
		);
	};

	try {
		for (let rep = 0; rep < Math.max(reps, sizeReps); rep++) {
			// With a scavenge forced, what the transfer itself holds at 50 MB and at 1 GB (a diagnostic).
			const kinds: Kind[] = rep < reps ? ['generate', 'transcribe', 'http-upload', 'http-download', 'generate-gc', 'generate-50mb-gc', 'generate-1gb-gc'] : [];
			if (rep < sizeReps) kinds.push('generate-50mb', 'generate-1gb');
			if (older && rep < reps) kinds.push('generate-node20');
			if (older && rep < sizeReps) kinds.push('generate-50mb-node20', 'generate-1gb-node20');
			// BENCH_MEMORY_KINDS=generate,generate-1gb runs only those (a smoke run while changing the download path).
			const only = process.env.BENCH_MEMORY_KINDS?.split(',');
			for (const kind of kinds) if (!only || only.includes(kind) || (kind === 'generate' && only.includes('transcribe'))) await runChild(kind, rep);
		}
	} finally {
		await standIn.reset();
		removeBigDir();
		process.off('exit', removeBigDir);
	}

	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const growth = (kind: Kind) => reports.filter((report) => report.kind === kind).map((report) => report.growth / MB);
	const seconds = (kind: Kind) => reports.filter((report) => report.kind === kind).map((report) => report.wallMs / 1000);
	const limit = { op: '<=' as const, value: 64, text: '≤ 64 MB' };
	ctx.figures.push(
		figure(SCENARIO, 'ours, Transcribe a 500 MB WAV (streamed upload): peak RSS growth', 'MB', growth('transcribe'), limit, `${fmt(Math.min(...seconds('transcribe')))}–${fmt(Math.max(...seconds('transcribe')))} s`),
		figure(SCENARIO, 'ours, Generate a 500 MB response (streamed to disk): peak RSS growth', 'MB', growth('generate'), limit, `${fmt(Math.min(...seconds('generate')))}–${fmt(Math.max(...seconds('generate')))} s`),
		figure(SCENARIO, 'HTTP Request node, multipart upload of the same file (form-data, binary field): peak RSS growth', 'MB', growth('http-upload'), undefined, `${fmt(Math.min(...seconds('http-upload')))}–${fmt(Math.max(...seconds('http-upload')))} s`),
		figure(SCENARIO, 'HTTP Request node, the same 500 MB Generate response as a file (extra): peak RSS growth', 'MB', growth('http-download'), undefined, `${fmt(Math.min(...seconds('http-download')))}–${fmt(Math.max(...seconds('http-download')))} s`),
		figure(SCENARIO, 'diagnostic: ours, Generate 500 MB with a minor GC (scavenge) forced every 10 ms: peak RSS growth', 'MB', growth('generate-gc'), undefined, `what the transfer itself holds, without dead Buffers awaiting collection; ${fmt(Math.min(...seconds('generate-gc')))}–${fmt(Math.max(...seconds('generate-gc')))} s`),
	);
	if (older) {
		ctx.figures.push(
			figure(SCENARIO, `diagnostic: ours, Generate 500 MB, same child on ${older.version} (${older.path}): peak RSS growth`, 'MB', growth('generate-node20'), undefined, 'the same code and n8n on an older V8'),
		);
	}
	const ahead = reports.filter((report) => report.kind === 'generate' && report.readAhead).map((report) => report.readAhead!);
	if (ahead.length) {
		const KB = 1024;
		ctx.figures.push(
			figure(SCENARIO, 'diagnostic: ours, Generate 500 MB: most bytes read from the socket ahead of the binary store\'s writes', 'KB', ahead.map((a) => a.most / KB), undefined,
				`undici body chunks: ${ahead.map((a) => a.chunks).join(', ')}, largest ${fmt(Math.max(...ahead.map((a) => a.largestChunk)) / KB)} KB; chunks the store wrote: ${ahead.map((a) => a.storeChunks).join(', ')}, largest ${fmt(Math.max(...ahead.map((a) => a.largestStoreChunk)) / KB)} KB`),
		);
	}
	// Size independence: peak RSS growth of a 1 GB Generate against a 50 MB one, each repetition's pair in turn.
	for (const [suffix, name] of [['', `this Node (${process.version})`], ...(older ? [['-node20', `${older.version} (${older.path})`]] : [])] as Array<[string, string]>) {
		const small = growth(`generate-50mb${suffix}` as Kind);
		const large = growth(`generate-1gb${suffix}` as Kind);
		if (!small.length || !large.length) continue;
		const allowed = Math.max(10, 0.1 * median(small));
		ctx.figures.push(
			figure(SCENARIO, `size independence, ${name}: Generate 50 MB: peak RSS growth`, 'MB', small, undefined, `${fmt(Math.min(...seconds(`generate-50mb${suffix}` as Kind)))}–${fmt(Math.max(...seconds(`generate-50mb${suffix}` as Kind)))} s`),
			figure(SCENARIO, `size independence, ${name}: Generate 1 GB: peak RSS growth`, 'MB', large, undefined, `${fmt(Math.min(...seconds(`generate-1gb${suffix}` as Kind)))}–${fmt(Math.max(...seconds(`generate-1gb${suffix}` as Kind)))} s`),
			figure(
				SCENARIO,
				`size independence, ${name}: |1 GB − 50 MB| peak RSS growth (per repetition)`,
				'MB',
				large.map((value, index) => Math.abs(value - small[index])),
				{ op: '<=', value: allowed, text: `≤ 10% of the 50 MB run's or 10 MB, whichever is more (${fmt(allowed)} MB)` },
				`1 GB − 50 MB: ${large.map((value, index) => fmt(value - small[index])).join(', ')} MB`,
			),
			figure(SCENARIO, `size independence, ${name}: 1 GB's median − 50 MB's median peak RSS growth (extra)`, 'MB', [median(large) - median(small)], undefined, 'the runs are separate processes, so a pair shares no load; this compares the two sets'),
		);
	}
	const smallHeld = growth('generate-50mb-gc');
	const largeHeld = growth('generate-1gb-gc');
	if (smallHeld.length && largeHeld.length) {
		ctx.figures.push(
			figure(SCENARIO, 'diagnostic: size independence with a minor GC forced every 10 ms: Generate 1 GB − Generate 50 MB peak RSS growth (per repetition)', 'MB', largeHeld.map((value, index) => value - smallHeld[index]), undefined,
				`what the transfer holds, dead Buffers aside: 50 MB ${smallHeld.map(fmt).join(', ')} MB; 1 GB ${largeHeld.map(fmt).join(', ')} MB`),
		);
	}
	for (const kind of ['transcribe', 'generate', 'http-upload', 'http-download', 'generate-gc', ...(older ? ['generate-node20'] : [])] as Kind[]) {
		const highs = reports.filter((report) => report.kind === kind).map((report) => report.sampled.arrayBuffers / MB);
		ctx.figures.push(figure(SCENARIO, `${kind}: highest growth of Buffer memory (process.memoryUsage().arrayBuffers, sampled every 10 ms)`, 'MB', highs));
	}
	const highs = (kind: Kind) => reports.filter((report) => report.kind === kind).map((report) => report.sampled.arrayBuffers / MB);
	ctx.notes.push(
		`Scenario 3: the HTTP Request node's multipart upload grew Buffer memory by ${fmt(median(highs('http-upload')))} MB for a ${fmt(bigFileBytes / MB)} MB file (it holds the whole file); ` +
			`ours grew it by ${fmt(median(highs('transcribe')))} MB (Transcribe) and ${fmt(median(highs('generate')))} MB (Generate); Generate with a scavenge forced every 10 ms grows it by ${fmt(median(highs('generate-gc')))} MB: ` +
			`what ours adds is dead Buffers awaiting collection, not data held.` +
			(older ? ` The same Generate child on ${older.version} grew RSS by ${fmt(median(growth('generate-node20')))} MB.` : ''),
	);
	const sizes = (suffix: string) => ['50mb', '1gb'].map((size) => fmt(median(highs(`generate-${size}${suffix}` as Kind)))).join(' and ');
	if (growth('generate-50mb').length && growth('generate-1gb').length) {
		ctx.notes.push(
			`Scenario 3, the download path: at most ${fmt(median(ahead.map((a) => a.most)) / 1024)} KB (median) sits between the socket and the disk; the rest of Generate's growth is spent socket ` +
				`Buffers not yet collected. Buffer memory's highest growth, 50 MB then 1 GB: ${sizes('')} MB on ${process.version}` +
				(older && growth('generate-50mb-node20').length ? `, ${sizes('-node20')} MB on ${older.version}` : '') +
				` (a transfer held in memory would grow twentyfold; spent Buffers grow until V8 collects them).`,
		);
	}
	ctx.details.memory = { audioBytes: AUDIO_BYTES, wavFileBytes: bigFileBytes, runs: reports.map(({ stack, binary, ...rest }) => (void stack, void binary, rest)) };
}
