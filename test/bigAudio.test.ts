/**
 * Large files move as streams: a child process in filesystem binary mode downloads a 256 MB narration
 * and uploads it again for transcription, and another transcribes a 256 MB recording given by URL; the
 * peak RSS of each must grow by less than 96 MB. (Buffers live outside the V8 heap, so only the
 * process's resident size proves anything.) The growth is a constant of buffers and garbage collection,
 * not a share of the file: about 50 to 60 MB for 50 MB, 200 MB and 400 MB URL downloads alike.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { useStandIn } from './helpers/cartesia';

const standIn = useStandIn();

const AUDIO_BYTES = 256 * 1024 * 1024;
const MAX_GROWTH = 96 * 1024 * 1024;
const MB = 1024 * 1024;

/** Starts a memory child (test/memory/*.child.ts) against the stand-in; it reports JSON lines on stdout. */
function startChild(script: string, env: Record<string, string>) {
	const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'memory', script)], {
		env: { ...process.env, NODE_ENV: 'production', STANDIN_URL: standIn().url, STANDIN_KEY: standIn().apiKey, ...env },
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	return { child, lines: createInterface({ input: child.stdout }) };
}

interface ChildReport {
	step: string;
	downloadGrowth: number;
	uploadGrowth: number;
	downloadedBytes: number;
	downloadStoredOnDisk: boolean;
	text: string;
	message?: string;
}

it('streams a 256 MB download and upload with peak RSS growth under 96 MB each', async () => {
	const { child, lines } = startChild('bigAudio.child.ts', { VOICE_ID: standIn().voices()[0].id });
	let report: ChildReport | undefined;
	for await (const line of lines) {
		if (!line.startsWith('{')) continue;
		const message = JSON.parse(line) as ChildReport;
		if (message.step === 'ready') {
			// The warm-up ran on small audio; from here on, generated audio is 256 MB.
			standIn().setGeneratedAudioBytes(AUDIO_BYTES);
			child.stdin.write('go\n');
		} else {
			report = message;
			child.stdin.end();
			break;
		}
	}
	expect(report?.message).toBeUndefined();
	expect(report?.step).toBe('done');
	const upload = standIn().requests.filter((request) => request.path === '/stt').at(-1);
	// eslint-disable-next-line no-console
	console.log(
		`256 MB narration: peak RSS +${(report!.downloadGrowth / MB).toFixed(1)} MB after the download, ` +
			`+${(report!.uploadGrowth / MB).toFixed(1)} MB after the upload`,
	);
	expect(report!.downloadStoredOnDisk).toBe(true);
	expect(report!.downloadedBytes).toBeGreaterThan(AUDIO_BYTES);
	expect(upload?.files?.[0].size).toBe(report!.downloadedBytes);
	expect(report!.text).toBe('The long narration.');
	expect(report!.downloadGrowth).toBeLessThan(MAX_GROWTH);
	expect(report!.uploadGrowth).toBeLessThan(MAX_GROWTH);
}, 180_000);

interface UrlChildReport {
	step: string;
	growth: number;
	text: string;
	message?: string;
}

it('transcribes a 256 MB recording from a URL with peak RSS growth under 96 MB', async () => {
	const { child, lines } = startChild('urlAudio.child.ts', { AUDIO_BYTES: String(AUDIO_BYTES) });
	child.stdin.end();
	let report: UrlChildReport | undefined;
	for await (const line of lines) {
		if (line.startsWith('{')) report = JSON.parse(line) as UrlChildReport;
	}
	expect(report?.message).toBeUndefined();
	expect(report?.step).toBe('done');
	// eslint-disable-next-line no-console
	console.log(`256 MB recording from a URL: peak RSS +${(report!.growth / MB).toFixed(1)} MB`);
	expect(report!.text).toBe('The long call.');
	const upload = standIn().requests.filter((request) => request.path === '/stt').at(-1);
	expect(upload?.files?.[0].size).toBeGreaterThan(AUDIO_BYTES);
	expect(report!.growth).toBeLessThan(MAX_GROWTH);
}, 180_000);
