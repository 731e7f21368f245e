import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../transport/path';

/**
 * Cartesia's voice agents and their calls, as the node reads them (docs/wire-format.md §9). Where the
 * wire is unconfirmed (call status values, the webhook envelope, `end_reason`'s place), everything
 * Cartesia sends is kept and only what the node needs is read, defensively.
 */

/** AgentSummary (§9.2): only what the node reads; the rest passes through untouched. */
export interface AgentSummary extends IDataObject {
	id: string;
	name?: string;
	webhook_id?: string | null;
	phone_numbers?: Array<{ id: string; number?: string }>;
}

/** AgentCall (§9.3). `status` is an open string: newer versions may name states differently (unconfirmed). */
export interface AgentCall extends IDataObject {
	id: string;
	agent_id?: string;
	status?: string;
	transcript?: IDataObject[];
}

/** One turn of a transcript as the node outputs it: who spoke, what, and when (seconds from the call's start). */
export interface TranscriptTurn extends IDataObject {
	role: string;
	text: string;
	start: number | null;
	end: number | null;
}

export const AGENTS_PATH = '/agents';
export const CALLS_PATH = '/agents/calls';
export const WEBHOOKS_PATH = '/agents/webhooks';

export const agentPath = (agentId: string): string => apiPath('agents', agentId);
export const agentPhoneNumbersPath = (agentId: string): string => `${agentPath(agentId)}/phone-numbers`;
export const callPath = (callId: string): string => apiPath('agents', 'calls', callId);
export const callAudioPath = (callId: string): string => `${callPath(callId)}/audio`;
export const webhookPath = (webhookId: string): string => apiPath('agents', 'webhooks', webhookId);

function asNumber(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A turn's text: `text`, or its `text_chunks` joined when only they came. */
function turnText(turn: IDataObject): string {
	if (typeof turn.text === 'string') return turn.text;
	if (Array.isArray(turn.text_chunks)) {
		return turn.text_chunks.map((chunk) => (chunk && typeof chunk === 'object' ? String((chunk as IDataObject).text ?? '') : '')).join('');
	}
	return '';
}

/**
 * One transcript turn as `{role, text, start, end}`, from `start_timestamp`/`end_timestamp` (or
 * `start`/`end`, should a version name them so). Tool calls and interruptions are kept when present.
 */
export function transcriptTurn(turn: unknown): TranscriptTurn {
	const source = (turn && typeof turn === 'object' ? turn : {}) as IDataObject;
	const result: TranscriptTurn = {
		role: typeof source.role === 'string' ? source.role : 'unknown',
		text: turnText(source),
		start: asNumber(source.start_timestamp ?? source.start),
		end: asNumber(source.end_timestamp ?? source.end),
	};
	if (Array.isArray(source.tool_calls) && source.tool_calls.length > 0) result.toolCalls = source.tool_calls as IDataObject[];
	if (typeof source.was_interrupted === 'boolean') result.wasInterrupted = source.was_interrupted;
	return result;
}

/** A call as the node outputs it: Cartesia's fields as they came, the transcript as `{role, text, start, end}` turns. */
export function callOutput(call: AgentCall): IDataObject {
	if (!Array.isArray(call.transcript)) return call;
	return { ...call, transcript: call.transcript.map(transcriptTurn) };
}

/** E.164 (§9.4): a plus, a first digit 1–9, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** A number in E.164, or undefined: spaces, dots, dashes and brackets people type are taken out first. */
export function toE164(raw: string): string | undefined {
	const compact = raw.trim().replace(/[\s().-]/g, '');
	return E164.test(compact) ? compact : undefined;
}
