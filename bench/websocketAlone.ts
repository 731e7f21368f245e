/**
 * The node's TTS WebSocket reader outside n8n: does V8 switch a per-message allocation site to the old
 * generation (what the continuous-narration outliers of scenario 8 show), with nothing around it?
 *
 *   npm run build && bash scripts/with-node24.sh node --require tsx/cjs bench/websocketAlone.ts
 *
 * A `ws` server (a child process) floods chunk frames like the stand-in's (4 KB of audio, 5.5 KB of
 * JSON) over loopback; RUNS fresh client processes each read FRAMES of them through `TtsWebSocket`
 * (dist/, with its read hold) and the narration's own writer (AudioPartSpool.base64Writer: base64
 * decoded into a 64 KB block written to a spooled part), under --trace-pretenuring-statistics. Each prints its peak RSS growth and how
 * many allocation sites V8 switched to the old generation. HOLD=0 reads with undici's WebSocket and an
 * unbounded queue instead (what the read hold prevents).
 */
import { fork, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const FRAMES = Number(process.env.FRAMES ?? 40_000);
const RUNS = Number(process.env.RUNS ?? 6);
const CHUNK_AUDIO_BYTES = 4096;

async function serve(): Promise<void> {
	const { WebSocketServer } = await import('ws');
	const server: import('ws').WebSocketServer = new WebSocketServer({ port: 0, host: '127.0.0.1' }, () => {
		process.send!({ port: (server.address() as { port: number }).port });
	});
	const frame = JSON.stringify({ type: 'chunk', data: Buffer.alloc(CHUNK_AUDIO_BYTES, 7).toString('base64'), done: false, status_code: 206, step_time: 8, context_id: 'c', flush_id: 1 });
	server.on('connection', (socket: import('ws').WebSocket) => {
		socket.on('error', () => undefined);
		let sent = 0;
		const pump = () => {
			while (sent < FRAMES && socket.readyState === socket.OPEN) {
				socket.send(frame);
				sent++;
				if (socket.bufferedAmount > 1024 * 1024) return void setTimeout(pump, 1);
			}
		};
		pump();
	});
}

async function read(port: number): Promise<void> {
	const before = process.memoryUsage().rss;
	const dist = join(__dirname, '..', 'dist/nodes/Cartesia');
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { AudioPartSpool } = require(join(dist, 'helpers/audioParts.js')) as typeof import('../nodes/Cartesia/helpers/audioParts');
	const { connectTtsWebSocket } = require(join(dist, 'transport/websocket.js')) as typeof import('../nodes/Cartesia/transport/websocket');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const spool = await AudioPartSpool.create('pcm');
	const writer = await spool.base64Writer(0);
	const add = async (base64: string) => {
		const writing = writer.add(base64);
		if (writing) await writing;
	};
	const url = `ws://127.0.0.1:${port}`;
	if (process.env.HOLD === '0') {
		const { WebSocket } = await import('undici');
		const socket = new WebSocket(url);
		const queue: Array<{ data: string }> = [];
		let wake: (() => void) | undefined;
		socket.onmessage = (event) => {
			queue.push(JSON.parse(event.data as string) as { data: string });
			wake?.();
		};
		for (let taken = 0; taken < FRAMES; taken++) {
			while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
			await add(queue.shift()!.data);
		}
	} else {
		const { Agent } = await import('undici');
		const opened = await connectTtsWebSocket({ url: new URL(url), headers: {}, dispatcher: new Agent(), connectTimeoutMs: 5000, idleTimeoutMs: 10_000 });
		if (!('socket' in opened)) throw new Error('could not connect');
		for (let taken = 0; taken < FRAMES; taken++) {
			const frame = opened.socket.take() ?? (await opened.socket.receive());
			await add(frame.data as string);
		}
		opened.socket.close();
	}
	await writer.finish();
	await spool.remove();
	process.stdout.write(`RESULT peak RSS +${((process.resourceUsage().maxRSS * 1024 - before) / 1048576).toFixed(1)} MB\n`);
	process.exit(0);
}

async function main(): Promise<void> {
	if (process.env.ROLE === 'server') return serve();
	if (process.env.ROLE === 'reader') return read(Number(process.env.PORT));
	const server = fork(__filename, [], { env: { ...process.env, ROLE: 'server' }, execArgv: ['--require', 'tsx/cjs'] });
	const { port } = await new Promise<{ port: number }>((resolve) => server.once('message', resolve as (message: unknown) => void));
	try {
		for (let run = 1; run <= RUNS; run++) {
			const reader = spawnSync(process.execPath, ['--trace-pretenuring-statistics', '--require', 'tsx/cjs', __filename], {
				env: { ...process.env, ROLE: 'reader', PORT: String(port) },
				encoding: 'utf8',
				maxBuffer: 256 * 1024 * 1024,
			});
			const lines = reader.stdout.split('\n');
			const result = lines.find((line) => line.startsWith('RESULT')) ?? `failed: ${reader.stderr.trim().split('\n').pop()}`;
			const switched = lines.filter((line) => /=> tenure$/.test(line) && !/tenure => tenure$/.test(line)).length;
			process.stdout.write(`run ${run}: ${FRAMES} frames (${((FRAMES * CHUNK_AUDIO_BYTES) / 1048576).toFixed(0)} MB of audio), ${result.replace('RESULT ', '')}, sites switched to the old generation: ${switched}\n`);
		}
	} finally {
		server.kill();
	}
}

void main();
