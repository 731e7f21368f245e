/**
 * Agents, calls, outbound calls and webhooks (docs/wire-format.md §9). Detach (PATCH with
 * `webhook_id: null`) and DELETE /agents/webhooks/{id} are not documented by Cartesia: the stand-in
 * implements them, and `AgentStore.unconfirmedEndpoints` makes them answer 404 or 405 instead.
 */
import { isLoopbackHost } from '../../../nodes/Cartesia/transport/url';
import { agentObject, callObject, type StoredAgent, type StoredCall, type StoredWebhook, UNREACHABLE_SUFFIX } from '../agents';
import { audioBody, planAudio } from '../audio';
import { operation, type RequestContext } from '../context';
import { StandInError, badRequest, notFound } from '../errors';
import { cursorPage, readCursorQuery, unknownCursors, type CursorQuery } from '../paging';

/** E.164: a plus, a first digit 1–9, at most 15 digits (§9.4). */
const E164 = /^\+[1-9]\d{1,14}$/;

function existingAgent(ctx: RequestContext, id: string): StoredAgent {
	const agent = ctx.state.agents.agent(id);
	if (!agent) throw notFound(`agent "${id}" not found`);
	return agent;
}

function existingCall(ctx: RequestContext, id: string): StoredCall {
	const call = ctx.state.agents.call(id);
	if (!call) throw notFound(`call "${id}" not found`);
	return call;
}

