/**
 * A recording given by URL streams from its host into the upload: a child process transcribes a
 * 256 MB file from the stand-in's file host, and its peak RSS must grow by far less than the file
 * (the same bound as bigAudio.test.ts). The growth is a constant of buffers and garbage collection, not
 * a share of the file: about 50 to 60 MB for 50 MB, 200 MB and 400 MB alike when this was written.
 * (Buffers live outside the V8 heap, so only the process's resident size proves anything.)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { useStandIn } from './helpers/cartesia';

const standIn = useStandIn();

const AUDIO_BYTES = 256 * 1024 * 1024;
const MAX_GROWTH = 96 * 1024 * 1024;
const MB = 1024 * 1024;

interface ChildReport {
	step: string;
	growth: number;
	text: string;
	message?: string;
}

it('transcribes a 256 MB recording from a URL with peak RSS growth under 96 MB', async () => {
	const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'memory', 'urlAudio.child.ts')], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			STANDIN_URL: standIn().url,
			STANDIN_KEY: standIn().apiKey,
			AUDIO_BYTES: String(AUDIO_BYTES),
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let report: ChildReport | undefined;
	for await (const line of createInterface({ input: child.stdout })) {
		if (line.startsWith('{')) report = JSON.parse(line) as ChildReport;
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
