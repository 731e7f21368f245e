import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { agentPath, WEBHOOKS_PATH, webhookPath, type AgentSummary } from '../Cartesia/helpers/agents';
import { locatorRawValue } from '../Cartesia/helpers/validation';
import { CartesiaClient } from '../Cartesia/transport';
import { CREDENTIAL_TYPE, toCartesiaCredentials, webhookSecretOf } from '../Cartesia/transport/credentials';
import { webhookUrlProblem } from '../Cartesia/transport/url';
import { operationVersionProblem, versionSupports } from '../Cartesia/versions';
import { newWebhookSecret } from './secret';

/**
 * The trigger's set-up with Cartesia, run by n8n on activation (production URL) and when listening for a
 * test event (test URL). Automatic set-up creates a webhook for the URL with a secret of its own, attaches
 * it to the agent and keeps both in the workflow's static data; deactivation detaches and deletes it.
 * An agent has one webhook, so someone else's is never replaced unless the user asked for it.
 */

/** What automatic set-up created, kept in the node's static data. The secret never leaves it but to Cartesia. */
export interface CreatedWebhook extends IDataObject {
	id: string;
	secret: string;
	agentId: string;
	url: string;
	/** The webhook that was attached before, when the user asked to replace it. */
	replacedWebhookId?: string;
}

type SetUp = 'automatic' | 'manual';

/** Test listening and production keep their webhooks apart, so ending a test never touches production's. */
const slotKey = (context: IHookFunctions) => (isTestListening(context) ? 'testWebhook' : 'webhook');

export function isTestListening(context: IHookFunctions): boolean {
	return context.getMode() === 'manual';
}

export function createdWebhook(staticData: IDataObject, key: 'webhook' | 'testWebhook'): CreatedWebhook | undefined {
	const stored = staticData[key] as CreatedWebhook | undefined;
	return stored && typeof stored.id === 'string' && typeof stored.secret === 'string' ? stored : undefined;
}

