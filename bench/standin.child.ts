/**
 * The Cartesia stand-in in a process of its own, so that whatever the benchmark measures in the client
 * process (CPU time, peak RSS) is the client's alone. Driven over IPC by bench/lib/standinProcess.ts:
 * `{ id, command, args }` in, `{ id, result }` or `{ id, error }` out.
 *
 * Two additions that do not touch test/standin:
 * - the time (epoch ms, sub-millisecond) at which the first body byte of each SSE answer was handed to
 *   the socket, for the first-chunk delay of the SSE scenario;
 * - a replay server: it answers any request with one recorded SSE body as fast as the socket takes it,
 *   so that a parse-throughput test measures the client, not the stand-in's audio generator;
 * - `failEvery`: every Nth request to a path (counted on arrival, retries included) gets a `status` fault,
 *   queued just before the stand-in takes its fault for that request: deterministic, unlike a random 1%.
 */
import { createServer, Server, ServerResponse, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { startStandIn, type StandIn } from '../test/standin';

const epochMs = (): number => performance.timeOrigin + performance.now();

let firstSseWrites: number[] = [];
const seen = new WeakSet<ServerResponse>();
const originalWrite = ServerResponse.prototype.write;
ServerResponse.prototype.write = function write(this: ServerResponse, ...args: unknown[]) {
	if (!seen.has(this) && this.req?.url?.startsWith('/tts/sse')) {
		seen.add(this);
		firstSseWrites.push(epochMs());
	}
	return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
} as typeof ServerResponse.prototype.write;

interface FailEvery {
	path: string;
	every: number;
	status: number;
	arrived: number;
	injected: number;
}

let failEvery: FailEvery | undefined;
let faultTarget: StandIn | undefined;
// A server calls its 'request' listeners synchronously from emit, and the stand-in takes a fault before
// its first await, so a fault queued here is the one this very request takes.
const originalEmit = Server.prototype.emit;
Server.prototype.emit = function emit(this: Server, event: string | symbol, ...args: unknown[]) {
	if (event === 'request' && failEvery && faultTarget) {
		const path = (args[0] as IncomingMessage).url?.split('?')[0];
		if (path === failEvery.path && ++failEvery.arrived % failEvery.every === 0) {
			faultTarget.inject({ kind: 'status', status: failEvery.status, path });
			failEvery.injected++;
		}
	}
	return (originalEmit as (...a: unknown[]) => boolean).call(this, event, ...args);
} as typeof Server.prototype.emit;

let replayBody: Buffer = Buffer.alloc(0);
let replayServer: Server | undefined;

async function startReplay(): Promise<string> {
	if (!replayServer) {
		replayServer = createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'replay', 'content-length': replayBody.length });
				res.end(replayBody);
			});
		});
		await new Promise<void>((resolve) => replayServer!.listen(0, '127.0.0.1', resolve));
	}
	return `http://127.0.0.1:${(replayServer.address() as AddressInfo).port}`;
}

interface RecordSseArgs {
	headers: Record<string, string>;
	json: unknown;
	audioBytes: number;
}

/** Asks our own stand-in for one long SSE answer and keeps its bytes for the replay server. */
async function recordSse(standIn: StandIn, { headers, json, audioBytes }: RecordSseArgs) {
	standIn.setGeneratedAudioBytes(audioBytes);
	try {
		const response = await fetch(`${standIn.url}/tts/sse`, { method: 'POST', headers, body: JSON.stringify(json) });
		if (response.status !== 200) throw new Error(`stand-in answered ${response.status}: ${await response.text()}`);
		replayBody = Buffer.from(await response.arrayBuffer());
	} finally {
		standIn.setGeneratedAudioBytes(undefined);
	}
	// Count the events and the base64 they carry, with a plain split (the stand-in frames `data: <json>\n\n`).
	let events = 0;
	let base64Bytes = 0;
	for (const frame of replayBody.toString('utf8').split('\n\n')) {
		if (!frame.startsWith('data: ')) continue;
		events++;
		const event = JSON.parse(frame.slice(6)) as { data?: unknown };
		if (typeof event.data === 'string') base64Bytes += event.data.length;
	}
	return { url: await startReplay(), bytes: replayBody.length, events, base64Bytes };
}

