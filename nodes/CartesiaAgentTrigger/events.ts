import type { IDataObject } from 'n8n-workflow';

import { callOutput, transcriptTurn, type AgentCall } from '../Cartesia/helpers/agents';

/**
 * Cartesia's agent events (docs/wire-format.md §9.6). One webhook receives them all, so the trigger
 * filters. The envelope is unconfirmed: the name is read as `type ?? event`, the ids from the top level
 * or from the detail, and the raw body always goes out too, so nothing Cartesia adds is lost.
 */
export const AGENT_EVENTS = [
	{ name: 'Call Started', value: 'call_started', description: 'A call session begins' },
	{ name: 'Call Turn', value: 'call_turn', description: 'Each turn of the conversation: one execution per turn' },
	{ name: 'Call Completed', value: 'call_completed', description: 'A call ends normally, with its transcript' },
	{ name: 'Call Failed', value: 'call_failed', description: 'A call ends with an error' },
	{ name: 'Post-Call Analysis', value: 'post_call_analysis', description: "The call's analysis is ready, with its summary" },
] as const;

export type AgentEventType = (typeof AGENT_EVENTS)[number]['value'];

/** Every event but call turns: a turn per execution is rarely what a workflow wants. */
export const DEFAULT_EVENTS: AgentEventType[] = ['call_started', 'call_completed', 'call_failed', 'post_call_analysis'];

const KNOWN = new Set<string>(AGENT_EVENTS.map((event) => event.value));

export function isAgentEventType(value: unknown): value is AgentEventType {
	return typeof value === 'string' && KNOWN.has(value);
}

function objectAt(body: IDataObject, key: string): IDataObject | undefined {
	const value = body[key];
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function textAt(...values: unknown[]): string | null {
	for (const value of values) if (typeof value === 'string' && value) return value;
	return null;
}

/** The event's name, as Cartesia sends it: `type`, or `event` should the envelope use that. */
export function eventName(body: IDataObject): string | undefined {
	return textAt(body.type, body.event) ?? undefined;
}

/** What the event is about: the call (with its transcript and end reason), the turn, or the analysis. */
function eventDetail(type: AgentEventType, body: IDataObject): IDataObject | null {
	switch (type) {
		case 'call_started':
		case 'call_completed':
		case 'call_failed': {
			const call = objectAt(body, 'call');
			if (!call) return null;
			// Whether `end_reason` sits in the envelope or in the call is unconfirmed: either is read.
			const endReason = textAt(call.end_reason, body.end_reason);
			return { ...callOutput(call as AgentCall), ...(endReason ? { end_reason: endReason } : {}) };
		}
		case 'call_turn': {
			const turn = objectAt(body, 'turn');
			return turn ? transcriptTurn(turn) : null;
		}
		case 'post_call_analysis': {
			const analysis = objectAt(body, 'analysis');
			return analysis ? { ...analysis, summary: textAt(analysis.summary) } : null;
		}
	}
}

/** The output item's JSON for one event: type, agent and call ids, detail, and the raw body. */
export function eventJson(type: AgentEventType, body: IDataObject): IDataObject {
	const call = objectAt(body, 'call');
	const turn = objectAt(body, 'turn');
	const analysis = objectAt(body, 'analysis');
	return {
		event: type,
		agentId: textAt(body.agent_id, call?.agent_id, turn?.agent_id, analysis?.agent_id),
		callId: textAt(body.call_id, call?.id, turn?.call_id, analysis?.call_id),
		detail: eventDetail(type, body),
		body,
	};
}
