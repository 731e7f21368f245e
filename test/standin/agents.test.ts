/**
 * The stand-in's agent, call and webhook endpoints (docs/wire-format.md §9) are as strict as the rest:
 * what the node must get right is refused when it is wrong.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { startStandIn, type StandIn } from '.';

let standIn: StandIn;
beforeAll(async () => {
	standIn = await startStandIn({ voiceCount: 3 });
});
beforeEach(() => standIn.reset());
afterAll(async () => await standIn.close());

async function call(method: string, path: string, body?: unknown, version: ApiVersion = '2026-08-14') {
	const response = await fetch(`${standIn.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${standIn.apiKey}`,
			'cartesia-version': version,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

const agentId = () => standIn.agents()[0].id;
const fromNumberId = () => standIn.agents()[0].phoneNumbers[0].id;

describe('stand-in: calls', () => {
	it('takes a plain expand=transcript and refuses expand[]', async () => {
		const plain = await call('GET', `/agents/calls?agent_id=${agentId()}&limit=2&expand=transcript`);
		expect(plain.status).toBe(200);
		expect(plain.json.data[0].transcript[0]).toMatchObject({ role: 'assistant', start_timestamp: 0 });
		expect(plain.json.next_page).toBe(plain.json.data[1].id);
		const bracketed = await call('GET', `/agents/calls?agent_id=${agentId()}&expand[]=transcript`);
		expect(bracketed.status).toBe(400);
		expect(bracketed.text).toContain('expand[]');
	});

	it('requires agent_id, and has no agents before 2025-04-16', async () => {
		expect((await call('GET', '/agents/calls')).json.message).toBe('query parameter "agent_id" is required');
		expect((await call('GET', '/agents', undefined, '2024-11-13')).status).toBe(404);
	});

	it('refuses a destination that is not E.164, and outbound calls before 2026-03-01', async () => {
		const body = { agent_id: agentId(), from_number_id: fromNumberId(), outbound_calls: [{ to_number: '0415 555 123' }] };
		const refused = await call('POST', '/agents/calls', body);
		expect(refused.status).toBe(400);
		expect(refused.text).toContain('E.164');
		expect((await call('POST', '/agents/calls', body, '2025-11-04')).status).toBe(404);
	});

	it('answers each destination on its own: a call id, or an error', async () => {
		const body = {
			agent_id: agentId(),
			from_number_id: fromNumberId(),
			outbound_calls: [{ to_number: '+14155559876', metadata: { order: 7 } }, { to_number: '+14155550000' }],
		};
		const { status, json } = await call('POST', '/agents/calls', body);
		expect(status).toBe(200);
		expect(json.calls[0]).toEqual({ number: '+14155559876', agent_call_id: expect.stringMatching(/^ac_/) });
		expect(json.calls[1]).toEqual({ number: '+14155550000', error: expect.stringContaining('not reachable') });
	});
});

describe('stand-in: webhooks', () => {
	it('refuses an http URL that is not loopback, takes https', async () => {
		const refused = await call('POST', '/agents/webhooks', { url: 'http://example.com/hook', secret: 's' });
		expect(refused.status).toBe(400);
		expect(refused.text).toContain('https');
		const created = await call('POST', '/agents/webhooks', { url: 'https://example.com/hook', secret: 's3cret' });
		expect(created.json).toMatchObject({ id: expect.stringMatching(/^wh_/), secret: 's3cret' });
	});

	it('attaches, detaches and deletes; or answers 404 / 405 for the undocumented ones when set so', async () => {
		const { json: webhook } = await call('POST', '/agents/webhooks', { url: 'https://example.com/hook', secret: 's' });
		expect((await call('PATCH', `/agents/${agentId()}`, { webhook_id: webhook.id })).json.webhook_id).toBe(webhook.id);
		standIn.setUnconfirmedAgentEndpoints(405);
		expect((await call('PATCH', `/agents/${agentId()}`, { webhook_id: null })).status).toBe(405);
		standIn.setUnconfirmedAgentEndpoints(404);
		expect((await call('DELETE', `/agents/webhooks/${webhook.id}`)).status).toBe(404);
		standIn.setUnconfirmedAgentEndpoints('supported');
		expect((await call('PATCH', `/agents/${agentId()}`, { webhook_id: null })).json.webhook_id).toBeUndefined();
		expect((await call('DELETE', `/agents/webhooks/${webhook.id}`)).status).toBe(204);
		expect(standIn.webhooks()).toEqual([]);
	});

	it('delivers an event with the right, a wrong or no secret', async () => {
		const seen: Array<string | undefined> = [];
		const receiver = createServer((req, res) => {
			seen.push(req.headers['x-webhook-secret'] as string | undefined);
			req.resume();
			res.end('ok');
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			standIn.attachWebhook(agentId(), { url, secret: 'right-secret' });
			const right = await standIn.deliver({ agentId: agentId(), type: 'call_completed' });
			await standIn.deliver({ agentId: agentId(), type: 'call_completed', secretMode: 'wrong' });
			await standIn.deliver({ agentId: agentId(), type: 'call_completed', secretMode: 'missing' });
			expect(right.sent).toMatchObject({ type: 'call_completed', agent_id: agentId(), call: { transcript: expect.any(Array) } });
			expect(seen).toEqual(['right-secret', expect.not.stringMatching(/^right-secret$/), undefined]);
			expect(seen[1]).toHaveLength('right-secret'.length);
		} finally {
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	});
});
