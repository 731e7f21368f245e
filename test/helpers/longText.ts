/**
 * What the long-text tests share: a temporary folder of the test file's own for the node's part
 * files (to see them go), the files left in n8n's binary store, the cue times of an SRT, and a
 * transcription of the joined file.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PART_SPOOL_PREFIX } from '../../nodes/Cartesia/helpers/audioParts';
import type { StandIn } from '../standin';
import { runCartesia } from './cartesia';

/**
 * Points os.tmpdir() at a folder of this test file's own while its tests run; returns a function
 * listing the part spools left in it.
 */
export function usePartSpoolFolder(prefix: string): () => string[] {
	let folder: string;
	const originalTmpdir = process.env.TMPDIR;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), prefix));
		process.env.TMPDIR = folder;
	});
	afterAll(() => {
		process.env.TMPDIR = originalTmpdir;
		rmSync(folder, { recursive: true, force: true });
	});
	return () => readdirSync(folder).filter((name) => name.startsWith(PART_SPOOL_PREFIX));
}

/** The files under a folder (n8n's binary store in filesystem mode), none when it does not exist. */
export function filesUnder(dir: string | undefined): string[] {
	if (!dir || !existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

/** The start and end of each cue of an SRT, in seconds. */
export function srtCueTimes(srt: string): Array<{ start: number; end: number }> {
	const seconds = (h: string, m: string, s: string, milli: string) => Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(milli) / 1000;
	return [...srt.matchAll(/(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})/g)].map((match) => ({
		start: seconds(match[1], match[2], match[3], match[4]),
		end: seconds(match[5], match[6], match[7], match[8]),
	}));
}

/** The node's Transcribe run on a file, as the next node of a narration would: its JSON. */
export async function transcribeFile(standIn: StandIn, file: Buffer, fileName: string, options: Record<string, unknown> = {}) {
	const { items, error } = await runCartesia(
		standIn,
		{ resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data', model: 'ink-whisper', language: 'en', options },
		{ items: [{ json: {}, binary: { data: { buffer: file, fileName, mimeType: 'application/octet-stream' } } }] },
	);
	if (error) throw error;
	return items[0].json as { text: string; duration: number | null };
}

/**
 * Runs the node with every answer held back, cancels the execution once parts are in flight, and
 * waits (up to 2 s) for the requests to end and the part spools to go: the run's result.
 */
export async function runCanceledMidway(standIn: StandIn, parameters: Record<string, unknown>, leftoverSpools: () => string[]) {
	standIn.setLatency(10_000);
	const controller = new AbortController();
	const running = runCartesia(standIn, parameters, { signal: controller.signal, binaryMode: 'filesystem' });
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(standIn.inFlight).toBeGreaterThan(0);
	controller.abort();
	const { result } = await running;
	const deadline = Date.now() + 2000;
	while ((standIn.inFlight > 0 || leftoverSpools().length > 0) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return result;
}
