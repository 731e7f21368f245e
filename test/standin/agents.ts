/**
 * The stand-in's voice agents (docs/wire-format.md §9): seeded agents with phone numbers, their calls
 * (with transcripts and recordings), the webhooks created through the API, and the switch that makes the
 * unconfirmed webhook endpoints (detach, delete) answer as Cartesia might if they do not exist.
 */
import { seededRandom } from './voices';

export interface StoredTurn {
	role: 'user' | 'assistant' | 'system';
	text: string;
	start: number;
	end: number;
}

export interface StoredCall {
	id: string;
	agentId: string;
	status: 'completed' | 'failed' | 'active';
	startTime: string;
	endTime?: string;
	from: string;
	to: string;
	summary?: string;
	transcript: StoredTurn[];
	/** Whether GET /agents/calls/{id}/audio has a recording (failed calls have none). */
	hasAudio: boolean;
}

export interface StoredPhoneNumber {
	id: string;
	number: string;
}

export interface StoredAgent {
	id: string;
	name: string;
	description: string;
	webhookId: string | null;
	phoneNumbers: StoredPhoneNumber[];
	createdAt: string;
}

export interface StoredWebhook {
	id: string;
	url: string;
	secret: string;
	displayName?: string;
	createdAt: string;
}

/**
 * How the endpoints Cartesia does not document answer: `supported` (as the stand-in guesses they work),
 * or 404 / 405 as a server without them would.
 */
export type UnconfirmedEndpoints = 'supported' | 404 | 405;

/** How many calls the first agent has: three pages of 10, and more than one page of 100 with Return All. */
export const SEED_CALL_COUNT = 125;

/** Destinations ending in these four digits are refused per destination (unreachable), never the batch. */
export const UNREACHABLE_SUFFIX = '0000';

const SEED = 0xa6e7;
const SEED_START = Date.UTC(2026, 6, 1, 9, 0, 0);

const LINES: Array<[StoredTurn['role'], string]> = [
	['assistant', 'Hello, this is Ada from Acme. How can I help?'],
	['user', 'I would like to move my delivery to Friday.'],
	['assistant', 'Done: your delivery is now on Friday between nine and noon.'],
	['user', 'Thank you, that is all.'],
];

function hex(random: () => number, length: number): string {
	return Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
}

function transcriptFor(index: number): StoredTurn[] {
	const turns = LINES.slice(0, 2 + (index % 3));
	let at = 0;
	return turns.map(([role, text]) => {
		const start = at;
		at += Math.round(text.length * 0.06 * 100) / 100;
		const turn = { role, text, start, end: at };
		at += 0.5;
		return turn;
	});
}

function seedAgents(random: () => number): StoredAgent[] {
	return ['Ada (support)', 'Bea (sales)', 'Cy (no number)'].map((name, index) => ({
		id: `agent_${hex(random, 12)}`,
		name,
		description: `Stand-in agent ${index + 1}`,
		webhookId: null,
		phoneNumbers: index < 2 ? [{ id: `ap_${hex(random, 10)}`, number: `+1415555${String(1000 + index).padStart(4, '0')}` }] : [],
		createdAt: new Date(SEED_START - (3 - index) * 86_400_000).toISOString(),
	}));
}

function seedCalls(random: () => number, agents: StoredAgent[]): StoredCall[] {
	const calls: StoredCall[] = [];
	// Newest first, as Cartesia lists them: index 0 started last.
	for (let index = 0; index < SEED_CALL_COUNT + 3; index++) {
		const agent = index < SEED_CALL_COUNT ? agents[0] : agents[1];
		const start = SEED_START - index * 600_000;
		const failed = index % 10 === 7;
		const transcript = failed ? [] : transcriptFor(index);
		calls.push({
			id: `ac_${hex(random, 16)}`,
			agentId: agent.id,
			status: failed ? 'failed' : 'completed',
			startTime: new Date(start).toISOString(),
			endTime: new Date(start + 60_000).toISOString(),
			from: `+1212555${String(2000 + index).padStart(4, '0')}`,
			to: agent.phoneNumbers[0]?.number ?? '',
			summary: failed ? undefined : 'The caller moved a delivery to Friday.',
			transcript,
			hasAudio: !failed,
		});
	}
	return calls;
}

