import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchVoices } from '../../nodes/Cartesia/methods/listSearch';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { queryValues, useStandIn } from '../helpers/cartesia';
import { cartesiaNode } from '../helpers/node';

const standIn = useStandIn();

/** The two things the voice picker asks of n8n: the credential and the node. */
function loadOptionsContext(apiVersion: ApiVersion): ILoadOptionsFunctions {
	return {
		getCredentials: async () => ({ apiKey: standIn().apiKey, apiVersion, baseUrl: standIn().url }),
		getNode: cartesiaNode,
	} as unknown as ILoadOptionsFunctions;
}

describe('the voice picker (searchVoices)', () => {
	it('pages through every voice with the pagination token, in order', async () => {
		const context = loadOptionsContext('2025-11-04');
		const seen: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const page = await searchVoices.call(context, undefined, token);
			seen.push(...page.results.map((result) => String(result.value)));
			token = page.paginationToken as string | undefined;
			calls++;
		} while (token && calls < 10);
		expect(seen).toEqual(standIn().voices().map((voice) => voice.id));
		expect(calls).toBe(Math.ceil(standIn().voices().length / 100));
	});

	it('shows each voice by name, with its language and description', async () => {
		const [first] = standIn().voices();
		const page = await searchVoices.call(loadOptionsContext('2025-11-04'));
		expect(page.results[0]).toMatchObject({ name: first.name, value: first.id });
		expect(page.results[0].description).toContain(first.description);
	});

	it('searches on the server with q where the version has it', async () => {
		const page = await searchVoices.call(loadOptionsContext('2025-11-04'), 'narr');
		expect(queryValues(standIn().requests[0], 'q')).toEqual(['narr']);
		expect(page.results.length).toBeGreaterThan(0);
		for (const result of page.results) {
			const voice = standIn().voices().find((stored) => stored.id === result.value);
			expect(`${voice?.name} ${voice?.description} ${voice?.id}`.toLowerCase()).toContain('narr');
		}
	});

	it('filters locally where the version has no q, and still finds matches on later pages', async () => {
		const last = standIn().voices().at(-1)!;
		const page = await searchVoices.call(loadOptionsContext('2025-04-16'), last.id);
		expect(standIn().requests.every((request) => queryValues(request, 'q').length === 0)).toBe(true);
		expect(standIn().requests.every((request) => request.status === 200)).toBe(true);
		expect(page.results.map((result) => result.value)).toEqual([last.id]);
	});
});
