/**
 * Stand-ins for the contexts n8n hands the Cartesia Agent Trigger: IWebhookFunctions (a delivery) and
 * IHookFunctions (set-up on activation, test listening and deactivation). Only what the trigger calls is
 * implemented; the real app runs it in test/e2e/trigger.e2e.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { IDataObject, IHookFunctions, INode, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { REPO_ROOT } from '../harness/node-types';

import type { ApiVersion } from '../../nodes/Cartesia/versions';
import type { StandIn } from '../standin';

export const TRIGGER_NODE: INode = {
	id: 'trigger-1',
	name: 'Cartesia Agent Trigger',
	type: 'n8n-nodes-cartesia.cartesiaAgentTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface TriggerSetting {
	parameters: Record<string, unknown>;
	staticData: IDataObject;
	credentials: { apiKey: string; apiVersion: ApiVersion; baseUrl: string; webhookSecret?: string };
	logs: string[];
}

export function triggerSetting(standIn: StandIn, parameters: Record<string, unknown>, credentials: Partial<TriggerSetting['credentials']> = {}): TriggerSetting {
	return {
		parameters,
		staticData: {},
		credentials: { apiKey: standIn.apiKey, apiVersion: '2026-08-14', baseUrl: standIn.url, ...credentials },
		logs: [],
	};
}

function parameter(setting: TriggerSetting) {
	return (name: string, fallback?: unknown) => (name in setting.parameters ? setting.parameters[name] : fallback);
}

export interface HookOptions {
	/** n8n's test listening (`manual`) or an activation (`trigger`). */
	mode?: 'manual' | 'trigger';
	url?: string;
}

export function hookContext(setting: TriggerSetting, options: HookOptions = {}): IHookFunctions {
	const mode = options.mode ?? 'trigger';
	const url = options.url ?? `http://127.0.0.1:5678/${mode === 'manual' ? 'webhook-test' : 'webhook'}/abc/webhook`;
	const log = (message: string) => setting.logs.push(message);
	return {
		getMode: () => mode,
		getActivationMode: () => (mode === 'manual' ? 'manual' : 'activate'),
		getNode: () => TRIGGER_NODE,
		getWorkflow: () => ({ id: 'wf-1', name: 'Call summaries', active: mode !== 'manual' }),
		getNodeWebhookUrl: () => url,
		getNodeParameter: parameter(setting),
		getCredentials: async () => ({ ...setting.credentials }),
		getWorkflowStaticData: () => setting.staticData,
		logger: { info: log, warn: log, error: log, debug: log },
	} as unknown as IHookFunctions;
}

export interface Delivered {
	headers?: Record<string, string>;
	body: unknown;
}

export interface WebhookAnswer {
	status?: number;
	json?: unknown;
}

export function webhookContext(setting: TriggerSetting, delivered: Delivered, answer: WebhookAnswer): IWebhookFunctions {
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		json(value: unknown) {
			answer.json = value;
			return response;
		},
	};
	return {
		getMode: () => 'webhook',
		getNode: () => TRIGGER_NODE,
		getNodeParameter: parameter(setting),
		getCredentials: async () => ({ ...setting.credentials }),
		getWorkflowStaticData: () => setting.staticData,
		getHeaderData: () => delivered.headers ?? {},
		getBodyData: () => delivered.body,
		getResponseObject: () => response,
	} as unknown as IWebhookFunctions;
}

type TriggerClass = typeof import('../../nodes/CartesiaAgentTrigger/CartesiaAgentTrigger.node').CartesiaAgentTrigger;

/**
 * The trigger as the package ships it (dist/, built by `npm test` first), as the engine tests load the
 * Cartesia node; requiring the source by its `.node` name would find the codex JSON beside it under tsx.
 */
export function loadTrigger(): InstanceType<TriggerClass> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { CartesiaAgentTrigger } = require(join(REPO_ROOT, 'dist', 'nodes', 'CartesiaAgentTrigger', 'CartesiaAgentTrigger.node.js')) as { CartesiaAgentTrigger: TriggerClass };
	return new CartesiaAgentTrigger();
}

const trigger = loadTrigger();
const methods = trigger.webhookMethods.default;

/** What n8n does on activation (or test listening): checkExists, then create if it said no. */
export async function activateTrigger(setting: TriggerSetting, options: HookOptions = {}): Promise<void> {
	const context = hookContext(setting, options);
	if (!(await methods.checkExists.call(context))) await methods.create.call(context);
}

/** What n8n does on deactivation (or when a test ends). */
export async function deactivateTrigger(setting: TriggerSetting, options: HookOptions = {}): Promise<boolean> {
	return await methods.delete.call(hookContext(setting, options));
}

export interface EventReceiver {
	/** The trigger's URL, as n8n would give it: http on loopback. */
	url: string;
	/** The items each accepted delivery would have started an execution with. */
	executions: INodeExecutionData[][];
	close(): Promise<void>;
}

/**
 * An HTTP endpoint on 127.0.0.1 that hands every POST to the trigger's webhook function, as n8n's
 * webhook server does, and answers what it answers.
 */
export async function eventReceiver(setting: TriggerSetting): Promise<EventReceiver> {
	const executions: INodeExecutionData[][] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			let body: unknown = {};
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				body = {};
			}
			const answer: WebhookAnswer = {};
			const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)]));
			trigger
				.webhook.call(webhookContext(setting, { headers, body }, answer))
				.then((result) => {
					if (result.workflowData) executions.push(result.workflowData[0]);
					res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
					res.end(JSON.stringify(answer.json ?? result.webhookResponse ?? { message: 'Workflow was started' }));
				})
				.catch((error: Error) => {
					res.writeHead(500);
					res.end(error.message);
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/0f1c2d3e/webhook`,
		executions,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
