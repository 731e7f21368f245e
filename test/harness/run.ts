/**
 * Runs a workflow through n8n-core's real `WorkflowExecute`, in process.
 */
import './env';

import type { Readable } from 'node:stream';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import * as n8nWorkflow from 'n8n-workflow';
import { UserError, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { BinaryMode, HarnessBinaryStore } from './binary';
import { binaryPath, binaryStream, installBinaryStore, readBinary } from './binary';
import type { CredentialAccess, HarnessCredentials } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessItemInput } from './harness-nodes';
import {
	HARNESS_SET_TYPE,
	HARNESS_TRIGGER_TYPE,
	createItemsTriggerType,
	createSetType,
} from './harness-nodes';
import { HarnessCredentialTypes, HarnessNodeTypes, REPO_ROOT, loadPackage } from './node-types';
import type { LoadedPackage } from './node-types';
import { HARNESS_AGENT_TYPE, createAgentType } from './tool';
import type { WorkflowJson } from './workflow';

export interface RunWorkflowOptions {
	/** Workflow JSON as n8n exports it (`nodes`, `connections`, optional `settings`, `pinData`). Not mutated. */
	workflow: WorkflowJson;
	/** Community package folder with `package.json#n8n` and built `dist/`. Default: the repository root. */
	packageDir?: string;
	/** Fixture credentials by credential type name (a node's credential id also matches). */
	credentials?: HarnessCredentials;
	/** Items emitted by every `harness.itemsTrigger` node (overrides their `items` parameter). */
	triggerItems?: HarnessItemInput[];
	/** `memory` (default): binaries inline as base64. `filesystem`: on disk, items carry an id. */
	binaryMode?: BinaryMode;
	/** Storage folder in filesystem mode (default: a temporary folder removed at process exit). */
	binaryDir?: string;
	/** Name of the node to start from. Default: the first harness trigger, else the first node without inputs. */
	startNode?: string;
	/** Aborting cancels the execution; the result then has status `canceled`. */
	signal?: AbortSignal;
	/** Execution mode seen by nodes. Default `manual`. */
	mode?: WorkflowExecuteMode;
	/** Extra node types (full type name → type), e.g. test doubles. */
	extraNodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types. */
	extraCredentialTypes?: ICredentialType[];
	/** Fields merged into the `additionalData` given to the engine. */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	/**
	 * `run` (default): `WorkflowExecute.run({ workflow, startNode })`.
	 * `processRunExecutionData`: builds the execution stack itself and calls `processRunExecutionData`.
	 */
	engineEntry?: 'run' | 'processRunExecutionData';
}

export interface HarnessNodeEvent {
	event: 'before' | 'after';
	nodeName: string;
	status?: ITaskData['executionStatus'];
}

export interface RunWorkflowResult {
	run: IRun;
	status: IRun['status'];
	/** `main[outputIndex]` of the node's last run (or of `runIndex`); `[]` if it did not run. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** All task data of a node (one per run). */
	taskData(nodeName: string): ITaskData[];
	/** Names of the nodes that ran, in order. */
	executedNodes: string[];
	/** Lifecycle hook events, in order. */
	events: HarnessNodeEvent[];
	/** The workflow's error if it failed (the node's original error object when available). */
	error?: Error;
	/** The node the error came from. */
	errorNode?: string;
	/** Reads a binary property (default `data`) in either mode. */
	readBinary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	binaryStream(item: INodeExecutionData, property?: string): Promise<Readable>;
	/** Path of a binary stored on disk (filesystem mode), otherwise `undefined`. */
	binaryPath(item: INodeExecutionData, property?: string): string | undefined;
	binaryMode: BinaryMode;
	/** Storage folder in filesystem mode. */
	binaryDir?: string;
	/** Credential lookups the engine made. */
	credentialAccesses: CredentialAccess[];
	/** The loaded community package. */
	package: LoadedPackage;
	executionId: string;
}

