/**
 * Runs one Cartesia node (after the harness trigger) through the n8n engine against a stand-in.
 */
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { chainWorkflow, runWorkflow, type HarnessItemInput, type RunWorkflowResult } from '../harness';
import { startStandIn, type StandIn, type StandInOptions } from '../standin';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import type { SharedLimiterRegistry } from '../../nodes/Cartesia/transport/sharedLimiters';
import { REPO_ROOT } from '../harness/node-types';

export const CARTESIA_NODE_TYPE = 'n8n-nodes-cartesia.cartesia';

export interface RunCartesiaOptions {
	apiVersion?: ApiVersion;
	/** Items the trigger emits; one empty item by default. */
	items?: HarnessItemInput[];
	/** Sets the node to "On Error: Continue", which makes continueOnFail() true. */
	continueOnFail?: boolean;
	binaryMode?: 'memory' | 'filesystem';
	apiKey?: string;
	baseUrl?: string;
	signal?: AbortSignal;
}

export interface CartesiaRun {
	result: RunWorkflowResult;
	/** The node's output items (empty when the run failed). */
	items: INodeExecutionData[];
	error?: Error & { context?: Record<string, unknown>; description?: string; httpCode?: string | null };
}

export async function runCartesia(
	standIn: StandIn,
	parameters: Record<string, unknown>,
	options: RunCartesiaOptions = {},
): Promise<CartesiaRun> {
	const workflow = chainWorkflow([
		{
			name: 'Cartesia',
			type: CARTESIA_NODE_TYPE,
			parameters: parameters as never,
			credentials: ['cartesiaApi'],
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	]);
	const result = await runWorkflow({
		workflow,
		credentials: {
			cartesiaApi: {
				apiKey: options.apiKey ?? standIn.apiKey,
				apiVersion: options.apiVersion ?? '2025-11-04',
				baseUrl: options.baseUrl ?? standIn.url,
			},
		},
		triggerItems: options.items ?? [{}],
		binaryMode: options.binaryMode ?? 'memory',
		signal: options.signal,
	});
	return {
		result,
		items: result.error ? [] : result.output('Cartesia'),
		error: result.error as CartesiaRun['error'],
	};
}

/** A Resource Locator value as the editor stores it. */
export function byId(id: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: id };
}

/**
 * The shared limiter registry of the package the harness loaded (dist/, the copy n8n-core requires),
 * which tests inspect and reset: a process keeps what it learned of a plan between executions.
 */
export function loadedSharedLimiters(): SharedLimiterRegistry {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(join(REPO_ROOT, 'dist/nodes/Cartesia/transport/sharedLimiters.js')) as typeof import('../../nodes/Cartesia/transport/sharedLimiters')).sharedLimiters;
}

/** One stand-in per test file, reset (with what the process learned of its plan) before each test. */
export function useStandIn(options?: StandInOptions): () => StandIn {
	let standIn: StandIn | undefined;
	beforeAll(async () => {
		standIn = await startStandIn(options);
	});
	beforeEach(() => {
		standIn?.reset();
		loadedSharedLimiters().clear();
	});
	afterAll(async () => await standIn?.close());
	return () => {
		if (!standIn) throw new Error('The stand-in has not started');
		return standIn;
	};
}

/** The value of a query parameter the stand-in recorded (all values when repeated). */
export function queryValues(request: { query: Array<[string, string]> }, name: string): string[] {
	return request.query.filter(([key]) => key === name).map(([, value]) => value);
}
