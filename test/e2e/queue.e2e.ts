/**
 * Queue mode, as users scale n8n out: n8n 2.41.1 as a main instance and two workers
 * (`EXECUTIONS_MODE=queue`, `n8n worker`), Redis and Postgres started here on loopback ports
 * (queueServices.ts), binary data in the database. Each process has its own user folder with the packed
 * tarball installed in `~/.n8n/nodes`, as a baked image has it. Production webhooks run on the workers.
 *
 * The same workflows then run on one regular n8n instance (SQLite, filesystem binaries): the outputs
 * must be identical (audio SHA-256, JSON without request ids). Every request goes to the stand-in, whose
 * plan allows 5 concurrent requests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startStandIn, type StandIn } from '../standin';
import { assertInstalled, N8N_INSTALLS } from './cache';
import { listedExecution, sleep, stopExecution, waitUntil } from './cancellation';
import { N8nApp } from './n8nApp';
import { packedTarball } from './pack';
import { POSTGRES_USER, startPostgres, startRedis, type LocalService } from './queueServices';
import { CREDENTIAL } from './workflows';

type Json = Record<string, any>;

const install = N8N_INSTALLS.find((candidate) => candidate.version === '2.41.1')!;
const selected = (process.env.N8N_E2E_VERSIONS ?? '').split(',').filter(Boolean);
const describeQueue = !selected.length || selected.includes(install.version) ? describe : describe.skip;

const PLAN_LIMIT = 5;
const LATENCY_MS = 100;
const BATCH_ITEMS = 200;
const WEBHOOK_EXECUTIONS = 40;

const MB = 1024 * 1024;
const BIG_FILE_BYTES = 200 * MB;

const BATCH = 'queueBatch000001';
const SINGLE = 'queueSingle00001';
const STOPPABLE = 'queueStoppable01';

/** Webhook → (Split Out) → Generate → Transcribe (keeps the audio) → SHA-256 of the audio. */
function pipeline(id: string, path: string, split: boolean, voiceId: string): Json {
	const node = (name: string, type: string, typeVersion: number, parameters: Json, extra: Json = {}) => ({
		id: name,
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	});
	const chain = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, { webhookId: `${id}-hook` }),
		...(split ? [node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', options: {} })] : []),
		node('Generate', 'n8n-nodes-cartesia.cartesia', 1, {
			resource: 'speech',
			operation: 'generate',
			transcript: '={{ $json.text ?? $json.body.text }}',
			voice: { __rl: true, mode: 'id', value: voiceId },
		}, { credentials: { cartesiaApi: CREDENTIAL } }),
		node('Transcribe', 'n8n-nodes-cartesia.cartesia', 1, {
			resource: 'transcription',
			operation: 'transcribe',
			binaryPropertyName: 'data',
			model: 'ink-whisper',
			language: 'en',
		}, { credentials: { cartesiaApi: CREDENTIAL } }),
		node('Audio Hash', 'n8n-nodes-base.crypto', 2, {
			action: 'hash',
			type: 'SHA256',
			binaryData: true,
			binaryPropertyName: 'data',
			dataPropertyName: 'audioSha256',
			encoding: 'hex',
		}),
	];
	const connections: Json = {};
	chain.slice(1).forEach((next, index) => (connections[chain[index].name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] }));
	return { id, name: `e2e queue: ${path}`, active: false, settings: { executionOrder: 'v1' }, nodes: chain, connections };
}

