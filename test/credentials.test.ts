import type { ICredentialTestFunctions } from 'n8n-workflow';

import { CartesiaApi } from '../credentials/CartesiaApi.credentials';
import { Cartesia } from '../nodes/Cartesia/Cartesia.node';
import { baseUrlProblem } from '../nodes/Cartesia/transport/url';
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

	it("offers the five versions, 2026-08-14 by default and named as Cartesia's current one, and the public base URL", () => {
		const version = credential.properties.find((property) => property.name === 'apiVersion');
		expect(version?.options?.map((option) => (option as { value: string }).value)).toEqual([...API_VERSIONS]);
		expect(version?.default).toBe('2026-08-14');
		expect(version?.options?.map((option) => option.name)).toEqual([
			'2024-11-13',
			'2025-04-16',
			'2025-11-04',
			'2026-03-01',
			"2026-08-14 (Cartesia's Current Version)",
		]);
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

	async function runCredentialTest(data: Record<string, string>) {
		const credentialTest = new Cartesia().methods.credentialTest.cartesiaApiTest;
		return await credentialTest.call({} as ICredentialTestFunctions, {
			id: 'c1',
			name: 'Cartesia',
			type: 'cartesiaApi',
			data: { apiVersion: '2025-11-04', baseUrl: standIn().url, ...data },
		});
	}

	it('is tested by the node (testedBy), not by a declared request n8n would prefer', () => {
		expect((credential as unknown as { test?: unknown }).test).toBeUndefined();
		const entry = new Cartesia().description.credentials?.find((candidate) => candidate.name === 'cartesiaApi');
		expect(entry?.testedBy).toBe('cartesiaApiTest');
	});

	it('tests the key with an authenticated call (listing one voice), which passes for a good key', async () => {
		expect(await runCredentialTest({ apiKey: standIn().apiKey })).toEqual({ status: 'OK', message: 'Connection successful' });
		expect(standIn().requests[0]).toMatchObject({ path: '/voices', query: [['limit', '1']] });
	});

	it('fails for a wrong key, with a readable reason for the 401', async () => {
		const result = await runCredentialTest({ apiKey: 'sk_wrong', apiVersion: '2024-11-13' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe('Cartesia refused the API key (401). Check the key, and that the API version matches it.');
		expect(standIn().requests).toHaveLength(1);
	});

	it.each([
		'http://api.cartesia.ai',
		'http://10.0.0.5:8080',
		'http://127.example.com',
		'ws://gateway.example',
	])('refuses %s before sending anything: the key would travel in clear text', async (baseUrl) => {
		const result = await runCredentialTest({ apiKey: standIn().apiKey, baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/clear text: use https:\/\//);
		expect(result.message).toContain('loopback');
		expect(standIn().requests).toHaveLength(0);
	});

	it.each(['http://localhost:1', 'http://127.0.0.2:1', 'http://[::1]:1'])('lets loopback %s use http://', (baseUrl) => {
		expect(baseUrlProblem(baseUrl)).toBeUndefined();
	});

	it('refuses a Base URL that is not a URL or not HTTP', () => {
		expect(baseUrlProblem('api.cartesia.ai')).toMatch(/is not a URL/);
		expect(baseUrlProblem('ftp://api.cartesia.ai')).toMatch(/ftp:\/\/, which Cartesia does not speak/);
		expect(baseUrlProblem('https://api.cartesia.ai')).toBeUndefined();
	});
});
