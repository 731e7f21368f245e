/**
 * Agent events as Cartesia delivers them (docs/wire-format.md §9.6): a JSON POST to the webhook's URL
 * with `X-Webhook-Secret: <secret>`. The envelope is unconfirmed; this one names the event in `type` (or
 * `event`), carries the ids at the top and the detail (`call`, `turn`, `analysis`) beside them.
 */
import { type AgentStore, type StoredCall, callObject, turnObject } from './agents';
import type { Delivery, DeliveryResult } from './types';

export function agentEventBody(type: string, call: StoredCall, nameField: 'type' | 'event'): Record<string, unknown> {
	const envelope: Record<string, unknown> = {
		[nameField]: type,
		agent_id: call.agentId,
		call_id: call.id,
		timestamp: new Date().toISOString(),
	};
	switch (type) {
		case 'call_started':
			return { ...envelope, call: { ...callObject(call, true), status: 'active', transcript: [] } };
		case 'call_completed':
		case 'call_failed':
			return { ...envelope, call: { ...callObject(call, true), end_reason: type === 'call_failed' ? 'error' : 'hangup' } };
		case 'call_turn':
			return { ...envelope, turn: { ...turnObject(call.transcript[0]), was_interrupted: false } };
		case 'post_call_analysis':
			return { ...envelope, analysis: { summary: call.summary ?? '' } };
		default:
			return { ...envelope, detail: { note: 'an event type the node does not know' } };
	}
}

/** Another secret of the same length, so a wrong one cannot be told apart by its size. */
function wrongSecret(secret: string): string {
	return [...secret].map((character) => (character === 'x' ? 'y' : 'x')).join('');
}

export async function deliverAgentEvent(store: AgentStore, delivery: Delivery): Promise<DeliveryResult> {
	const agent = delivery.agentId ? store.agent(delivery.agentId) : undefined;
	if (delivery.agentId && !agent) throw new Error(`The stand-in has no agent "${delivery.agentId}"`);
	const webhook = agent?.webhookId ? store.webhook(agent.webhookId) : undefined;
	const url = delivery.url ?? webhook?.url;
	const secret = delivery.secret ?? webhook?.secret;
	if (!url || secret === undefined) throw new Error('Nowhere to deliver: the agent has no webhook attached and no url was given');
	const calls = agent ? store.callsOf(agent.id) : [];
	const call = delivery.callId ? store.call(delivery.callId) : calls.find((known) => known.status === 'completed');
	if (!call) throw new Error('No call to deliver an event about');
	const sent = agentEventBody(delivery.type, call, delivery.nameField ?? 'type');
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const mode = delivery.secretMode ?? 'right';
	if (mode === 'right') headers['x-webhook-secret'] = secret;
	if (mode === 'wrong') headers['x-webhook-secret'] = wrongSecret(secret);
	const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(sent) });
	return { status: response.status, body: await response.text(), sent };
}
