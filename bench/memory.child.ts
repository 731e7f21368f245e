/**
 * Child of scenarios/memory.ts, one per measurement: a fresh process in filesystem binary mode that
 * warms up on small audio, reports `ready`, waits for `go` (the parent then makes the stand-in's audio
 * big), runs one big transfer, and reports how far its peak RSS (`process.resourceUsage().maxRSS`)
 * grew over the warmed-up baseline. The stand-in lives in another process, so the figure is this
 * process's own. The pattern is test/memory/bigAudio.child.ts's.
 *
 * KIND: `generate` (ours, Speech → Generate WAV), `transcribe` (ours, Transcribe of BIG_BINARY),
 * `http-upload` (HTTP Request, multipart upload of BIG_BINARY to /stt), `http-download` (HTTP Request,
 * POST /tts/bytes with our node's body, answer stored as a file). `generate-gc` is `generate` with a minor
 * collection (scavenge) forced every 10 ms (the process runs with --expose-gc): a diagnostic that tells
 * dead Buffers not yet collected apart from memory the transfer holds.
 */
import './lib/appModules';

import { subscribe } from 'node:diagnostics_channel';
import { statSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { send, watchMemory } from './lib/memoryChild';
import { httpRequestNodeType, HTTP_REQUEST_TYPE, STORED_TRIGGER_TYPE, storedBinaryTriggerType } from './lib/nodes';
import { httpGenerate, httpTranscribe, oursGenerate, oursTranscribe, runChain, type NodeSpec, type SpeechFormat } from './lib/workflows';

const forceGc = process.env.KIND === 'generate-gc';
const kind = forceGc ? 'generate' : process.env.KIND!;
const target = { url: process.env.STANDIN_URL!, apiKey: process.env.STANDIN_KEY!, voiceId: process.env.VOICE_ID! };
const packageDir = process.env.PACKAGE_DIR!;
const binaryDir = process.env.BINARY_DIR!;
const WAV: SpeechFormat = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 44100 };

let storedItems: INodeExecutionData[] = [];
const extraNodeTypes = {
	[HTTP_REQUEST_TYPE]: httpRequestNodeType(),
	[STORED_TRIGGER_TYPE]: storedBinaryTriggerType(() => storedItems),
};

async function run(nodes: NodeSpec[], stored?: IBinaryData) {
	if (stored) storedItems = [{ json: {}, binary: { data: stored } }];
	const result = await runChain({ target, nodes, storedTrigger: Boolean(stored), binaryMode: 'filesystem', binaryDir, packageDir, extraNodeTypes });
	if (result.error) throw result.error;
	return result;
}

/**
 * Read-ahead on the download path: bytes undici has received for the response body (its diagnostics
 * channel) less the bytes n8n's binary store has taken to write (its `fs.promises.writeFile` is handed
 * our stream; each chunk it pulls is written before it pulls the next). The highest difference is what
 * sits in buffers between the socket and the disk.
 */
const readAhead = { received: 0, handed: 0, most: 0, chunks: 0, largestChunk: 0, storeChunks: 0, largestStoreChunk: 0 };
function watchReadAhead(): void {
	subscribe('undici:request:bodyChunkReceived', (message) => {
		const { chunk } = message as { chunk: Buffer };
		readAhead.received += chunk.length;
		readAhead.chunks++;
		readAhead.largestChunk = Math.max(readAhead.largestChunk, chunk.length);
		readAhead.most = Math.max(readAhead.most, readAhead.received - readAhead.handed);
	});
	const writeFile = fsPromises.writeFile;
	fsPromises.writeFile = (async (path: string, data: unknown, options?: unknown) => {
		if (!(data && typeof (data as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function')) return await writeFile(path, data as Buffer, options as undefined);
		async function* counted() {
			for await (const chunk of data as AsyncIterable<Buffer>) {
				readAhead.handed += chunk.length;
				readAhead.storeChunks++;
				readAhead.largestStoreChunk = Math.max(readAhead.largestStoreChunk, chunk.length);
				yield chunk;
			}
		}
		return await writeFile(path, counted(), options as undefined);
	}) as typeof writeFile;
}

async function main(): Promise<void> {
	if (kind === 'generate') watchReadAhead();
	const ttsBody = process.env.TTS_BODY ? (JSON.parse(process.env.TTS_BODY) as unknown) : undefined;
	const measured: Record<string, () => Promise<Record<string, unknown>>> = {
		generate: async () => {
			const result = await run([oursGenerate(target, WAV)]);
			const [item] = result.output('Node');
			return { binary: item.binary?.data, bytes: statSync(result.binaryPath(item, 'data')!).size };
		},
		transcribe: async () => {
			const result = await run([oursTranscribe()], JSON.parse(process.env.BIG_BINARY!) as IBinaryData);
			return { text: result.output('Node')[0].json.text };
		},
		'http-upload': async () => {
			const result = await run([httpTranscribe(target)], JSON.parse(process.env.BIG_BINARY!) as IBinaryData);
			return { text: result.output('Node')[0].json.text };
		},
		'http-download': async () => {
			const result = await run([httpGenerate(target, ttsBody)]);
			const [item] = result.output('Node');
			return { bytes: statSync(result.binaryPath(item, 'data')!).size };
		},
	};
	const warmUp: Record<string, () => Promise<unknown>> = {
		generate: async () => await run([oursGenerate(target, WAV)]),
		transcribe: async () => await run([oursGenerate(target, WAV), oursTranscribe()]),
		'http-upload': async () => await run([oursGenerate(target, WAV), httpTranscribe(target)]),
		'http-download': async () => await run([httpGenerate(target, ttsBody)]),
	};
	if (!measured[kind]) throw new Error(`unknown KIND ${kind}`);
	// Twice, so that lazily loaded code and first-use buffers are in place before the baseline.
	await warmUp[kind]();
	await warmUp[kind]();
	send({ step: 'ready' });
	await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

	const gc = (globalThis as { gc?: () => void }).gc;
	const watch = watchMemory(() => {
		if (forceGc) (gc as unknown as (options: { type: string }) => void)?.({ type: 'minor' });
	});
	Object.assign(readAhead, { received: 0, handed: 0, most: 0, chunks: 0, largestChunk: 0, storeChunks: 0, largestStoreChunk: 0 });
	const start = performance.now();
	const outcome = await measured[kind]();
	const wallMs = performance.now() - start;
	send({ step: 'done', ...watch.stop(), wallMs, ...outcome, ...(kind === 'generate' ? { readAhead } : {}) });
}

main().catch((error: Error) => {
	send({ step: 'error', message: error.message, stack: error.stack });
	process.exitCode = 1;
});
