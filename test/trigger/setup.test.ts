/**
 * Cartesia Agent Trigger → set-up (docs/wire-format.md §9.5): n8n's webhookMethods (checkExists, create,
 * delete) against the stand-in, for activation, test listening and deactivation.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../helpers/cartesia';
import { activateTrigger as activate, deactivateTrigger as deactivate, eventReceiver, hookContext, loadTrigger, triggerSetting, type TriggerSetting } from './contexts';

const standIn = useStandIn({ voiceCount: 3 });
const PRODUCTION_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const TEST_URL = 'http://127.0.0.1:5678/webhook-test/abc/webhook';

const agentId = () => standIn().agents()[0].id;
const attachedTo = () => standIn().agents()[0].webhookId;
const methods = loadTrigger().webhookMethods.default;

function automatic(parameters: Record<string, unknown> = {}, credentials = {}): TriggerSetting {
	return triggerSetting(standIn(), { setUp: 'automatic', agent: { __rl: true, mode: 'list', value: agentId() }, ...parameters }, credentials);
}


describe('Cartesia Agent Trigger: automatic set-up on activation', () => {
	it("creates a webhook for the production URL with a secret of its own, attaches it, and keeps both in static data", async () => {
		const setting = automatic();
		await activate(setting);
		const [webhook] = standIn().webhooks();
		expect(webhook).toMatchObject({ url: PRODUCTION_URL, displayName: 'n8n: Call summaries' });
		expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(attachedTo()).toBe(webhook.id);
		expect(setting.staticData.webhook).toEqual({ id: webhook.id, secret: webhook.secret, agentId: agentId(), url: PRODUCTION_URL });
		// Activated again (n8n restarts): nothing new is created.
		await activate(setting);
		expect(standIn().webhooks()).toHaveLength(1);
	});

	it("refuses, naming the attached webhook, when the agent already has someone else's", async () => {
		const theirs = standIn().attachWebhook(agentId(), { url: 'https://crm.example.com/hook', secret: 'theirs' });
		const error = await activate(automatic()).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain(`already has the webhook ${theirs.id} attached`);
		expect((error as NodeOperationError).description).toContain('Replace Attached Webhook');
		expect(attachedTo()).toBe(theirs.id);
		expect(standIn().webhooks()).toHaveLength(1);
	});

	it('replaces it when the user asked to, and remembers which it replaced', async () => {
		const theirs = standIn().attachWebhook(agentId(), { url: 'https://crm.example.com/hook', secret: 'theirs' });
		const setting = automatic({ replaceAttachedWebhook: true });
		await activate(setting);
		expect(attachedTo()).not.toBe(theirs.id);
		expect(setting.staticData.webhook).toMatchObject({ id: attachedTo(), replacedWebhookId: theirs.id });
	});

	it('never shows the new secret, even when Cartesia echoes it back in a refusal', async () => {
		standIn().inject({ kind: 'echo-body', path: '/agents/webhooks' });
		const error = await activate(automatic()).catch((caught: unknown) => caught);
		const sent = (standIn().requests.find((request) => request.path === '/agents/webhooks')?.json as { secret: string }).secret;
		expect(sent).toMatch(/^[0-9a-f]{64}$/);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toContain('injected echo-body fault');
		expect(JSON.stringify({ message: (error as Error).message, description: (error as NodeApiError).description, context: (error as NodeApiError).context })).not.toContain(sent);
		expect(standIn().agents()[0].webhookId).toBeNull();
	});

	it('refuses an http URL that is not loopback before any request', async () => {
		const error = await activate(automatic(), { url: 'http://n8n.example.com/webhook/abc/webhook' }).catch((caught: unknown) => caught);
		expect((error as Error).message).toContain('https:// URLs only');
		expect(standIn().requests).toHaveLength(0);
	});

	it('on 2025-11-04, fails before any request and says which version to choose', async () => {
		const error = await activate(automatic({}, { apiVersion: '2025-11-04' })).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe(
			'Automatic set-up of the Cartesia Agent Trigger needs Cartesia-Version 2026-03-01 and later; the credential uses 2025-11-04',
		);
		expect((error as NodeOperationError).description).toContain('Choose 2026-08-14');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Cartesia Agent Trigger: deactivation', () => {
	it('detaches, then deletes the webhook it created, and says so in the log', async () => {
		const setting = automatic();
		await activate(setting);
		const id = attachedTo();
		await deactivate(setting);
		expect(attachedTo()).toBeNull();
		expect(standIn().webhooks()).toEqual([]);
		expect(setting.staticData.webhook).toBeUndefined();
		expect(setting.logs).toEqual([`Cartesia Agent Trigger: detached webhook ${id} from agent ${agentId()}; deleted webhook ${id}`]);
	});

	it.each([404, 405] as const)('tolerates %s from the undocumented detach and delete, and reports it', async (status) => {
		const setting = automatic();
		await activate(setting);
		const id = attachedTo();
		standIn().setUnconfirmedAgentEndpoints(status);
		await expect(deactivate(setting)).resolves.toBe(true);
		expect(setting.staticData.webhook).toBeUndefined();
		expect(setting.staticData.lastRemoval).toBe(
			`Cartesia Agent Trigger: could not detach webhook ${id} (Cartesia answered ${status}); could not delete webhook ${id} (Cartesia answered ${status}); remove it in Cartesia if it is still listed`,
		);
	});

	it("leaves someone else's webhook attached if it took the agent over since", async () => {
		const setting = automatic();
		await activate(setting);
		const ours = attachedTo();
		const theirs = standIn().attachWebhook(agentId(), { url: 'https://crm.example.com/hook', secret: 'theirs' });
		await deactivate(setting);
		expect(attachedTo()).toBe(theirs.id);
		expect(standIn().webhooks().map((webhook) => webhook.id)).toEqual([theirs.id]);
		expect(setting.logs[0]).toContain(`no longer had webhook ${ours} attached`);
	});
});

describe('Cartesia Agent Trigger: test listening and manual set-up', () => {
	it('attaches a webhook for the test URL while the agent has none, and removes it when the test ends', async () => {
		const setting = automatic();
		await activate(setting, { mode: 'manual' });
		expect(standIn().webhooks()[0].url).toBe(TEST_URL);
		expect(setting.staticData.testWebhook).toMatchObject({ url: TEST_URL });
		expect(setting.staticData.webhook).toBeUndefined();
		await deactivate(setting, { mode: 'manual' });
		expect(standIn().webhooks()).toEqual([]);
	});

	it('never moves an attached webhook for a test: it says to test with manual set-up', async () => {
		const production = automatic();
		await activate(production);
		const error = await activate(production, { mode: 'manual' }).catch((caught: unknown) => caught);
		expect((error as Error).message).toContain('test events cannot be routed here automatically');
		expect((error as NodeOperationError).description).toContain('Manual set-up');
		expect(standIn().webhooks()).toHaveLength(1);
		expect(standIn().webhooks()[0].url).toBe(PRODUCTION_URL);
	});

	it('with manual set-up, makes no request, and needs the Webhook Secret in the credential', async () => {
		const withSecret = triggerSetting(standIn(), { setUp: 'manual' }, { webhookSecret: 'pasted-in-cartesia' });
		await expect(methods.checkExists.call(hookContext(withSecret))).resolves.toBe(true);
		const withoutSecret = triggerSetting(standIn(), { setUp: 'manual' });
		await expect(methods.checkExists.call(hookContext(withoutSecret))).rejects.toThrow('needs the Webhook Secret in the Cartesia API credential');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Cartesia Agent Trigger: deliveries from the stand-in, end to end', () => {
	it('starts one execution for the right secret, none for a wrong or a missing one', async () => {
		const setting = automatic();
		const receiver = await eventReceiver(setting);
		try {
			await activate(setting, { url: receiver.url });
			expect(standIn().webhooks()[0].url).toBe(receiver.url);
			const right = await standIn().deliver({ agentId: agentId(), type: 'call_completed' });
			const wrong = await standIn().deliver({ agentId: agentId(), type: 'call_completed', secretMode: 'wrong' });
			const missing = await standIn().deliver({ agentId: agentId(), type: 'call_completed', secretMode: 'missing' });
			expect([right.status, wrong.status, missing.status]).toEqual([200, 401, 401]);
			expect(receiver.executions).toHaveLength(1);
			expect(receiver.executions[0][0].json).toMatchObject({ event: 'call_completed', agentId: agentId(), detail: { transcript: expect.any(Array) } });
		} finally {
			await receiver.close();
		}
	});
});
