/**
 * Child of scenarios/narration.ts, one per measurement: a fresh process in filesystem binary mode that
 * warms up on a short narration in MODE, reports `ready`, waits for `go`, narrates makeArticle(CHARACTERS)
 * once and reports how far its peak RSS (`process.resourceUsage().maxRSS`) grew over the warmed-up
 * baseline, with process.memoryUsage() sampled every 10 ms to tell Buffers from the V8 heap. The pattern
 * is bench/memory.child.ts's; the stand-in lives in the parent's child process. FORCE_GC=full forces
 * a full collection every 250 ms (or FORCE_GC_EVERY_MS) while it runs: a diagnostic that tells garbage awaiting collection from memory held.
 * Other diagnostics, for a run with BENCH_CHILD_TRACE (none changes the report): HEAP_SAMPLING (what survived
 * scavenges, by allocation site), TIMELINE (memory every 20 ms, and the bytes n8n has stored so far, which
 * tells the WebSocket phase from the store phase), QUEUE_WATCH (the most unread frame characters).
 */
import './lib/appModules';

import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
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
/** FORCE_GC_EVERY_MS: how often FORCE_GC=full collects (250 ms unless said). */
const forceGcEveryMs = Number(process.env.FORCE_GC_EVERY_MS ?? 250);
/**
 * HEAP_SAMPLING=<file>: V8's sampling heap profiler over the measured run, written as a .heapprofile.
 * With HEAP_SAMPLING_KEEP=major (the default) samples of objects a scavenge collected are dropped and
 * those a full GC collected kept: since what is live at the end is small, the profile is then where the
 * objects that survived scavenges (and died in old space) were allocated.
 */
const heapSampling = process.env.HEAP_SAMPLING;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
	return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

async function narrate(length: number) {
	const spec = oursNarrate(target, format, article(length), { mode, paragraphPauseSeconds });
	const result = await runChain({ target, nodes: [spec], binaryMode: 'filesystem', binaryDir, packageDir, extraNodeTypes: {} });
	if (result.error) throw result.error;
	const [item] = result.output('Node');
	if (item.json.mode !== mode) throw new Error(`narrated in mode ${String(item.json.mode)}, not ${mode}`);
	return { bytes: statSync(result.binaryPath(item, 'data')!).size, durationSeconds: item.json.durationSeconds, parts: item.json.parts };
}

/**
 * UNDICI_INIT_PATCH=1 (a diagnostic, on the bench's own installed copy under the temporary user folder
 * only): undici's WebSocket builds each message event's init from an object literal, an allocation
 * site V8 may pretenure; this makes it a class instance (no allocation site) to tell whether that is
 * what keeps the messages alive.
 */
function patchUndiciMessageInit(): void {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { readFileSync, realpathSync, writeFileSync: write } = require('node:fs') as typeof import('node:fs');
	const file = realpathSync(join(packageDir, 'node_modules/undici/lib/web/websocket/websocket.js'));
	if (!file.startsWith('/tmp/')) throw new Error(`not patching ${file}: not the bench's temporary copy`);
	const text = readFileSync(file, 'utf8');
	const literal = '{\n      origin: this.#url.origin,\n      data: dataForEvent\n    })';
	if (text.includes('class BenchMessageInit')) return;
	if (!text.includes(literal)) throw new Error('undici message init literal not found');
	write(file, `${text.replace(literal, 'new BenchMessageInit(this.#url.origin, dataForEvent))')}\nclass BenchMessageInit { constructor (origin, data) { this.origin = origin; this.data = data } }\n`);
	process.stdout.write(`P patched ${file}\n`);
}

async function main(): Promise<void> {
	if (process.env.UNDICI_INIT_PATCH) patchUndiciMessageInit();
	// Twice, so that lazily loaded code and first-use buffers are in place before the baseline.
	await narrate(WARM_UP_CHARACTERS);
	await narrate(WARM_UP_CHARACTERS);
	send({ step: 'ready' });
	await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const watch = watchMemory();
	// Right after a full collection the heap and the Buffers hold only what is live: their highest growth is what the narration holds.
	const live = { heap: 0, total: 0 };
	// A full collection takes milliseconds on this heap: every 10 ms would be most of what the process did.
	const collector = forceFullGc
		? setInterval(() => {
				gc?.();
				const now = process.memoryUsage();
				const heap = now.heapUsed - watch.before.heapUsed;
				live.heap = Math.max(live.heap, heap);
				live.total = Math.max(live.total, heap + now.arrayBuffers - watch.before.arrayBuffers);
			}, forceGcEveryMs)
		: undefined;
	const session = heapSampling ? new Session() : undefined;
	if (session) {
		session.connect();
		const keep = process.env.HEAP_SAMPLING_KEEP ?? 'major';
		await post(session, 'HeapProfiler.startSampling', {
			samplingInterval: Number(process.env.HEAP_SAMPLING_INTERVAL ?? 4096),
			includeObjectsCollectedByMinorGC: keep === 'all',
			includeObjectsCollectedByMajorGC: keep === 'all' || keep === 'major',
		});
	}
	const start = performance.now();
	// TIMELINE=1: process.memoryUsage() every 20 ms on stdout (lines the parent does not parse), for BENCH_CHILD_TRACE.
	const timeline = process.env.TIMELINE
		? setInterval(() => {
				const now = process.memoryUsage();
				const mb = (value: number) => (value / 1048576).toFixed(1);
				let stored = 0;
				for (const entry of readdirSync(binaryDir, { recursive: true, withFileTypes: true })) if (entry.isFile()) stored += statSync(join(entry.parentPath, entry.name)).size;
				process.stdout.write(`T ${Math.round(performance.now() - start)} ms rss ${mb(now.rss)} heap ${mb(now.heapUsed)} total ${mb(now.heapTotal)} ab ${mb(now.arrayBuffers)} ext ${mb(now.external)} stored ${mb(stored)}\n`);
			}, 20)
		: undefined;
	// QUEUE_WATCH=1: the most characters TtsWebSocket held unread at a receive(), on stdout.
	const queue = { most: 0, frames: 0 };
	if (process.env.QUEUE_WATCH) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { TtsWebSocket } = require(join(packageDir, 'dist/nodes/Cartesia/transport/websocket.js')) as { TtsWebSocket: { prototype: { receive(): Promise<unknown>; unreadCharacters: number } } };
		const receive = TtsWebSocket.prototype.receive;
		TtsWebSocket.prototype.receive = function (this: { unreadCharacters: number }) {
			queue.most = Math.max(queue.most, this.unreadCharacters);
			queue.frames++;
			return receive.call(this);
		};
	}
	const outcome = await narrate(characters);
	const wallMs = performance.now() - start;
	clearInterval(timeline);
	if (process.env.QUEUE_WATCH) process.stdout.write(`Q most unread ${queue.most} characters over ${queue.frames} receives\n`);
	if (session) {
		const { profile } = await post<{ profile: unknown }>(session, 'HeapProfiler.stopSampling');
		writeFileSync(`${heapSampling}.${process.pid}.heapprofile`, JSON.stringify(profile));
		session.disconnect();
	}
	clearInterval(collector);
	send({ step: 'done', ...watch.stop(), wallMs, ...(forceFullGc ? { liveHeap: live.heap, liveTotal: live.total } : {}), ...outcome });
}

main().catch((error: Error) => {
	send({ step: 'error', message: error.message, stack: error.stack });
	process.exitCode = 1;
});
