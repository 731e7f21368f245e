import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { agentLocator } from '../Cartesia/descriptions/agentLocator';
import { locatorRawValue } from '../Cartesia/helpers/validation';
import { credentialTest, listSearch } from '../Cartesia/methods';
import { CREDENTIAL_TYPE, webhookSecretOf } from '../Cartesia/transport/credentials';
import { AGENT_EVENTS, DEFAULT_EVENTS, eventJson, eventName, isAgentEventType } from './events';
import { SECRET_HEADER, secretMatches } from './secret';
import { checkExists, create, createdWebhook, deleteWebhook } from './setup';

/**
 * Starts a workflow on a Cartesia voice agent's call events (docs/wire-format.md §9.6). Every delivery
 * must carry the webhook's secret in X-Webhook-Secret, or it gets a 401 and starts nothing. Cartesia
 * is answered at once (its retry policy is undocumented); unknown and unchosen events are acknowledged
 * and dropped, never failed.
 */
export class CartesiaAgentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cartesia Agent Trigger',
		name: 'cartesiaAgentTrigger',
		icon: { light: 'file:../../icons/cartesia.svg', dark: 'file:../../icons/cartesia.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["setUp"] === "manual" ? "Manual set-up" : "Agent calls" }}',
		description: "Starts the workflow when a Cartesia voice agent's call starts, ends or is analysed",
		defaults: { name: 'Cartesia Agent Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartesiaApi', required: true, testedBy: 'cartesiaApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Set-Up',
				name: 'setUp',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: "On activation, create a Cartesia webhook for this trigger's production URL and attach it to the agent",
					},
					{
						name: 'Manual',
						value: 'manual',
						description: "Paste this trigger's URL into a Cartesia webhook yourself; the secret comes from the credential",
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'Create a webhook in Cartesia with this node\'s URL (above) and a secret, attach it to your agent, and enter the same secret as "Webhook Secret" in the Cartesia API credential. Deliveries without it are refused.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setUp: ['manual'] } },
			},
			{
				...agentLocator({ name: 'agent', displayName: 'Agent' }),
				description: 'The voice agent whose calls start this workflow (Cartesia-Version 2026-03-01 and later)',
				displayOptions: { show: { setUp: ['automatic'] } },
			},
			{
				displayName: 'Replace Attached Webhook',
				name: 'replaceAttachedWebhook',
				type: 'boolean',
				default: false,
				description:
					"Whether to attach this trigger's webhook even when the agent already has another one (an agent has one webhook: the other then stops receiving its events)",
				displayOptions: { show: { setUp: ['automatic'] } },
			},
			{
				displayName:
					'Test listening sets up automatically only while the agent has no webhook attached; otherwise test with Manual set-up.',
				name: 'testNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setUp: ['automatic'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [...AGENT_EVENTS],
				default: ['call_started', 'call_completed', 'call_failed', 'post_call_analysis'],
				description: 'Which events start the workflow; others are acknowledged and dropped. Call Turn runs the workflow once per turn.',
			},
		],
	};

	methods = { listSearch, credentialTest };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const staticData = this.getWorkflowStaticData('node');
		const setUp = this.getNodeParameter('setUp', 'automatic') as string;
		const expected =
			setUp === 'manual'
				? [webhookSecretOf(await this.getCredentials(CREDENTIAL_TYPE))]
				: [createdWebhook(staticData, 'webhook')?.secret, createdWebhook(staticData, 'testWebhook')?.secret];
		if (!secretMatches(this.getHeaderData()[SECRET_HEADER], expected)) {
			this.getResponseObject().status(401).json({ error: 'Missing or wrong X-Webhook-Secret' });
			return { noWebhookResponse: true };
		}

		const body = this.getBodyData() ?? {};
		const type = eventName(body);
		const chosen = this.getNodeParameter('events', DEFAULT_EVENTS) as string[];
		if (!isAgentEventType(type) || !chosen.includes(type)) return { webhookResponse: { received: true } };
		const json = eventJson(type, body as IDataObject);
		// Automatic set-up listens for one agent: an event about another (a shared webhook) is not ours.
		const agentId = setUp === 'automatic' ? locatorRawValue(this.getNodeParameter('agent', '')) : undefined;
		if (typeof agentId === 'string' && agentId && json.agentId && json.agentId !== agentId) {
			return { webhookResponse: { received: true } };
		}
		return { workflowData: [[{ json }]] };
	}
}