/** Answers as a server without the undocumented endpoint would, when the stand-in is set so. */
function refuseIfUnconfirmed(ctx: RequestContext, what: string): void {
	const mode = ctx.state.agents.unconfirmedEndpoints;
	if (mode === 404) throw notFound(`${what} is not an endpoint of this API`);
	if (mode === 405) throw new StandInError(405, `${ctx.method} is not allowed for ${what}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- agents (§9.2) ------------------------------------------------------------------------------

export const listAgents = operation<void>({
	auth: 'api-key',
	body: 'none',
	gate: 'agents',
	validate(ctx) {
		ctx.settle();
	},
	async respond(ctx) {
		await ctx.writer.json(200, { summaries: ctx.state.agents.agents().map(agentObject) });
	},
});

/** A read of one agent (`/agents/{id}…`, no query, no body): what differs is the answer. */
function agentRead(answer: (agent: StoredAgent) => unknown) {
	return operation<{ agent: StoredAgent }>({
		auth: 'api-key',
		body: 'none',
		gate: 'agents',
		validate(ctx) {
			ctx.settle();
			return { agent: existingAgent(ctx, ctx.params.id) };
		},
		async respond(ctx, plan) {
			await ctx.writer.json(200, answer(plan.agent));
		},
	});
}

export const getAgent = agentRead(agentObject);

interface UpdateAgentPlan {
	agent: StoredAgent;
	name?: string;
	description?: string;
	/** undefined: unchanged; null: detach; a string: attach. */
	webhookId?: string | null;
}

export const updateAgent = operation<UpdateAgentPlan>({
	auth: 'api-key',
	body: 'json',
	gate: 'agents',
	validate(ctx) {
		const body = ctx.json();
		const name = body.string('name');
		const description = body.string('description', { allowEmpty: true });
		const webhook = body.nullable('webhook_id', { feature: 'agentWebhooks' });
		let webhookId: string | null | undefined;
		if (webhook.present && webhook.value === null) webhookId = null;
		else if (webhook.present && typeof webhook.value === 'string' && webhook.value !== '') webhookId = webhook.value;
		else if (webhook.present) ctx.problems.add('field "webhook_id" must be a webhook id or null');
		ctx.settle();
		const agent = existingAgent(ctx, ctx.params.id);
		if (webhookId === null) refuseIfUnconfirmed(ctx, 'detaching a webhook (webhook_id: null)');
		if (typeof webhookId === 'string' && !ctx.state.agents.webhook(webhookId)) ctx.invalid(`field "webhook_id": no webhook with id "${webhookId}"`);
		return { agent, name, description, webhookId };
	},
	async respond(ctx, plan) {
		const { agent } = plan;
		if (plan.name !== undefined) agent.name = plan.name;
		if (plan.description !== undefined) agent.description = plan.description;
		if (plan.webhookId !== undefined) agent.webhookId = plan.webhookId;
		await ctx.writer.json(200, agentObject(agent));
	},
});

export const listAgentPhoneNumbers = agentRead((agent) => agent.phoneNumbers.map(({ id, number }) => ({ id, number })));

// ---- calls (§9.3) -------------------------------------------------------------------------------

interface ListCallsPlan extends CursorQuery {
	calls: StoredCall[];
	transcript: boolean;
}

/** `expand` is a plain parameter (`expand=transcript`), not `expand[]`: the bracketed name is refused as unknown. */
export const listCalls = operation<ListCallsPlan>({
	auth: 'api-key',
	body: 'none',
	gate: 'agents',
	validate(ctx) {
		const agentId = ctx.query.string('agent_id', { required: true });
		const expand = ctx.query.enumOf('expand', ['transcript'] as const);
		const query = readCursorQuery(ctx);
		ctx.settle();
		const calls = ctx.state.agents.callsOf(existingAgent(ctx, agentId as string).id);
		for (const [name, id] of unknownCursors(calls, query)) ctx.invalid(`query parameter "${name}": no call with id "${id}" for this agent`);
		return { ...query, calls, transcript: expand === 'transcript' };
	},
	async respond(ctx, plan) {
		const { page, hasMore } = cursorPage(plan.calls, plan);
		// F0416 answers `{data, next_page?}` with no `has_more`: the node must page on `next_page`.
		await ctx.writer.json(200, {
			data: page.map((call) => callObject(call, plan.transcript)),
			...(hasMore ? { next_page: page[page.length - 1].id } : {}),
		});
	},
});

export const getCall = operation<{ call: StoredCall }>({
	auth: 'api-key',
	body: 'none',
	gate: 'agents',
	validate(ctx) {
		ctx.settle();
		return { call: existingCall(ctx, ctx.params.id) };
	},
	async respond(ctx, plan) {
		await ctx.writer.json(200, callObject(plan.call, true));
	},
});

/** The recording: a WAV (8 kHz telephone audio), seconds as long as the transcript. */
export const callAudio = operation<{ call: StoredCall }>({
	auth: 'api-key',
	body: 'none',
	gate: 'agents',
	validate(ctx) {
		ctx.settle();
		const call = existingCall(ctx, ctx.params.id);
		if (!call.hasAudio) throw notFound(`call "${call.id}" has no recording`);
		return { call };
	},
	async respond(ctx, plan) {
		const text = plan.call.transcript.map((turn) => turn.text).join(' ');
		const seconds = plan.call.transcript.at(-1)?.end ?? 1;
		const audio = planAudio({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, text, seconds);
		await ctx.writer.head(200, { 'content-type': 'audio/wav' });
		for (const chunk of audioBody(audio)) await ctx.writer.write(chunk);
		await ctx.writer.end();
	},
});

// ---- outbound calls (§9.4) ----------------------------------------------------------------------

interface OutboundPlan {
	agent: StoredAgent;
	from: string;
	destinations: Array<{ to: string }>;
}

export const startOutboundCalls = operation<OutboundPlan>({
	auth: 'api-key',
	body: 'json',
	gate: 'outboundCalls',
	validate(ctx) {
		const body = ctx.json();
		const agentId = body.string('agent_id', { required: true });
		const fromNumberId = body.string('from_number_id', { required: true });
		body.number('ringing_timeout_seconds', { integer: true, min: 5, max: 80 });
		const raw = body.array('outbound_calls', { required: true });
		const destinations: Array<{ to: string }> = [];
		if (raw !== undefined && raw.length === 0) ctx.problems.add('field "outbound_calls" must not be empty');
		raw?.forEach((value, index) => {
			const entry = body.element('outbound_calls', index, value);
			if (!entry) return;
			const to = entry.string('to_number', { required: true });
			if (to !== undefined && !E164.test(to)) ctx.problems.add(`${entry.label('to_number')} must be an E.164 number such as +14155559876; got "${to}"`);
			const metadata = entry.value('metadata');
			if (metadata !== undefined && !isPlainObject(metadata)) ctx.problems.add(`${entry.label('metadata')} must be an object`);
			if (to !== undefined) destinations.push({ to });
		});
		ctx.settle();
		const agent = existingAgent(ctx, agentId as string);
		const from = ctx.state.agents.phoneNumber(fromNumberId as string);
		if (!from) throw notFound(`phone number "${fromNumberId}" not found`);
		return { agent, from: from.number.number, destinations };
	},
	async respond(ctx, plan) {
		const calls = plan.destinations.map(({ to }) => {
			if (to.endsWith(UNREACHABLE_SUFFIX)) return { number: to, error: `cannot dial ${to}: the number is not reachable` };
			return { number: to, agent_call_id: ctx.state.agents.placeCall(plan.agent, plan.from, to).id };
		});
		await ctx.writer.json(200, { calls });
	},
});

// ---- webhooks (§9.5) ----------------------------------------------------------------------------

/** Cartesia requires https; the stand-in also takes http on loopback, where the tests listen. */
function webhookUrlProblem(raw: string): string | undefined {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return `field "url" must be a URL; got "${raw}"`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
	return `field "url" must be an https URL; got "${raw}"`;
}

export const createWebhook = operation<Omit<StoredWebhook, 'id' | 'createdAt'>>({
	auth: 'api-key',
	body: 'json',
	gate: 'agentWebhooks',
	validate(ctx) {
		const body = ctx.json();
		const url = body.string('url', { required: true });
		const secret = body.string('secret', { required: true });
		const displayName = body.string('display_name');
		ctx.settle();
		const problem = url === undefined ? undefined : webhookUrlProblem(url);
		if (problem) throw badRequest(problem);
		return { url: url as string, secret: secret as string, displayName };
	},
	async respond(ctx, plan) {
		const webhook = ctx.state.agents.addWebhook(plan);
		// "The secret is only returned when the webhook is created."
		await ctx.writer.json(200, {
			id: webhook.id,
			url: webhook.url,
			secret: webhook.secret,
			created_at: webhook.createdAt,
			updated_at: webhook.createdAt,
			...(webhook.displayName ? { display_name: webhook.displayName } : {}),
		});
	},
});

export const deleteWebhook = operation<{ webhook: StoredWebhook }>({
	auth: 'api-key',
	body: 'none',
	gate: 'agentWebhooks',
	validate(ctx) {
		ctx.settle();
		refuseIfUnconfirmed(ctx, 'DELETE /agents/webhooks/{id}');
		const webhook = ctx.state.agents.webhook(ctx.params.id);
		if (!webhook) throw notFound(`webhook "${ctx.params.id}" not found`);
		return { webhook };
	},
	async respond(ctx, plan) {
		ctx.state.agents.removeWebhook(plan.webhook.id);
		for (const agent of ctx.state.agents.agents()) if (agent.webhookId === plan.webhook.id) agent.webhookId = null;
		await ctx.writer.head(204);
		await ctx.writer.end();
	},
});
