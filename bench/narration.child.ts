/**
 * Child of scenarios/narration.ts, one per measurement: a fresh process in filesystem binary mode that
 * warms up on a short narration in MODE, reports `ready`, waits for `go`, narrates makeArticle(CHARACTERS)
 * once and reports how far its peak RSS (`process.resourceUsage().maxRSS`) grew over the warmed-up
 * baseline, with process.memoryUsage() sampled every 10 ms to tell Buffers from the V8 heap. The pattern
 * is bench/memory.child.ts's; the stand-in lives in the parent's child process. FORCE_GC=full forces
 * a full collection every 250 ms while it runs: a diagnostic that tells garbage awaiting collection from memory held.
 */
import './lib/appModules';

import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { send, watchMemory } from './lib/memoryChild';
import { article, oursNarrate, type NarrationMode } from './lib/narration';
import { runChain, type SpeechFormat } from './lib/workflows';

const mode = process.env.MODE as NarrationMode;
const characters = Number(process.env.CHARACTERS);
const paragraphPauseSeconds = Number(process.env.PARAGRAPH_PAUSE ?? 0);
const format = JSON.parse(process.env.FORMAT!) as SpeechFormat;
const target = { url: process.env.STANDIN_URL!, apiKey: process.env.STANDIN_KEY!, voiceId: process.env.VOICE_ID! };
const packageDir = process.env.PACKAGE_DIR!;
const binaryDir = process.env.BINARY_DIR!;
const WARM_UP_CHARACTERS = Number(process.env.WARM_UP_CHARACTERS ?? 3_000);
const forceFullGc = process.env.FORCE_GC === 'full';

async function narrate(length: number) {
	const spec = oursNarrate(target, format, article(length), { mode, paragraphPauseSeconds });
	const result = await runChain({ target, nodes: [spec], binaryMode: 'filesystem', binaryDir, packageDir, extraNodeTypes: {} });
	if (result.error) throw result.error;
	const [item] = result.output('Node');
	if (item.json.mode !== mode) throw new Error(`narrated in mode ${String(item.json.mode)}, not ${mode}`);
	return { bytes: statSync(result.binaryPath(item, 'data')!).size, durationSeconds: item.json.durationSeconds, parts: item.json.parts };
}

async function main(): Promise<void> {
	// Twice, so that lazily loaded code and first-use buffers are in place before the baseline.
	await narrate(WARM_UP_CHARACTERS);
	await narrate(WARM_UP_CHARACTERS);
	send({ step: 'ready' });
	await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const watch = watchMemory();
	// Right after a full collection the heap holds only what is live: its highest growth is what the narration holds.
	let liveHeap = 0;
	// A full collection takes tens of milliseconds on this heap: every 10 ms would be all the process did.
	const collector = forceFullGc
		? setInterval(() => {
				gc?.();
				liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - watch.before.heapUsed);
			}, 250)
		: undefined;
	const start = performance.now();
	const outcome = await narrate(characters);
	const wallMs = performance.now() - start;
	clearInterval(collector);
	send({ step: 'done', ...watch.stop(), wallMs, ...(forceFullGc ? { liveHeap } : {}), ...outcome });
}

main().catch((error: Error) => {
	send({ step: 'error', message: error.message, stack: error.stack });
	process.exitCode = 1;
});