export class AgentStore {
	private agentList: StoredAgent[] = [];
	private callList: StoredCall[] = [];
	private readonly webhookMap = new Map<string, StoredWebhook>();
	private created = 0;
	unconfirmedEndpoints: UnconfirmedEndpoints = 'supported';

	constructor() {
		this.reseed();
	}

	reseed(): void {
		const random = seededRandom(SEED);
		this.agentList = seedAgents(random);
		this.callList = seedCalls(random, this.agentList);
		this.webhookMap.clear();
		this.created = 0;
		this.unconfirmedEndpoints = 'supported';
	}

	agents(): StoredAgent[] {
		return this.agentList;
	}

	agent(id: string): StoredAgent | undefined {
		return this.agentList.find((agent) => agent.id === id);
	}

	/** An agent's calls, newest first. */
	callsOf(agentId: string): StoredCall[] {
		return this.callList.filter((call) => call.agentId === agentId);
	}

	call(id: string): StoredCall | undefined {
		return this.callList.find((call) => call.id === id);
	}

	phoneNumber(id: string): { agent: StoredAgent; number: StoredPhoneNumber } | undefined {
		for (const agent of this.agentList) {
			const number = agent.phoneNumbers.find((known) => known.id === id);
			if (number) return { agent, number };
		}
		return undefined;
	}

	/** A call placed now: newest, so first in its agent's list. */
	placeCall(agent: StoredAgent, from: string, to: string): StoredCall {
		this.created++;
		const call: StoredCall = {
			id: `ac_out${String(this.created).padStart(12, '0')}`,
			agentId: agent.id,
			status: 'active',
			startTime: new Date().toISOString(),
			from,
			to,
			transcript: [],
			hasAudio: false,
		};
		this.callList.unshift(call);
		return call;
	}

	webhooks(): StoredWebhook[] {
		return [...this.webhookMap.values()];
	}

	webhook(id: string): StoredWebhook | undefined {
		return this.webhookMap.get(id);
	}

	addWebhook(webhook: Omit<StoredWebhook, 'id' | 'createdAt'>): StoredWebhook {
		this.created++;
		const stored = { ...webhook, id: `wh_${String(this.created).padStart(12, '0')}`, createdAt: new Date().toISOString() };
		this.webhookMap.set(stored.id, stored);
		return stored;
	}

	removeWebhook(id: string): void {
		this.webhookMap.delete(id);
	}
}

/** An agent as GET /agents and GET /agents/{id} answer (AgentSummary, §9.2). */
export function agentObject(agent: StoredAgent): Record<string, unknown> {
	return {
		id: agent.id,
		name: agent.name,
		description: agent.description,
		created_at: agent.createdAt,
		updated_at: agent.createdAt,
		tts_voice: 'a0e99841-438c-4a64-b679-ae501e7d6091',
		tts_language: 'en',
		...(agent.webhookId ? { webhook_id: agent.webhookId } : {}),
		phone_numbers: agent.phoneNumbers.map(({ id, number }) => ({ id, number })),
		has_text_to_agent_run: false,
		deployment_count: 1,
	};
}

/** A transcript turn as Cartesia sends it (AgentTranscript): `start_timestamp`, `end_timestamp` in seconds. */
export function turnObject(turn: StoredTurn): Record<string, unknown> {
	return { role: turn.role, text: turn.text, start_timestamp: turn.start, end_timestamp: turn.end };
}

/** A call (AgentCall, §9.3); the transcript only when asked for (list) or always (get). */
export function callObject(call: StoredCall, withTranscript: boolean): Record<string, unknown> {
	return {
		id: call.id,
		agent_id: call.agentId,
		status: call.status,
		start_time: call.startTime,
		...(call.endTime ? { end_time: call.endTime } : {}),
		telephony_params: { from: call.from, to: call.to },
		...(call.summary ? { summary: call.summary } : {}),
		...(call.status === 'failed' ? { error_message: 'the callee hung up before the agent answered' } : {}),
		...(withTranscript ? { transcript: call.transcript.map(turnObject) } : {}),
	};
}