const BASE_URL = 'http://127.0.0.1:5678';
let executionCounter = 0;

function harnessNodeTypes(triggerItems?: HarnessItemInput[]): Record<string, INodeType> {
	return {
		[HARNESS_TRIGGER_TYPE]: createItemsTriggerType(triggerItems),
		[HARNESS_SET_TYPE]: createSetType(),
		[HARNESS_AGENT_TYPE]: createAgentType(),
	};
}

function normalizeNodes(json: WorkflowJson, nodeTypes: HarnessNodeTypes): INode[] {
	const seen = new Set<string>();
	return json.nodes.map((node, index) => {
		if (!node.name) throw new UserError(`Workflow node #${index} has no name`);
		if (seen.has(node.name)) throw new UserError(`Duplicate node name "${node.name}"`);
		seen.add(node.name);
		return {
			...node,
			id: node.id ?? `harness-node-${index}`,
			typeVersion: node.typeVersion ?? nodeTypes.defaultVersion(node.type),
			position: node.position ?? [index * 220, 0],
			parameters: node.parameters ?? {},
		} as INode;
	});
}

function pickStartNode(workflow: Workflow, nodes: INode[], requested?: string): INode | undefined {
	if (requested !== undefined) {
		const node = workflow.getNode(requested);
		if (!node) throw new UserError(`Start node "${requested}" is not in the workflow`);
		return node;
	}
	const enabled = nodes.filter((node) => !node.disabled);
	const trigger = enabled.find((node) => node.type === HARNESS_TRIGGER_TYPE);
	if (trigger) return workflow.getNode(trigger.name) ?? undefined;
	const withoutInputs = enabled.find(
		(node) => !workflow.connectionsByDestinationNode[node.name]?.main?.some((c) => c?.length),
	);
	return withoutInputs ? (workflow.getNode(withoutInputs.name) ?? undefined) : undefined;
}

function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
	workflowId: string,
	overrides: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new UserError(`${what} is not supported by the n8n harness`);
	};
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		variables: {},
		executeWorkflow: unsupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: unsupported('The task runner (Code node)'),
		...overrides,
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * n8n stores errors in run data as plain objects (`{ ...error, message, stack }`). Rebuild an
 * object with the original class (looked up by `name` among n8n-workflow's error classes, so
 * `instanceof NodeOperationError` works) and all recorded fields.
 */
function toError(error: ExecutionError | IDataObject): Error {
	if (error instanceof Error) return error;
	const plain = error as IDataObject;
	const name = typeof plain.name === 'string' ? plain.name : 'Error';
	const candidate = (n8nWorkflow as unknown as Record<string, unknown>)[name];
	const ErrorClass =
		typeof candidate === 'function' && candidate.prototype instanceof Error
			? (candidate as new () => Error)
			: Error;
	const result = Object.create(ErrorClass.prototype) as Error;
	Object.assign(result, plain);
	result.message = String(plain.message ?? 'Workflow execution failed');
	if (typeof plain.stack === 'string') result.stack = plain.stack;
	return result;
}

function findError(run: IRun): { error?: Error; errorNode?: string } {
	const failure = run.data.resultData.error;
	if (!failure) return {};
	const failureNode = (failure as { node?: { name?: string } }).node?.name;
	const runData = run.data.resultData.runData;
	const candidates = failureNode ? [failureNode] : Object.keys(runData);
	for (const nodeName of candidates) {
		for (const task of [...(runData[nodeName] ?? [])].reverse()) {
			if (task.error && task.error.message === failure.message) {
				return { error: toError(task.error), errorNode: nodeName };
			}
		}
	}
	return { error: toError(failure), errorNode: failureNode ?? run.data.resultData.lastNodeExecuted };
}

