/**
 * Agent → Get Many, Get; Call → Get Many, Get, Download Audio, Start Outbound Calls (docs/wire-format.md
 * §9), through the engine against the stand-in: each operation's request and output, and the versions gate.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, queryValues, runCartesia, useStandIn } from '../helpers/cartesia';
import { SEED_CALL_COUNT } from '../standin';

const standIn = useStandIn({ voiceCount: 3 });
const V2026 = { apiVersion: '2026-08-14' } as const;

const agents = () => standIn().agents();
const agentId = () => agents()[0].id;
const fromNumberId = () => agents()[0].phoneNumbers[0].id;
const op = (resource: string, operation: string, extra: Record<string, unknown> = {}) => ({ resource, operation, ...extra });

describe('Agent → Get Many and Get', () => {
	it('lists every agent (GET /agents is not paged), and the Limit cuts the list here', async () => {
		const all = await runCartesia(standIn(), op('agent', 'getMany', { returnAll: true }), V2026);
		expect(all.items.map((item) => item.json.id)).toEqual(agents().map((agent) => agent.id));
		const two = await runCartesia(standIn(), op('agent', 'getMany', { limit: 2 }), V2026);
		expect(two.items).toHaveLength(2);
		expect(standIn().requests.map((request) => request.query)).toEqual([[], []]);
	});

	it('gets one agent with its phone numbers', async () => {
		const { items } = await runCartesia(standIn(), op('agent', 'get', { agent: byId(agentId()) }), V2026);
		expect(standIn().requests[0]).toMatchObject({ method: 'GET', path: `/agents/${agentId()}`, status: 200 });
		expect(items[0].json).toMatchObject({ id: agentId(), phone_numbers: [{ id: fromNumberId() }] });
	});
});

describe('Call → Get Many', () => {
	it("returns all of an agent's calls with Return All, through next_page, asking 100 at a time", async () => {
		const { items } = await runCartesia(standIn(), op('call', 'getMany', { agent: byId(agentId()), returnAll: true }), V2026);
		expect(items).toHaveLength(SEED_CALL_COUNT);
		const requests = standIn().requests;
		expect(requests.map((request) => queryValues(request, 'limit')[0])).toEqual(['100', '100']);
		expect(queryValues(requests[1], 'starting_after')).toEqual([items[99].json.id]);
		expect(requests.every((request) => queryValues(request, 'agent_id')[0] === agentId())).toBe(true);
		expect(items[0].json.transcript).toBeUndefined();
	});

	it('stops at the Limit, and sends a plain expand=transcript when the transcript is asked for', async () => {
		const parameters = op('call', 'getMany', { agent: byId(agentId()), limit: 3, options: { includeTranscript: true } });
		const { items } = await runCartesia(standIn(), parameters, V2026);
		expect(items).toHaveLength(3);
		const [request] = standIn().requests;
		expect(request.query).toEqual([['agent_id', agentId()], ['expand', 'transcript'], ['limit', '3']]);
		expect(items[0].json.transcript).toEqual([
			{ role: 'assistant', text: expect.stringContaining('Hello'), start: 0, end: expect.any(Number) },
			{ role: 'user', text: expect.any(String), start: expect.any(Number), end: expect.any(Number) },
		]);
	});
});

describe('Call → Get and Download Audio', () => {
	const firstCall = async () => (await runCartesia(standIn(), op('call', 'getMany', { agent: byId(agentId()), limit: 1 }), V2026)).items[0].json;

	it('gets a call with its transcript as turns of role, text, start and end', async () => {
		const call = await firstCall();
		standIn().reset();
		const { items } = await runCartesia(standIn(), op('call', 'get', { callId: call.id }), V2026);
		expect(standIn().requests[0]).toMatchObject({ path: `/agents/calls/${call.id}`, status: 200 });
		expect(items[0].json).toMatchObject({ id: call.id, agent_id: agentId(), status: 'completed' });
		expect((items[0].json.transcript as unknown[]).length).toBeGreaterThanOrEqual(2);
	});

	it('streams the recording into a binary field named after the call, as audio/wav', async () => {
		const call = await firstCall();
		standIn().reset();
		const { items, result } = await runCartesia(standIn(), op('call', 'downloadAudio', { callId: call.id, binaryPropertyOutput: 'recording' }), {
			...V2026,
			binaryMode: 'filesystem',
		});
		const binary = items[0].binary?.recording;
		expect(binary).toMatchObject({ fileName: `call-${call.id}.wav`, mimeType: 'audio/wav', fileExtension: 'wav' });
		expect(binary?.id).toBeDefined();
		const bytes = await result.readBinary(items[0], 'recording');
		expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
		expect(items[0].json).toMatchObject({ callId: call.id, bytes: bytes.length, durationSeconds: expect.any(Number) });
		expect(items[0].json.durationSeconds as number).toBeGreaterThan(1);
	});

	it("turns Cartesia's 404 for a call without a recording into a NodeApiError", async () => {
		const failed = (await runCartesia(standIn(), op('call', 'getMany', { agent: byId(agentId()), limit: 10 }), V2026)).items.find(
			(item) => item.json.status === 'failed',
		);
		const { error } = await runCartesia(standIn(), op('call', 'downloadAudio', { callId: failed?.json.id }), V2026);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toContain('has no recording');
		expect(error?.httpCode).toBe('404');
	});
});

describe('Call → Start Outbound Calls', () => {
	const outbound = (numbers: string[], extra: Record<string, unknown> = {}) =>
		op('call', 'startOutbound', {
			agent: byId(agentId()),
			fromNumber: byId(fromNumberId()),
			destinations: { destination: numbers.map((number, index) => ({ number, metadata: index === 0 ? '{"orderId": 42}' : '{}' })) },
			...extra,
		});

	it('dials every destination in one request and outputs one item per destination, paired to the input item', async () => {
		const { items } = await runCartesia(standIn(), outbound(['+1 (415) 555-9876', '+442071234567'], { options: { ringingTimeoutSeconds: 30 } }), V2026);
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0].json).toEqual({
			agent_id: agentId(),
			from_number_id: fromNumberId(),
			outbound_calls: [{ to_number: '+14155559876', metadata: { orderId: 42 } }, { to_number: '+442071234567' }],
			ringing_timeout_seconds: 30,
		});
		expect(items.map((item) => item.json)).toEqual([
			{ number: '+14155559876', agentId: agentId(), fromNumberId: fromNumberId(), callId: expect.stringMatching(/^ac_/) },
			{ number: '+442071234567', agentId: agentId(), fromNumberId: fromNumberId(), callId: expect.stringMatching(/^ac_/) },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it("gives a destination Cartesia refuses its own item with Cartesia's error; the others still get their call", async () => {
		const { items, error } = await runCartesia(standIn(), outbound(['+14155559876', '+14155550000', '+14155551234']), V2026);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.number, item.json.callId !== undefined, item.json.error])).toEqual([
			['+14155559876', true, undefined],
			['+14155550000', false, expect.stringContaining('not reachable')],
			['+14155551234', true, undefined],
		]);
	});

	it('fails the item before dialling anyone when one number is not E.164, naming its position', async () => {
		const { error } = await runCartesia(standIn(), outbound(['+14155559876', '0415 555 123']), V2026);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Destinations" entry 2 is not an E.164 phone number: "0415 555 123"');
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('never redials after a server error or a reset (once-only retry)', async () => {
		standIn().inject({ kind: 'status', status: 503, path: '/agents/calls' });
		const refused = await runCartesia(standIn(), outbound(['+14155559876']), V2026);
		expect(refused.error).toBeInstanceOf(NodeApiError);
		expect(refused.error?.httpCode).toBe('503');
		expect(standIn().requests).toHaveLength(1);
		standIn().reset();
		standIn().inject({ kind: 'reset-before-response', path: '/agents/calls' });
		const reset = await runCartesia(standIn(), outbound(['+14155559876']), V2026);
		expect(reset.error).toBeInstanceOf(NodeApiError);
		expect(standIn().requests).toHaveLength(1);
	});

	it('on 2025-11-04, fails before any request and says which version to choose', async () => {
		const { error } = await runCartesia(standIn(), outbound(['+14155559876']), { apiVersion: '2025-11-04' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Call → Start Outbound Calls needs Cartesia-Version 2026-03-01 and later; the credential uses 2025-11-04');
		expect(error?.description).toContain('Choose 2026-08-14');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Agents and calls: versions gate', () => {
	it.each([
		['Agent → Get Many', op('agent', 'getMany', { returnAll: true })],
		['Call → Get', op('call', 'get', { callId: 'ac_1' })],
	])('%s on 2024-11-13 fails before any request, naming 2025-04-16 and later', async (name, parameters) => {
		const { error } = await runCartesia(standIn(), parameters, { apiVersion: '2024-11-13' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`${name} needs Cartesia-Version 2025-04-16 and later; the credential uses 2024-11-13`);
		expect(standIn().requests).toHaveLength(0);
	});
});