/** Errors from the transport are n8n's already; anything else is wrapped, so the user sees one kind. */
function nodeError(context: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

function fail(context: IHookFunctions, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw fail(context, 'n8n gave this trigger no webhook URL');
	const problem = webhookUrlProblem(url);
	if (problem) throw fail(context, problem);
	return url;
}

async function automaticClient(context: IHookFunctions, secrets: string[] = []): Promise<CartesiaClient> {
	const credentials = toCartesiaCredentials(await context.getCredentials(CREDENTIAL_TYPE));
	if (!versionSupports(credentials.apiVersion, 'agentWebhooks')) {
		const { message, description } = operationVersionProblem('Automatic set-up of the Cartesia Agent Trigger', 'agentWebhooks', credentials.apiVersion);
		throw fail(context, message, description);
	}
	return new CartesiaClient({ credentials, node: context.getNode(), secrets });
}

function agentIdOf(context: IHookFunctions): string {
	const raw = locatorRawValue(context.getNodeParameter('agent', ''));
	const id = typeof raw === 'string' ? raw.trim() : '';
	if (!id || id === '.' || id === '..' || id.includes('/')) throw fail(context, '"Agent" is not set', 'Choose the agent whose calls start this workflow.');
	return id;
}

async function readAgent(client: CartesiaClient, agentId: string): Promise<AgentSummary> {
	return await client.json<AgentSummary>({ method: 'GET', path: agentPath(agentId), retry: 'repeatable' });
}

/** A 404 or 405 from an endpoint Cartesia does not document (detach, delete): tolerated, and said so. */
function unsupportedStatus(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const status = String(error.httpCode ?? '');
	return status === '404' || status === '405' ? status : undefined;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	if ((this.getNodeParameter('setUp', 'automatic') as SetUp) === 'manual') {
		const secret = webhookSecretOf(await this.getCredentials(CREDENTIAL_TYPE));
		if (!secret) {
			throw fail(
				this,
				'Manual set-up needs the Webhook Secret in the Cartesia API credential',
				"Enter there the secret you gave the webhook in Cartesia: deliveries without it are refused. Or choose Automatic set-up.",
			);
		}
		// Nothing to create: the user pasted the URL into Cartesia.
		return true;
	}
	const client = await automaticClient(this);
	const agentId = agentIdOf(this);
	const agent = await readAgent(client, agentId);
	const ours = createdWebhook(this.getWorkflowStaticData('node'), slotKey(this));
	if (ours && ours.agentId === agentId && ours.url === url && agent.webhook_id === ours.id) return true;
	if (isTestListening(this) && agent.webhook_id) {
		throw fail(
			this,
			`The agent already has the webhook ${agent.webhook_id} attached, so test events cannot be routed here automatically`,
			"Automatic set-up attaches a webhook for test listening only while the agent has none, and never moves the production one. To test, choose Manual set-up (paste the test URL into Cartesia), or use the production URL with the workflow active.",
		);
	}
	return false;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	const secret = newWebhookSecret();
	// The secret travels in the create request: an error echoing it must not show it.
	const client = await automaticClient(this, [secret]);
	const agentId = agentIdOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const key = slotKey(this);
	const previous = createdWebhook(staticData, key);
	const agent = await readAgent(client, agentId);
	const attached = agent.webhook_id || undefined;
	const replace = this.getNodeParameter('replaceAttachedWebhook', false) as boolean;
	if (attached && attached !== previous?.id && !replace) {
		throw fail(
			this,
			`The agent ${agent.name ? `"${agent.name}" ` : ''}(${agentId}) already has the webhook ${attached} attached`,
			'An agent has one webhook, and this one is not the trigger\'s. Detach it in Cartesia, or turn on "Replace Attached Webhook" to attach the trigger\'s in its place (the other webhook then no longer receives this agent\'s events).',
		);
	}
	const created = await client.json<{ id?: string }>({
		method: 'POST',
		path: WEBHOOKS_PATH,
		json: { url, secret, display_name: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id ?? 'workflow'}`.slice(0, 100) },
		// A resent create whose first copy arrived would leave a second webhook behind.
		retry: 'once',
	});
	if (typeof created.id !== 'string' || !created.id) throw fail(this, 'Cartesia created the webhook but gave no ID for it');
	try {
		await client.json({ method: 'PATCH', path: agentPath(agentId), json: { webhook_id: created.id }, retry: 'repeatable' });
	} catch (error) {
		// Not attached: take the new webhook away again (best effort), and say why activation failed.
		await client.json({ method: 'DELETE', path: webhookPath(created.id), retry: 'once' }).catch(() => undefined);
		throw nodeError(this, error);
	}
	const stored: CreatedWebhook = { id: created.id, secret, agentId, url };
	if (attached && attached !== previous?.id) stored.replacedWebhookId = attached;
	staticData[key] = stored;
	if (previous && previous.id !== created.id) await removeWebhook(this, client, previous);
	return true;
}

/**
 * Detaches the webhook from the agent (only if it is still the one attached), then deletes it. Neither
 * endpoint is documented, so a 404 or 405 is tolerated; what happened is logged either way.
 */
async function removeWebhook(context: IHookFunctions, client: CartesiaClient, webhook: CreatedWebhook): Promise<string> {
	const steps: string[] = [];
	try {
		const agent = await readAgent(client, webhook.agentId);
		if (agent.webhook_id === webhook.id) {
			await client.json({ method: 'PATCH', path: agentPath(webhook.agentId), json: { webhook_id: null }, retry: 'repeatable' });
			steps.push(`detached webhook ${webhook.id} from agent ${webhook.agentId}`);
		} else {
			steps.push(`agent ${webhook.agentId} no longer had webhook ${webhook.id} attached`);
		}
	} catch (error) {
		const status = unsupportedStatus(error);
		if (!status) throw nodeError(context, error);
		steps.push(`could not detach webhook ${webhook.id} (Cartesia answered ${status})`);
	}
	try {
		await client.json({ method: 'DELETE', path: webhookPath(webhook.id), retry: 'once' });
		steps.push(`deleted webhook ${webhook.id}`);
	} catch (error) {
		const status = unsupportedStatus(error);
		if (!status) throw nodeError(context, error);
		steps.push(`could not delete webhook ${webhook.id} (Cartesia answered ${status}); remove it in Cartesia if it is still listed`);
	}
	const report = `Cartesia Agent Trigger: ${steps.join('; ')}`;
	context.logger.info(report);
	return report;
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const key = slotKey(this);
	const ours = createdWebhook(staticData, key);
	if (!ours) return true;
	const client = await automaticClient(this);
	staticData.lastRemoval = await removeWebhook(this, client, ours);
	delete staticData[key];
	return true;
}
