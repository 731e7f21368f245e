/**
 * 3. Memory on big audio, filesystem binary mode: each measurement in a fresh child process
 * (bench/memory.child.ts), peak RSS growth over a warmed-up baseline.
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

type Kind = 'generate' | 'transcribe' | 'http-upload' | 'http-download' | 'generate-gc' | 'generate-node20';

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
	text?: string;
	binary?: Record<string, unknown>;
}

export async function memoryOnBigAudio(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	const reps = ctx.quick ? 1 : 3;
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
		const binary = kind === 'generate-node20' ? older!.path : process.execPath;
		const child = spawn(binary, ['--expose-gc', '--require', require.resolve('tsx/cjs'), join(__dirname, '..', 'memory.child.ts')], {
			env: {
				...process.env,
				NODE_ENV: 'production',
				KIND: kind === 'generate-node20' ? 'generate' : kind,
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
			if (kind.startsWith('generate') || kind === 'http-download') await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
		});
		if (!report || report.step !== 'done') throw new Error(`memory child ${kind} failed: ${report?.stack ?? report?.message ?? 'no report'}`);
		const upload = (await standIn.lastRequest('/stt'))?.files?.[0]?.size;
		if (kind === 'generate' && !bigBinary) {
			bigBinary = report.binary;
			bigFileBytes = report.bytes ?? 0;
		}
		if ((kind.startsWith('generate') || kind === 'http-download') && (report.bytes ?? 0) < AUDIO_BYTES) throw new Error(`${kind} stored only ${report.bytes} bytes`);
		if ((kind === 'transcribe' || kind === 'http-upload') && upload !== bigFileBytes) throw new Error(`${kind} uploaded ${upload} bytes, not ${bigFileBytes}`);
		reports.push({ ...report, kind, rep, uploadedBytes: upload });
		log(
			`${SCENARIO}: rep ${rep + 1} ${kind.padEnd(13)} peak RSS +${fmt(report.growth / MB)} MB over the baseline (${fmt(report.baseline / MB)} MB), ${fmt(report.wallMs / 1000)} s; ` +
				`sampled highs: array buffers +${fmt(report.sampled.arrayBuffers / MB)} MB, V8 heap +${fmt(report.sampled.heapUsed / MB)} MB`,
		);
	};

	try {
		for (let rep = 0; rep < reps; rep++) {
			const kinds: Kind[] = ['generate', 'transcribe', 'http-upload', 'http-download', 'generate-gc'];
			if (older) kinds.push('generate-node20');
			for (const kind of kinds) await runChild(kind, rep);
		}
	} finally {
		await standIn.reset();
		removeBigDir();
		process.off('exit', removeBigDir);
	}

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
	for (const kind of ['transcribe', 'generate', 'http-upload', 'http-download', 'generate-gc', ...(older ? ['generate-node20'] : [])] as Kind[]) {
		const highs = reports.filter((report) => report.kind === kind).map((report) => report.sampled.arrayBuffers / MB);
		ctx.figures.push(figure(SCENARIO, `${kind}: highest growth of Buffer memory (process.memoryUsage().arrayBuffers, sampled every 10 ms)`, 'MB', highs));
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const highs = (kind: Kind) => reports.filter((report) => report.kind === kind).map((report) => report.sampled.arrayBuffers / MB);
	ctx.notes.push(
		`Scenario 3: the HTTP Request node's multipart upload grew Buffer memory by ${fmt(median(highs('http-upload')))} MB for a ${fmt(bigFileBytes / MB)} MB file (it holds the whole file); ` +
			`ours grew it by ${fmt(median(highs('transcribe')))} MB (Transcribe) and ${fmt(median(highs('generate')))} MB (Generate); Generate with a scavenge forced every 10 ms grows it by ${fmt(median(highs('generate-gc')))} MB: ` +
			`what ours adds is dead Buffers awaiting collection, not data held.` +
			(older ? ` The same Generate child on ${older.version} grew RSS by ${fmt(median(growth('generate-node20')))} MB.` : ''),
	);
	ctx.details.memory = { audioBytes: AUDIO_BYTES, wavFileBytes: bigFileBytes, runs: reports.map(({ stack, binary, ...rest }) => (void stack, void binary, rest)) };
}