/** Webhook (answers at once) → Voice → Get: held by the stand-in until stopped. */
function stoppable(voiceId: string): Json {
	return {
		id: STOPPABLE,
		name: 'e2e queue: stoppable',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'a', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${STOPPABLE}-hook`, parameters: { httpMethod: 'POST', path: 'queue-stoppable', responseMode: 'onReceived', options: {} } },
			{ id: 'b', name: 'Wait On Cartesia', type: 'n8n-nodes-cartesia.cartesia', typeVersion: 1, position: [220, 0], parameters: { resource: 'voice', operation: 'get', voice: { __rl: true, mode: 'id', value: voiceId } }, credentials: { cartesiaApi: CREDENTIAL } },
		],
		connections: { Webhook: { main: [[{ node: 'Wait On Cartesia', type: 'main', index: 0 }]] } },
	};
}

const text = (n: number) => `Queue item ${n}: the plan is shared by every worker.`;

/** Calls a production webhook; its answer is the last node's items. */
async function post(app: N8nApp, path: string, body: unknown): Promise<Json[]> {
	const { status, text: answer } = await app.postWebhook(path, body);
	if (status !== 200) throw new Error(`POST /webhook/${path}: ${status} ${answer.slice(0, 500)}`);
	return JSON.parse(answer) as Json[];
}

/**
 * What must match between runs: everything but the ids of requests and stored binaries, and what the
 * Webhook node records of the instance it ran on (its URL and the request's Host header).
 */
function comparable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(comparable);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !/^(requestId|request_id|id|binaryId|webhookUrl|host)$/.test(key))
			.map(([key, inner]) => [key, comparable(inner)]),
	);
}

interface ScenarioRun {
	batch: Json[];
	singles: Json[][];
	batchMs: number;
	singlesMs: number;
}

/** The 200-item batch, then 40 one-item webhook executions arriving at once. */
async function runScenario(app: N8nApp): Promise<ScenarioRun> {
	let started = Date.now();
	const batch = await post(app, 'queue-batch', { items: Array.from({ length: BATCH_ITEMS }, (_, n) => ({ text: text(n) })) });
	const batchMs = Date.now() - started;
	started = Date.now();
	const singles = await Promise.all(Array.from({ length: WEBHOOK_EXECUTIONS }, (_, n) => post(app, 'queue-one', { text: text(n) })));
	return { batch, singles, batchMs, singlesMs: Date.now() - started };
}

async function prepare(app: N8nApp, standIn: StandIn): Promise<void> {
	await app.importCredentials([
		{ ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey: standIn.apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url } },
	]);
	const voiceId = standIn.voices()[0].id;
	await app.importWorkflows([
		pipeline(BATCH, 'queue-batch', true, voiceId),
		pipeline(SINGLE, 'queue-one', false, voiceId),
		stoppable(voiceId),
	]);
	for (const id of [BATCH, SINGLE, STOPPABLE]) {
		const publish = await app.cli(['publish:workflow', `--id=${id}`]);
		if (publish.code !== 0) throw new Error(`publish:workflow ${id}: ${publish.stdout}${publish.stderr}`);
	}
}

/** Which worker ran which execution, from the workers' own log lines. */
function executionsByWorker(workers: N8nApp[]): Map<string, number> {
	const ranOn = new Map<string, number>();
	workers.forEach((worker, index) => {
		for (const match of worker.log.matchAll(/Worker started execution (\d+)/g)) ranOn.set(match[1], index + 1);
	});
	return ranOn;
}

async function executionIds(app: N8nApp, workflowId: string): Promise<string[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await app.rest('GET', `/rest/executions?filter=${filter}&limit=100`);
	if (list.status !== 200) throw new Error(`GET /rest/executions: ${list.status} ${JSON.stringify(list.json).slice(0, 300)}`);
	return ((list.json.data?.results ?? []) as Array<{ id: string }>).map((execution) => String(execution.id));
}

/** Resident memory (VmRSS) of a process, in MB. */
function residentMb(pid: number | undefined): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** N8N_E2E_LOGS=<folder> keeps each process's log there, to read after a failure. */
function keepLogs(apps: Record<string, N8nApp | undefined>): void {
	const folder = process.env.N8N_E2E_LOGS;
	if (!folder) return;
	for (const [name, app] of Object.entries(apps)) if (app) writeFileSync(join(folder, `${name}.log`), app.log);
}

describeQueue('queue mode: n8n 2.41.1, a main instance and two workers, Redis, Postgres, database binaries', () => {
	let redis: LocalService | undefined;
	let postgres: LocalService | undefined;
	let standIn: StandIn;
	let main: N8nApp;
	const workers: N8nApp[] = [];
	let queued: ScenarioRun;

	beforeAll(async () => {
		assertInstalled(install);
		[redis, postgres, standIn] = await Promise.all([startRedis(), startPostgres(), startStandIn()]);
		const cluster: NodeJS.ProcessEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: POSTGRES_USER,
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			// Enough for the 40 webhook executions to run at once across the two workers.
			N8N_CONCURRENCY_PRODUCTION_LIMIT: '20',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const tarball = await packedTarball();
		main = await N8nApp.create(install, tarball, cluster);
		await prepare(main, standIn);
		await main.start();
		await main.signIn();
		workers.push(...(await Promise.all([1, 2].map(() => N8nApp.create(install, tarball, cluster)))));
		await Promise.all(workers.map((worker) => worker.start({}, 'worker')));
	}, 300_000);

	afterAll(async () => {
		keepLogs({ main, ...Object.fromEntries(workers.map((worker, index) => [`worker${index + 1}`, worker])) });
		await Promise.all(workers.map((worker) => worker.dispose()));
		await main?.dispose();
		await Promise.all([redis?.stop(), postgres?.stop(), standIn?.close()]);
	}, 120_000);

	it('runs 200 items and 40 one-item webhook executions on the workers against a plan of 5: every item completes', async () => {
		standIn.reset();
		standIn.setLatency(LATENCY_MS);
		standIn.setConcurrencyLimit(PLAN_LIMIT);
		queued = await runScenario(main);
		expect(queued.batch).toHaveLength(BATCH_ITEMS);
		expect(queued.batch.map((item) => item.text)).toEqual(Array.from({ length: BATCH_ITEMS }, (_, n) => text(n)));
		expect(queued.batch.every((item) => /^[0-9a-f]{64}$/.test(item.audioSha256))).toBe(true);
		expect(queued.singles.map((answer) => answer.map((item) => item.text))).toEqual(
			Array.from({ length: WEBHOOK_EXECUTIONS }, (_, n) => [text(n)]),
		);
		const refused = standIn.requests.filter((entry) => entry.status === 429).length;
		const ranOn = executionsByWorker(workers);
		const [batchId] = await executionIds(main, BATCH);
		const singleIds = await executionIds(main, SINGLE);
		const perWorker = [1, 2].map((worker) => singleIds.filter((id) => ranOn.get(id) === worker).length);
		console.log(
			`queue mode, plan ${PLAN_LIMIT}, ${LATENCY_MS} ms: ${BATCH_ITEMS} items (Generate + Transcribe) in ${queued.batchMs} ms on worker ${ranOn.get(batchId)}; ` +
				`${WEBHOOK_EXECUTIONS} webhook executions in ${queued.singlesMs} ms, ${perWorker.join(' / ')} on workers 1 / 2; ` +
				`${standIn.requests.length} requests, ${refused} answered 429, at most ${standIn.maxAdmitted} admitted and ${standIn.maxInFlight} in flight at once`,
		);
		expect(ranOn.get(batchId)).toBeDefined();
		expect(singleIds.every((id) => ranOn.has(id))).toBe(true);
		expect(standIn.maxAdmitted).toBeLessThanOrEqual(PLAN_LIMIT);
		// 400 + 80 requests; each worker finds the plan from its own 429s, so a few dozen are expected.
		expect(refused).toBeLessThan(100);
	}, 300_000);

	it('stopping one execution reaches the worker running it, and the others complete', async () => {
		standIn.reset();
		standIn.setLatency(LATENCY_MS);
		standIn.setConcurrencyLimit(2);
		// Held for 60 s unless the node lets go: the request closing long before says the stop arrived.
		standIn.inject({ kind: 'slow', delayMs: 60_000, path: `/voices/${standIn.voices()[0].id}` });
		const startedAt = Date.now();
		await post(main, 'queue-stoppable', {});
		let executionId = '';
		await waitUntil('the stoppable execution to hold a request', async () => {
			[executionId = ''] = await executionIds(main, STOPPABLE);
			return executionId !== '' && standIn.requests.some((entry) => entry.path.startsWith('/voices/'));
		}, 30_000);
		// Executions queued on the same plan (and on the stopped one's worker's shared limiter) meanwhile.
		const others = Promise.all(Array.from({ length: 6 }, (_, n) => post(main, 'queue-one', { text: text(n) })));
		await sleep(300);
		const stop = await stopExecution(main, executionId);
		expect(stop.status).toBe(200);
		const answers = await others;
		await waitUntil('the held request to close', () => standIn.inFlight === 0, 10_000);
		const heldMs = Date.now() - startedAt;
		expect(answers.map((answer) => answer.map((item) => item.text))).toEqual(Array.from({ length: 6 }, (_, n) => [text(n)]));
		await sleep(500);
		const listed = await listedExecution(main, STOPPABLE, executionId);
		const worker = executionsByWorker(workers).get(executionId);
		console.log(`queue mode: stopped execution ${executionId} on worker ${worker}; nothing held after ${heldMs} ms (the stand-in would hold it 60 s); listed as ${listed?.status}`);
		expect(heldMs).toBeLessThan(45_000);
		expect(worker).toBeDefined();
		expect(listed?.status).toBe('canceled');
		// The worker's own account: the node there gave up with its cancel error, and the run ended.
		expect(workers[worker! - 1].log).toContain('The execution was canceled while waiting for Cartesia');
		expect(workers[worker! - 1].log).toContain(`Worker errored while running execution ${executionId} (job`);
	}, 120_000);

	it('moves a 200 MB file through Generate and Transcribe with database binaries; memory per worker measured', async () => {
		standIn.reset();
		const before = workers.map((worker) => residentMb(worker.pid));
		const peaks = [...before];
		const sampler = setInterval(() => workers.forEach((worker, index) => (peaks[index] = Math.max(peaks[index], residentMb(worker.pid)))), 100);
		standIn.setGeneratedAudioBytes(BIG_FILE_BYTES);
		const started = Date.now();
		let answer: Json[];
		try {
			answer = await post(main, 'queue-one', { text: 'The long narration.' });
		} finally {
			clearInterval(sampler);
			standIn.setGeneratedAudioBytes(undefined);
		}
		const tookMs = Date.now() - started;
		const upload = standIn.requests.find((entry) => entry.path === '/stt');
		const [singleId] = await executionIds(main, SINGLE);
		const worker = executionsByWorker(workers).get(singleId);
		const growth = peaks.map((peak, index) => peak - before[index]);
		console.log(
			`queue mode, database binaries: ${BIG_FILE_BYTES / MB} MB generated, stored, read back and uploaded in ${tookMs} ms on worker ${worker}; ` +
				`peak RSS growth per worker ${growth.map((mb) => `${mb.toFixed(0)} MB`).join(' / ')} (from ${before.map((mb) => mb.toFixed(0)).join(' / ')} MB)`,
		);
		expect(answer[0].text).toBe('The long narration.');
		expect(answer[0].audioSha256).toMatch(/^[0-9a-f]{64}$/);
		expect(upload?.files?.[0].size).toBeGreaterThan(BIG_FILE_BYTES);
		expect(worker).toBeDefined();
		// n8n's database store holds whole files in memory (not ours to stream): the worker that ran it
		// grows by a few times the file, the other does not.
		expect(growth[worker! - 1]).toBeGreaterThan(BIG_FILE_BYTES / MB / 2);
	}, 240_000);

	describe('the same workflows on one regular n8n instance', () => {
		let single: N8nApp;

		beforeAll(async () => {
			single = await N8nApp.create(install, await packedTarball());
			await prepare(single, standIn);
			await single.start();
		}, 180_000);

		afterAll(async () => {
			keepLogs({ single });
			await single?.dispose();
		}, 60_000);

		it('give identical outputs: audio SHA-256 and JSON without request and binary ids', async () => {
			expect(queued).toBeDefined();
			standIn.reset();
			standIn.setLatency(LATENCY_MS);
			standIn.setConcurrencyLimit(PLAN_LIMIT);
			const reference = await runScenario(single);
			console.log(`one regular instance, plan ${PLAN_LIMIT}: ${BATCH_ITEMS} items in ${reference.batchMs} ms; ${WEBHOOK_EXECUTIONS} webhook executions in ${reference.singlesMs} ms`);
			expect(comparable(queued.batch)).toEqual(comparable(reference.batch));
			expect(comparable(queued.singles)).toEqual(comparable(reference.singles));
		}, 300_000);
	});

});