/**
 * Runs `options.workflow` with the community package loaded from `package.json#n8n`
 * and returns the engine's `IRun` plus accessors.
 *
 * Binary storage is process-wide in n8n-core (one `BinaryDataService` in its container),
 * so runs with different `binaryMode`s must not overlap in time.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
	const pkg = await loadPackage(options.packageDir ?? REPO_ROOT);
	const nodeTypes = new HarnessNodeTypes([pkg], {
		...harnessNodeTypes(options.triggerItems),
		...(options.extraNodeTypes ?? {}),
	});
	const credentialTypes = new HarnessCredentialTypes([pkg], options.extraCredentialTypes);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, nodeTypes, options.credentials);

	const json = JSON.parse(JSON.stringify(options.workflow)) as WorkflowJson;
	const nodes = normalizeNodes(json, nodeTypes);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...(json.settings ?? {}) };
	const workflowId = json.id ?? 'harness-workflow';
	const workflow = new Workflow({
		id: workflowId,
		name: json.name ?? 'Harness workflow',
		nodes,
		connections: json.connections ?? {},
		active: false,
		nodeTypes,
		settings,
		staticData: json.staticData as IDataObject | undefined,
		pinData: json.pinData,
	});
	const startNode = pickStartNode(workflow, nodes, options.startNode);

	const binaryMode = options.binaryMode ?? 'memory';
	const store: HarnessBinaryStore = await installBinaryStore(binaryMode, options.binaryDir);

	const mode = options.mode ?? 'manual';
	const executionId = String(++executionCounter);
	const workflowData = {
		id: workflowId,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: workflow.connectionsBySourceNode,
		settings,
	} satisfies IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const events: HarnessNodeEvent[] = [];
	const executedNodes: string[] = [];
	let resolveFinished: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('nodeExecuteBefore', (nodeName) => {
		events.push({ event: 'before', nodeName });
	});
	hooks.addHandler('nodeExecuteAfter', (nodeName, data) => {
		events.push({ event: 'after', nodeName, status: data.executionStatus });
		executedNodes.push(nodeName);
	});
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

	const additionalData = buildAdditionalData(
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		options.additionalData,
	);

	let execution: ReturnType<WorkflowExecute['run']>;
	if (options.engineEntry === 'processRunExecutionData') {
		if (!startNode) throw new UserError('No start node found');
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
			},
		});
		execution = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	} else {
		execution = new WorkflowExecute(additionalData, mode).run({ workflow, startNode });
	}

	let run: IRun;
	const { signal } = options;
	if (signal) {
		// On cancel n8n resolves through the workflowExecuteAfter hook right away, but the run
		// promise itself waits for the current node; take whichever comes first.
		const cancelled = new Promise<IRun>((resolve) => {
			const onAbort = () => {
				execution.cancel();
				void finished.then(resolve);
			};
			if (signal.aborted) onAbort();
			else signal.addEventListener('abort', onAbort, { once: true });
			void execution.finally(() => signal.removeEventListener('abort', onAbort)).catch(() => undefined);
		});
		run = await Promise.race([execution, cancelled]);
	} else {
		run = await execution;
	}

	const runData = run.data.resultData.runData;
	const { error, errorNode } = findError(run);
	return {
		run,
		status: run.status,
		output(nodeName, outputIndex = 0, runIndex) {
			const tasks = runData[nodeName] ?? [];
			const task = runIndex === undefined ? tasks.at(-1) : tasks[runIndex];
			return task?.data?.main?.[outputIndex] ?? [];
		},
		taskData: (nodeName) => runData[nodeName] ?? [],
		executedNodes,
		events,
		error,
		errorNode,
		readBinary: async (item, property) => await readBinary(store, item, property),
		binaryStream: async (item, property) => await binaryStream(store, item, property),
		binaryPath: (item, property) => binaryPath(store, item, property),
		binaryMode,
		binaryDir: store.dir,
		credentialAccesses: credentialsHelper.accesses,
		package: pkg,
		executionId,
	};
}
