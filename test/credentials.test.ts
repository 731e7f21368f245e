import type { IHttpRequestOptions } from 'n8n-workflow';
import { request } from 'undici';

import { CartesiaApi } from '../credentials/CartesiaApi.credentials';
import { authHeaders } from '../nodes/Cartesia/transport/auth';
import { API_VERSIONS } from '../nodes/Cartesia/versions';
import { useStandIn } from './helpers/cartesia';

const standIn = useStandIn();
const credential = new CartesiaApi();

describe('the Cartesia API credential', () => {
	it('keeps the API key in a password field', () => {
		const apiKey = credential.properties.find((property) => property.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
	});

	it('offers the four versions, 2025-11-04 by default, and the public base URL', () => {
		const version = credential.properties.find((property) => property.name === 'apiVersion');
		expect(version?.options?.map((option) => (option as { value: string }).value)).toEqual([...API_VERSIONS]);
		expect(version?.default).toBe('2025-11-04');
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(
			'https://api.cartesia.ai',
		);
	});

	it.each(API_VERSIONS)('authenticates %s exactly as the transport does', async (apiVersion) => {
		const options = await credential.authenticate({ apiKey: 'sk_1', apiVersion }, { url: '/voices', headers: { a: 'b' } });
		expect(options.headers).toEqual({ a: 'b', ...authHeaders(apiVersion, 'sk_1') });
	});

	it('uses X-API-Key for 2024-11-13 and Bearer from 2025-04-16', () => {
		expect(authHeaders('2024-11-13', 'k')).toEqual({ 'Cartesia-Version': '2024-11-13', 'X-API-Key': 'k' });
		expect(authHeaders('2025-04-16', 'k')).toEqual({ 'Cartesia-Version': '2025-04-16', Authorization: 'Bearer k' });
	});

	async function runCredentialTest(apiKey: string, apiVersion: string) {
		const testRequest = credential.test.request;
		const options: IHttpRequestOptions = await credential.authenticate(
			{ apiKey, apiVersion },
			{ url: testRequest.url!, method: testRequest.method, qs: testRequest.qs },
		);
		const url = `${standIn().url}${options.url}?${new URLSearchParams(options.qs as Record<string, string>)}`;
		const response = await request(url, { method: 'GET', headers: options.headers as Record<string, string> });
		await response.body.dump();
		return response.statusCode;
	}

	it('tests the key with an authenticated call (listing one voice), which passes for a good key', async () => {
		expect(await runCredentialTest(standIn().apiKey, '2025-11-04')).toBe(200);
		expect(standIn().requests[0]).toMatchObject({ path: '/voices', query: [['limit', '1']] });
	});

	it('fails for a wrong key, with a readable reason for the 401', async () => {
		const status = await runCredentialTest('sk_wrong', '2024-11-13');
		expect(status).toBe(401);
		const rule = credential.test.rules?.find((candidate) => candidate.properties.value === status);
		expect(rule?.properties.message).toMatch(/refused the API key/);
	});
});
