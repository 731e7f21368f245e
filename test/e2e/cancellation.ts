/**
 * Stopping a running execution as the editor does: the workflow run over REST as the owner
 * (POST /rest/workflows/:id/run), then POST /rest/executions/:id/stop, then the execution list
 * (GET /rest/executions) read for the status n8n recorded.
 *
 * The list alone cannot tell whether the node noticed the stop: n8n writes "canceled" as soon as it is
 * asked to stop, and once an execution is cancelled it saves nothing the node does afterwards. So the
 * server runs with N8N_LOG_LEVEL=debug and N8N_LOG_FORMAT=json (SERVER_LOG_ENV), and two lines n8n-core
 * logs (2.8.4 and 2.41.1 alike) show the node's side: 'Running node "<name>" finished with error', when
 * the node gave up, and 'Workflow execution finished with error', with the error n8n-core's
 * processSuccessExecution judged (see n8nCountsAsCancellation).
 */
import type { N8nApp } from './n8nApp';
import { CREDENTIAL } from './workflows';

type Json = Record<string, any>;

export const CANCEL_NODE = 'Wait On Cartesia';

/** What the server runs with for these checks (see above). */
export const SERVER_LOG_ENV: NodeJS.ProcessEnv = { N8N_LOG_LEVEL: 'debug', N8N_LOG_FORMAT: 'json' };

/** Manual trigger → Cartesia Voice → Get, with the given Request Options. */
export function cancelWorkflow(id: string, name: string, voiceId: string, requestOptions: Json): Json {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: CANCEL_NODE,
				type: 'n8n-nodes-cartesia.cartesia',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'voice', operation: 'get', voice: { __rl: true, mode: 'id', value: voiceId }, requestOptions },
				credentials: { cartesiaApi: CREDENTIAL },
			},
		],
		connections: { Start: { main: [[{ node: CANCEL_NODE, type: 'main', index: 0 }]] } },
	};
}

/** Runs a saved workflow from its manual trigger, as the editor's "Execute workflow" does; the execution id. */
export async function runManually(app: N8nApp, workflowId: string): Promise<string> {
	const workflow = await app.rest('GET', `/rest/workflows/${workflowId}`);
	if (workflow.status !== 200) throw new Error(`GET /rest/workflows/${workflowId}: ${workflow.status} ${JSON.stringify(workflow.json)}`);
	// n8n 2.41.1 runs the saved workflow and ignores workflowData; n8n 2.8.4 runs the workflowData sent.
	const started = await app.rest('POST', `/rest/workflows/${workflowId}/run`, {
		workflowData: workflow.json.data,
		triggerToStartFrom: { name: 'Start' },
	});
	const executionId = started.json?.data?.executionId;
	if (started.status !== 200 || !executionId) {
		throw new Error(`POST /rest/workflows/${workflowId}/run: ${started.status} ${JSON.stringify(started.json)}`);
	}
	return String(executionId);
}

/** The editor's stop button. */
export async function stopExecution(app: N8nApp, executionId: string): Promise<{ status: number; json: any }> {
	return await app.rest('POST', `/rest/executions/${executionId}/stop`);
}

export interface ListedExecution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
}

/** The execution as the execution list shows it. */
export async function listedExecution(app: N8nApp, workflowId: string, executionId: string): Promise<ListedExecution | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await app.rest('GET', `/rest/executions?filter=${filter}&limit=10`);
	if (list.status !== 200) throw new Error(`GET /rest/executions: ${list.status} ${JSON.stringify(list.json)}`);
	const results = (list.json.data?.results ?? []) as ListedExecution[];
	return results.find((execution) => String(execution.id) === executionId);
}

/**
 * Statuses the list shows over `ms`, sampled: the stop itself writes "canceled", so a read right after
 * it proves little; watching on catches a later save that turns it into "error".
 */
export async function statusesOver(app: N8nApp, workflowId: string, executionId: string, ms: number): Promise<string[]> {
	const seen: string[] = [];
	const deadline = Date.now() + ms;
	do {
		const execution = await listedExecution(app, workflowId, executionId);
		const status = execution?.status ?? 'missing';
		if (seen[seen.length - 1] !== status) seen.push(status);
		await sleep(200);
	} while (Date.now() < deadline);
	return seen;
}

/**
 * n8n-core's rule (processSuccessExecution, 2.8.4 and 2.41.1): a run that ended with an error is
 * canceled, not failed, only when the error's message contains "canceled" or its name "Cancelled".
 */
export function n8nCountsAsCancellation(error: { name?: string; message?: string }): boolean {
	return Boolean(error.message?.includes('canceled') || error.name?.includes('Cancelled'));
}

interface LogLine {
	level: string;
	message: string;
	metadata?: Record<string, any>;
}

/** The JSON log lines of the server that contain `text`. */
function logLines(app: N8nApp, text: string): LogLine[] {
	const lines: LogLine[] = [];
	for (const line of app.log.split('\n')) {
		if (!line.startsWith('{') || !line.includes(text)) continue;
		try {
			lines.push(JSON.parse(line) as LogLine);
		} catch {
			// a line still being written
		}
	}
	return lines;
}

export interface EngineView {
	/** When n8n began cancelling the execution (its "Cancelling execution" line). */
	cancellingAt?: number;
	/** When the Cartesia node gave up with an error. */
	nodeFailedAt?: number;
	/** The error the run ended with, as n8n-core judged it. */
	runError?: { name?: string; message?: string };
}

/** What n8n's log says about one execution of one workflow (each runs once per app). */
export function engineView(app: N8nApp, workflowId: string, executionId: string): EngineView {
	const time = (line: LogLine | undefined) => (line?.metadata?.timestamp ? Date.parse(line.metadata.timestamp) : undefined);
	const cancelling = logLines(app, 'Cancelling execution').find((line) => String(line.metadata?.executionId) === executionId);
	const nodeFailed = logLines(app, 'finished with error').find(
		(line) => line.message === `Running node "${CANCEL_NODE}" finished with error` && line.metadata?.workflowId === workflowId,
	);
	const runEnded = logLines(app, 'finished with error').find(
		(line) => line.message === 'Workflow execution finished with error' && line.metadata?.workflowId === workflowId,
	);
	const error = runEnded?.metadata?.error as { name?: string; message?: string } | undefined;
	return {
		cancellingAt: time(cancelling),
		nodeFailedAt: time(nodeFailed),
		runError: error && { name: error.name, message: error.message },
	};
}

export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, ms: number): Promise<number> {
	const started = Date.now();
	while (!(await condition())) {
		if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await sleep(25);
	}
	return Date.now() - started;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
