/**
 * Where the client's CPU goes per item (a diagnostic for bench scenario 1, not a figure): our node and
 * the minimal undici node each generate the same small audio for ROUND_ITEMS items, EXECUTIONS times,
 * in memory binary mode, under V8's sampling profiler (node:inspector). Prints self time per item by
 * where the code lives (our package, n8n-core, n8n-workflow, undici, Node, native/GC) for both, and
 * our run's heaviest functions.
 *
 *   npm run bench:profile                      memory binary mode (the default)
 *   BENCH_PROFILE_MODE=filesystem npm run bench:profile
 */
import './lib/appModules';

import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packAndInstall } from './lib/install';
import { MINIMAL_TYPE, HTTP_REQUEST_TYPE, httpRequestNodeType, minimalNodeType } from './lib/nodes';
import { StandInProcess } from './lib/standinProcess';
import { completedItems, minimalGenerate, oursGenerate, runChain, SMALL_RAW, type NodeSpec } from './lib/workflows';

const ROUND_ITEMS = 250;
const EXECUTIONS = 12;
const AUDIO_BYTES = 16_000;
const TOP_FUNCTIONS = 30;

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Where a frame's code lives. */
function placeOf(url: string, functionName: string): string {
	// undici first: the minimal node uses the copy installed with our package.
	if (url.includes('/undici/')) return 'undici';
	if (url.includes('/n8n-nodes-cartesia/')) return 'ours (package)';
	if (url.includes('/minimal-undici-node') || url.includes('bench/lib/nodes')) return 'minimal node';
	if (url === 'node:inspector') return 'profiler';
	if (url.includes('/n8n-core/')) return 'n8n-core';
	if (url.includes('/n8n-workflow/')) return 'n8n-workflow';
	if (url.includes('/node_modules/')) return `other package (${url.split('/node_modules/').pop()?.split('/')[0]})`;
	if (url.startsWith('node:')) return 'Node';
	if (url.includes('/test/harness/')) return 'test harness';
	if (!url) return functionName === '(garbage collector)' ? 'GC' : functionName === '(idle)' ? 'idle' : functionName === '(program)' ? 'native (program)' : 'native';
	return 'other';
}

const frameName = ({ functionName, url, lineNumber }: ProfileNode['callFrame']) =>
	`${functionName || '(anonymous)'} ${url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\//, '')}:${lineNumber + 1}`;

/**
 * Self time in microseconds, summed by place and by function; and each sample's time given to the
 * innermost function of our package on its stack (what our code costs, with the n8n and Node code it calls).
 */
function selfTimes(profile: Profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const byPlace = new Map<string, number>();
	const byFunction = new Map<string, number>();
	const byOurCaller = new Map<string, number>();
	// BENCH_PROFILE_STACKS=deepCopy,utf8Write: the stacks under which those functions spent their time.
	const watched = process.env.BENCH_PROFILE_STACKS?.split(',').filter(Boolean) ?? [];
	const stacks = new Map<string, number>();
	// BENCH_PROFILE_UNDER=send,audioItem: where the time given to those functions of ours goes (self time of what they call).
	const under = process.env.BENCH_PROFILE_UNDER?.split(',').filter(Boolean) ?? [];
	const callees = new Map<string, number>();
	profile.samples.forEach((id, index) => {
		const node = byId.get(id)!;
		const micros = profile.timeDeltas[index] ?? 0;
		const { url, functionName } = node.callFrame;
		const place = placeOf(url, functionName);
		byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
		byFunction.set(frameName(node.callFrame), (byFunction.get(frameName(node.callFrame)) ?? 0) + micros);
		if (watched.includes(functionName)) {
			const stack: string[] = [];
			for (let at = parentOf.get(id); at !== undefined && stack.length < 8; at = parentOf.get(at)) stack.push(frameName(byId.get(at)!.callFrame));
			const key = `${functionName} ← ${stack.join(' ← ')}`;
			stacks.set(key, (stacks.get(key) ?? 0) + micros);
		}
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
			const frame = byId.get(at)!.callFrame;
			if (placeOf(frame.url, frame.functionName) === 'ours (package)') {
				byOurCaller.set(frameName(frame), (byOurCaller.get(frameName(frame)) ?? 0) + micros);
				if (under.includes(frame.functionName)) {
					const key = `${frame.functionName} → ${frameName(node.callFrame)}`;
					callees.set(key, (callees.get(key) ?? 0) + micros);
				}
				break;
			}
		}
	});
	return { byPlace, byFunction, byOurCaller, stacks, callees };
}

