import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, queryValues, runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

const get = (voice: unknown, extra: Record<string, unknown> = {}) => ({
	resource: 'voice',
	operation: 'get',
	voice,
	...extra,
});

describe('Voice → Get', () => {
	it('sends GET /voices/{id} with Bearer auth and the version, and returns the voice paired with its item', async () => {
		const voice = standIn().voices()[3];
		const { items } = await runCartesia(standIn(), get(byId(voice.id)));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: voice.id, name: voice.name });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'GET', path: `/voices/${voice.id}`, status: 200 });
		expect(request.headers.authorization).toBe(`Bearer ${standIn().apiKey}`);
		expect(request.headers['cartesia-version']).toBe('2025-11-04');
		expect(request.headers['x-api-key']).toBeUndefined();
	});

	it('authenticates with X-API-Key under 2024-11-13', async () => {
		const voice = standIn().voices()[0];
		await runCartesia(standIn(), get(byId(voice.id)), { apiVersion: '2024-11-13' });
		const [request] = standIn().requests;
		expect(request.headers['x-api-key']).toBe(standIn().apiKey);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.status).toBe(200);
	});

	it('takes the voice id from the From List mode too', async () => {
		const voice = standIn().voices()[1];
		const { items } = await runCartesia(standIn(), get({ __rl: true, mode: 'list', value: voice.id }));
		expect(items[0].json.id).toBe(voice.id);
	});

	it('asks for the preview URL with expand[] when Include Preview URL is on', async () => {
		const voice = standIn().voices()[0];
		const { items } = await runCartesia(standIn(), get(byId(voice.id), { options: { includePreviewUrl: true } }));
		expect(queryValues(standIn().requests[0], 'expand[]')).toEqual(['preview_file_url']);
		expect(items[0].json.preview_file_url).toEqual(expect.any(String));
	});

	it('refuses Include Preview URL under 2025-04-16 before sending anything', async () => {
		const voice = standIn().voices()[0];
		const { error } = await runCartesia(standIn(), get(byId(voice.id), { options: { includePreviewUrl: true } }), {
			apiVersion: '2025-04-16',
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Include Preview URL" is not available with Cartesia-Version 2025-04-16');
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('fails an empty voice (from an expression) before sending anything, naming the parameter and the item', async () => {
		const voice = standIn().voices()[0];
		const { error } = await runCartesia(standIn(), get(byId('={{ $json.voiceId }}')), {
			items: [{ voiceId: voice.id }, { voiceId: '' }],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Voice" is empty');
		expect(error?.context?.itemIndex).toBe(1);
		expect(standIn().requests).toHaveLength(1);
	});

	it("turns Cartesia's 404 into a NodeApiError with its message, status and request id", async () => {
		const { error } = await runCartesia(standIn(), get(byId('00000000-0000-4000-8000-000000000000')), {
			apiVersion: '2026-03-01',
		});
		const [request] = standIn().requests;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toMatch(/^Cartesia: /);
		expect(error?.description).toContain(`request id ${request.requestId}`);
		expect(error?.context?.itemIndex).toBe(0);
	});

	it('keeps going under continueOnFail: the failed item carries the error, the others their voice, in order', async () => {
		const [first, second] = standIn().voices();
		const { items } = await runCartesia(standIn(), get(byId('={{ $json.voiceId }}')), {
			continueOnFail: true,
			items: [{ voiceId: first.id }, { voiceId: '00000000-0000-4000-8000-000000000000' }, { voiceId: second.id }],
		});
		expect(items.map((item) => item.json.id ?? item.json.httpCode)).toEqual([first.id, '404', second.id]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toMatch(/^Cartesia: /);
		expect(JSON.stringify(items)).not.toContain(standIn().apiKey);
	});
});
