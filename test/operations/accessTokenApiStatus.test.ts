import { NodeOperationError } from 'n8n-workflow';

import { runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

describe('Access Token → Create', () => {
	it('posts the grants and expiry and returns the token with its expiry time', async () => {
		const before = Date.now();
		const { items } = await runCartesia(standIn(), {
			resource: 'accessToken',
			operation: 'create',
			grantTts: true,
			grantStt: true,
			expiresIn: 600,
		});
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/access-token', status: 200 });
		expect(request.json).toEqual({ grants: { tts: true, stt: true }, expires_in: 600 });
		expect(items[0].json.token).toEqual(expect.any(String));
		const expiresAt = Date.parse(items[0].json.expiresAt as string);
		expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000);
		expect(expiresAt).toBeLessThan(before + 610_000);
	});

	it('refuses an expiry over 3600 seconds before sending anything', async () => {
		const { error } = await runCartesia(standIn(), {
			resource: 'accessToken',
			operation: 'create',
			expiresIn: '={{ 4000 }}',
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Expires In (Seconds)" must be a whole number from 1 to 3600, not 4000');
		expect(standIn().requests).toHaveLength(0);
	});

	it('sends the agent grant only from 2025-11-04', async () => {
		await runCartesia(standIn(), { resource: 'accessToken', operation: 'create', options: { grantAgent: true } });
		expect(standIn().requests[0].json).toMatchObject({ grants: { tts: true, stt: false, agent: true } });
		const { error } = await runCartesia(
			standIn(),
			{ resource: 'accessToken', operation: 'create', options: { grantAgent: true } },
			{ apiVersion: '2025-04-16' },
		);
		expect(error?.message).toBe('"Allow Agents" is not available with Cartesia-Version 2025-04-16');
	});
});

describe('API Status → Get', () => {
	it('returns what GET / answers', async () => {
		const { items } = await runCartesia(standIn(), { resource: 'apiStatus', operation: 'get' });
		expect(standIn().requests[0]).toMatchObject({ method: 'GET', path: '/', status: 200 });
		expect(items[0].json).toMatchObject({ ok: true, version: expect.any(String) });
	});
});