interface HeapNode {
	callFrame: ProfileNode['callFrame'];
	selfSize: number;
	children: HeapNode[];
}

/** Sampled allocation in bytes: in all, by allocating function, and by the innermost of our package's functions on the stack. */
function allocatedBytes(head: HeapNode) {
	const byFunction = new Map<string, number>();
	const byOurCaller = new Map<string, number>();
	let total = 0;
	const walk = (node: HeapNode, ours: string | undefined) => {
		const here = placeOf(node.callFrame.url, node.callFrame.functionName) === 'ours (package)' ? frameName(node.callFrame) : ours;
		if (node.selfSize) {
			total += node.selfSize;
			byFunction.set(frameName(node.callFrame), (byFunction.get(frameName(node.callFrame)) ?? 0) + node.selfSize);
			const key = here ?? '(outside our package)';
			byOurCaller.set(key, (byOurCaller.get(key) ?? 0) + node.selfSize);
		}
		for (const child of node.children) walk(child, here);
	};
	walk(head, undefined);
	return { total, byFunction, byOurCaller };
}

async function main(): Promise<void> {
	const mode = (process.env.BENCH_PROFILE_MODE ?? 'memory') as 'memory' | 'filesystem';
	const pkg = await packAndInstall(process.env.N8N_USER_FOLDER!);
	const standIn = await StandInProcess.start();
	const target = { url: standIn.url, apiKey: standIn.apiKey, voiceId: standIn.voiceId };
	const extraNodeTypes = { [MINIMAL_TYPE]: minimalNodeType(pkg.packageDir), [HTTP_REQUEST_TYPE]: httpRequestNodeType() };
	const binaryDir = mkdtempSync(join(tmpdir(), 'n8n-bench-profile-'));
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 100 });
	try {
		await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
		const items = Array.from({ length: ROUND_ITEMS }, (_, n) => ({ json: { n } }));
		const probe = await runChain({ extraNodeTypes, target, nodes: [oursGenerate(target, SMALL_RAW)], binaryMode: mode, binaryDir, packageDir: pkg.packageDir });
		if (probe.error) throw probe.error;
		const body = (await standIn.lastRequest('/tts/bytes'))!.json as { model_id: string; language?: string };
		const specs: Record<'ours' | 'minimal', NodeSpec> = {
			ours: oursGenerate(target, SMALL_RAW),
			minimal: minimalGenerate(target, SMALL_RAW, body.model_id, body.language, 64),
		};
		const run = async (spec: NodeSpec) => {
			const result = await runChain({ extraNodeTypes, target, nodes: [spec], items, binaryMode: mode, binaryDir, packageDir: pkg.packageDir });
			if (result.error) throw result.error;
			if (completedItems(result).length !== ROUND_ITEMS) throw new Error('an item did not complete');
		};
		// Warm both (JIT, first-use allocations), then profile each in turn.
		for (let round = 0; round < 3; round++) for (const spec of Object.values(specs)) await run(spec);
		const results: Record<string, ReturnType<typeof selfTimes>> = {};
		const allocations: Record<string, ReturnType<typeof allocatedBytes>> = {};
		for (const [key, spec] of Object.entries(specs)) {
			await session.post('Profiler.start');
			for (let execution = 0; execution < EXECUTIONS; execution++) await run(spec);
			const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
			results[key] = selfTimes(profile);
			// Then what it allocates (what the GC time above pays for), sampled every 4 KB.
			// BENCH_PROFILE_SURVIVORS=1: only what outlived a young-generation collection (what makes scavenges cost).
			const survivorsOnly = process.env.BENCH_PROFILE_SURVIVORS === '1';
			await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivorsOnly });
			for (let execution = 0; execution < EXECUTIONS; execution++) await run(spec);
			const { profile: heap } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
			allocations[key] = allocatedBytes(heap.head);
		}
		const itemCount = ROUND_ITEMS * EXECUTIONS;
		const perItem = (micros: number) => `${(micros / itemCount).toFixed(1).padStart(7)} µs`;
		const places = [...new Set(Object.values(results).flatMap((result) => [...result.byPlace.keys()]))].filter((place) => place !== 'idle' && place !== 'profiler');
		console.log(`\nSelf time per item, ${mode} binary mode, ${itemCount} items each (idle and the profiler's own time left out):\n`);
		console.log(`${'place'.padEnd(34)} ${'ours'.padStart(10)} ${'minimal'.padStart(10)}`);
		const total = (key: string) => [...results[key].byPlace.entries()].filter(([place]) => place !== 'idle' && place !== 'profiler').reduce((sum, [, micros]) => sum + micros, 0);
		for (const place of places.sort((a, b) => (results.ours.byPlace.get(b) ?? 0) - (results.ours.byPlace.get(a) ?? 0))) {
			console.log(`${place.padEnd(34)} ${perItem(results.ours.byPlace.get(place) ?? 0)} ${perItem(results.minimal.byPlace.get(place) ?? 0)}`);
		}
		console.log(`${'all'.padEnd(34)} ${perItem(total('ours'))} ${perItem(total('minimal'))}`);
		console.log(`\nOurs, heaviest functions by self time per item:\n`);
		for (const [name, micros] of [...results.ours.byFunction.entries()].filter(([name]) => !name.startsWith('(idle)') && !name.includes('node:inspector')).sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS)) {
			const minimal = results.minimal.byFunction.get(name) ?? 0;
			console.log(`${perItem(micros)} (minimal ${perItem(minimal).trim()})  ${name}`);
		}
		console.log(`\nOurs, time per item under each of our package's functions (innermost on the stack; with what it calls outside the package):\n`);
		for (const [name, micros] of [...results.ours.byOurCaller.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS)) console.log(`${perItem(micros)}  ${name}`);
		const kb = (bytes: number) => `${(bytes / itemCount / 1024).toFixed(2).padStart(7)} KB`;
		console.log(`\nAllocated per item (sampled): ours ${kb(allocations.ours.total).trim()}, minimal ${kb(allocations.minimal.total).trim()}\n`);
		console.log(`Ours, bytes allocated per item under each of our package's functions (innermost on the stack), and by allocating function:\n`);
		for (const [name, bytes] of [...allocations.ours.byOurCaller.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${kb(bytes)}  ${name}`);
		console.log('');
		for (const [name, bytes] of [...allocations.ours.byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
			console.log(`${kb(bytes)} (minimal ${kb(allocations.minimal.byFunction.get(name) ?? 0).trim()})  ${name}`);
		}
		if (results.ours.callees.size) {
			console.log(`\nOurs, self time under the functions in BENCH_PROFILE_UNDER:\n`);
			for (const [callee, micros] of [...results.ours.callees.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS)) console.log(`${perItem(micros)}  ${callee}`);
		}
		if (results.ours.stacks.size) {
			console.log(`\nOurs, stacks of the functions in BENCH_PROFILE_STACKS:\n`);
			for (const [stack, micros] of [...results.ours.stacks.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS)) console.log(`${perItem(micros)}  ${stack}`);
		}
	} finally {
		session.disconnect();
		await standIn.stop();
		rmSync(binaryDir, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	console.error(error.stack);
	process.exitCode = 1;
});
