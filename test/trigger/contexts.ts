/**
 * Stand-ins for the contexts n8n hands the Cartesia Trigger: IWebhookFunctions (a delivery) and
 * IHookFunctions (set-up on activation, test listening and deactivation). Only what the trigger calls is
 * implemented; the real app runs it in test/e2e/trigger.e2e.ts.
 */
import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

import type { ApiVersion } from '../../nodes/Cartesia/versions';
import type { StandIn } from '../standin';

export const TRIGGER_NODE: INode = {
	id: 'trigger-1',
	name: 'Cartesia Trigger',
	type: 'n8n-nodes-cartesia.cartesiaTrigger',
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
