/**
 * Cartesia Agent Trigger → a delivery (docs/wire-format.md §9.6): the secret is checked in constant time (401
 * and no execution otherwise), chosen events become one item each, the rest are acknowledged and dropped.
 */
import type { IDataObject } from 'n8n-workflow';

import { useStandIn } from '../helpers/cartesia';
import { agentEventBody, type StoredCall } from '../standin';
import { loadTrigger, triggerSetting, webhookContext, type TriggerSetting, type WebhookAnswer } from './contexts';

const standIn = useStandIn({ voiceCount: 3 });
const SECRET = 'a3f9c0ffee0123456789abcdef0123456789abcdef0123456789abcdef012345';

const agentId = () => standIn().agents()[0].id;
const completedCall = (): StoredCall => standIn().calls(agentId()).find((call) => call.status === 'completed')!;

function automatic(parameters: Record<string, unknown> = {}): TriggerSetting {
	const setting = triggerSetting(standIn(), { setUp: 'automatic', agent: { __rl: true, mode: 'id', value: agentId() }, ...parameters });
	setting.staticData.webhook = { id: 'wh_1', secret: SECRET, agentId: agentId(), url: 'http://127.0.0.1:5678/webhook/abc/webhook' };
	return setting;
}

async function deliver(setting: TriggerSetting, body: unknown, secret: string | null = SECRET) {
	const answer: WebhookAnswer = {};
	const headers: Record<string, string> = secret === null ? {} : { 'x-webhook-secret': secret };
	const result = await loadTrigger().webhook.call(webhookContext(setting, { headers, body }, answer));
	return { result, answer };
}

describe('Cartesia Agent Trigger: the secret', () => {
	it('starts one execution for a call_completed with the right secret, the secret nowhere in it', async () => {
		const call = completedCall();
		const body = agentEventBody('call_completed', call, 'type');
		const { result, answer } = await deliver(automatic(), body);
		expect(answer.status).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
		const items = result.workflowData![0];
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ event: 'call_completed', agentId: agentId(), callId: call.id, body });
		const detail = items[0].json.detail as IDataObject;
		expect(detail).toMatchObject({ id: call.id, status: 'completed', end_reason: 'hangup' });
		expect(detail.transcript).toEqual(call.transcript.map(({ role, text, start, end }) => ({ role, text, start, end })));
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	it.each([
		['a wrong secret', SECRET.replace(/.$/, '0')],
		['a secret of another length', `${SECRET}0`],
		['no secret', null],
		['an empty secret', ''],
	])('answers 401 and starts nothing for %s', async (_, secret) => {
		const { result, answer } = await deliver(automatic(), agentEventBody('call_completed', completedCall(), 'type'), secret);
		expect(answer).toEqual({ status: 401, json: { error: 'Missing or wrong X-Webhook-Secret' } });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('with manual set-up, takes the Webhook Secret of the credential, and refuses everything without one', async () => {
		const body = agentEventBody('call_completed', completedCall(), 'type');
		const manual = triggerSetting(standIn(), { setUp: 'manual' }, { webhookSecret: 'from-the-credential' });
		expect((await deliver(manual, body, 'from-the-credential')).result.workflowData).toHaveLength(1);
		expect((await deliver(manual, body, SECRET)).answer.status).toBe(401);
		const noSecret = triggerSetting(standIn(), { setUp: 'manual' });
		expect((await deliver(noSecret, body, '')).answer.status).toBe(401);
		expect((await deliver(noSecret, body, 'anything')).answer.status).toBe(401);
	});
});

describe('Cartesia Agent Trigger: which events start the workflow', () => {
	it('drops call turns by default, acknowledging them', async () => {
		const { result, answer } = await deliver(automatic(), agentEventBody('call_turn', completedCall(), 'type'));
		expect(result).toEqual({ webhookResponse: { received: true } });
		expect(answer.status).toBeUndefined();
	});

	it('outputs a chosen call turn as role, text, start and end', async () => {
		const call = completedCall();
		const { result } = await deliver(automatic({ events: ['call_turn'] }), agentEventBody('call_turn', call, 'type'));
		expect(result.workflowData![0][0].json).toMatchObject({
			event: 'call_turn',
			callId: call.id,
			detail: { role: 'assistant', text: call.transcript[0].text, start: 0, end: call.transcript[0].end, wasInterrupted: false },
		});
	});

	it('outputs the summary of a post-call analysis', async () => {
		const call = completedCall();
		const { result } = await deliver(automatic(), agentEventBody('post_call_analysis', call, 'type'));
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'post_call_analysis', callId: call.id, detail: { summary: call.summary } });
	});

	it('reads the event name from `event` when `type` is absent', async () => {
		const { result } = await deliver(automatic(), agentEventBody('call_failed', completedCall(), 'event'));
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'call_failed', detail: { end_reason: 'error' } });
	});

	it.each([
		['an unknown type', { type: 'call_transferred', call_id: 'ac_1' }],
		['no type at all', { hello: 'world' }],
		['a body that is not an object', 'not json'],
	])('acknowledges %s and never fails', async (_, body) => {
		const { result } = await deliver(automatic(), body);
		expect(result).toEqual({ webhookResponse: { received: true } });
	});

	it("drops an event about another agent (a shared webhook): automatic set-up listens for one agent", async () => {
		const other = standIn().calls(standIn().agents()[1].id)[0];
		const { result } = await deliver(automatic(), agentEventBody('call_completed', other, 'type'));
		expect(result.workflowData).toBeUndefined();
	});
});