function stats(standIn: StandIn) {
	const byStatus: Record<string, number> = {};
	const byPath: Record<string, number> = {};
	for (const request of standIn.requests) {
		byStatus[request.status] = (byStatus[request.status] ?? 0) + 1;
		byPath[request.path] = (byPath[request.path] ?? 0) + 1;
	}
	return {
		total: standIn.requests.length,
		byStatus,
		byPath,
		maxAdmitted: standIn.maxAdmitted,
		maxInFlight: standIn.maxInFlight,
		inFlight: standIn.inFlight,
	};
}

async function main(): Promise<void> {
	const standIn = await startStandIn();
	faultTarget = standIn;
	const commands: Record<string, (...args: any[]) => unknown> = {
		info: () => ({ url: standIn.url, apiKey: standIn.apiKey, voiceId: standIn.voices()[0].id, pid: process.pid }),
		reset: () => {
			standIn.reset();
			firstSseWrites = [];
			failEvery = undefined;
		},
		failEvery: (path: string, every: number, status: number) => {
			failEvery = { path, every, status, arrived: 0, injected: 0 };
		},
		failEveryCount: () => failEvery?.injected ?? 0,
		/** Requests to `path` answered with `status` so far (cheap enough to poll). */
		countAnswered: (path: string, status: number) => standIn.requests.reduce((count, request) => count + (request.path === path && request.status === status ? 1 : 0), 0),
		setLatency: (ms: number) => standIn.setLatency(ms),
		setBodyPacing: (ms: number) => standIn.setBodyPacing(ms),
		setGenerationSpeed: (speed: number | null) => standIn.setGenerationSpeed(speed ?? undefined),
		setWebSocketInputLatency: (ms: number) => standIn.setWebSocketInputLatency(ms),
		setConcurrencyLimit: (limit: number | null) => standIn.setConcurrencyLimit(limit ?? undefined),
		setConcurrencyRetryAfter: (value: string | null) => standIn.setConcurrencyRetryAfter(value ?? undefined),
		setGeneratedAudioBytes: (bytes: number | null) => standIn.setGeneratedAudioBytes(bytes ?? undefined),
		stats: () => stats(standIn),
		requests: (path?: string) =>
			standIn.requests
				.filter((request) => path === undefined || request.path === path)
				.map(({ method, path: p, query, headers, json, fields, files, status, rejection }) => ({
					method,
					path: p,
					query,
					headers,
					json,
					fields,
					files,
					status,
					rejection,
				})),
		lastRequest: (path: string) => {
			const request = standIn.requests.filter((r) => r.path === path).at(-1);
			return request ? { method: request.method, headers: request.headers, json: request.json, status: request.status, rejection: request.rejection, files: request.files, fields: request.fields } : null;
		},
		firstSseWrites: () => firstSseWrites,
		recordSse: (args: RecordSseArgs) => recordSse(standIn, args),
		cpuUsage: () => process.cpuUsage(),
	};
	process.on('message', (message: { id: number; command: string; args: unknown[] }) => {
		void (async () => {
			try {
				const handler = commands[message.command];
				if (!handler) throw new Error(`unknown command ${message.command}`);
				const result = await handler(...message.args);
				process.send!({ id: message.id, result: result ?? null });
			} catch (error) {
				process.send!({ id: message.id, error: (error as Error).stack ?? String(error) });
			}
		})();
	});
	process.on('disconnect', () => {
		void standIn.close().finally(() => {
			replayServer?.close();
			process.exit(0);
		});
	});
	process.send!({ id: 0, result: 'ready' });
}

void main();
