/**
 * Large files move as streams: a child process in filesystem binary mode downloads a narration and
 * uploads it again for transcription, and another transcribes a recording given by URL, each at 64 MB
 * and 256 MB. (Buffers live outside the V8 heap, so only the process's resident size proves anything.)
 * The growth is a constant of buffers and garbage collection, not a share of the file.
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

async function narrateAndTranscribe(bytes: number): Promise<ChildReport> {
	const { child, lines } = startChild('bigAudio.child.ts', { VOICE_ID: standIn().voices()[0].id });
	let report: ChildReport | undefined;
	for await (const line of lines) {
		if (!line.startsWith('{')) continue;
		const message = JSON.parse(line) as ChildReport;
		if (message.step === 'ready') {
			// The warm-up ran on small audio; from here on, generated audio is this big.
			standIn().setGeneratedAudioBytes(bytes);
			child.stdin.write('go\n');
		} else {
			report = message;
			child.stdin.end();
			break;
		}
	}
	standIn().setGeneratedAudioBytes(undefined);
	expect(report?.message).toBeUndefined();
	expect(report?.step).toBe('done');
	const upload = standIn().requests.filter((request) => request.path === '/stt').at(-1);
	expect(report!.downloadStoredOnDisk).toBe(true);
	expect(report!.downloadedBytes).toBeGreaterThan(bytes);
	expect(upload?.files?.[0].size).toBe(report!.downloadedBytes);
	expect(report!.text).toBe('The long narration.');
	return report!;
}

// Network buffers are freed when the collector likes (late on Node 24, later under load), so the peak
// is a constant of some tens of MB, not a share of the file. Streaming is proven by scaling: four times
// the file may not cost more than that constant, and the large file never near its own size.
it('streams a 256 MB download and upload with peak RSS growth that does not scale with the file', async () => {
	const small = await narrateAndTranscribe(AUDIO_BYTES / 4);
	const large = await narrateAndTranscribe(AUDIO_BYTES);
	// eslint-disable-next-line no-console
	console.log(
		`narration: peak RSS +${(small.downloadGrowth / MB).toFixed(1)} / +${(small.uploadGrowth / MB).toFixed(1)} MB ` +
			`(download / upload) for 64 MB, +${(large.downloadGrowth / MB).toFixed(1)} / +${(large.uploadGrowth / MB).toFixed(1)} MB for 256 MB`,
	);
	expect(large.downloadGrowth - small.downloadGrowth).toBeLessThan(MAX_GROWTH);
	expect(large.uploadGrowth - small.uploadGrowth).toBeLessThan(MAX_GROWTH);
	expect(large.downloadGrowth).toBeLessThan(AUDIO_BYTES * 0.75);
	expect(large.uploadGrowth).toBeLessThan(AUDIO_BYTES * 0.75);
}, 240_000);

interface UrlChildReport {
	step: string;
	growth: number;
	text: string;
	message?: string;
}

async function transcribeFromUrl(bytes: number): Promise<UrlChildReport> {
	const { child, lines } = startChild('urlAudio.child.ts', { AUDIO_BYTES: String(bytes) });
	child.stdin.end();
	let report: UrlChildReport | undefined;
	for await (const line of lines) {
		if (line.startsWith('{')) report = JSON.parse(line) as UrlChildReport;
	}
	expect(report?.message).toBeUndefined();
	expect(report?.step).toBe('done');
	expect(report!.text).toBe('The long call.');
	const upload = standIn().requests.filter((request) => request.path === '/stt').at(-1);
	expect(upload?.files?.[0].size).toBeGreaterThan(bytes);
	return report!;
}

// Download and upload both hold network buffers that the collector frees when it likes (late on
// Node 24), so the peak is a constant of a few tens of MB over the file, not a share of it. The test
// proves the stream by that: four times the file may not cost more memory than the constant allows.
it('transcribes a 256 MB recording from a URL with peak RSS growth that does not scale with the file', async () => {
	const small = await transcribeFromUrl(AUDIO_BYTES / 4);
	const large = await transcribeFromUrl(AUDIO_BYTES);
	// eslint-disable-next-line no-console
	console.log(
		`recording from a URL: peak RSS +${(small.growth / MB).toFixed(1)} MB for 64 MB, +${(large.growth / MB).toFixed(1)} MB for 256 MB`,
	);
	// Held whole, the 256 MB file would add at least the 192 MB between the two sizes, and its own size.
	expect(large.growth - small.growth).toBeLessThan(MAX_GROWTH);
	expect(large.growth).toBeLessThan(AUDIO_BYTES * 0.75);
}, 240_000);
