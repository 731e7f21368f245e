import { NodeOperationError } from 'n8n-workflow';

import { queryValues, runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

const getMany = (extra: Record<string, unknown>) => ({ resource: 'voice', operation: 'getMany', ...extra });

describe('Voice → Get Many', () => {
	it('returns every voice with Return All, in order and without duplicates, across at least three pages', async () => {
		const stored = standIn().voices();
		expect(stored.length).toBeGreaterThan(300);
		const { items } = await runCartesia(standIn(), getMany({ returnAll: true }));
		expect(items.map((item) => item.json.id)).toEqual(stored.map((voice) => voice.id));
		const requests = standIn().requests;
		expect(requests.length).toBeGreaterThanOrEqual(4);
		expect(requests.map((request) => queryValues(request, 'limit')[0])).toEqual(requests.map(() => '100'));
		// Each page starts after the last voice of the page before.
		expect(queryValues(requests[0], 'starting_after')).toEqual([]);
		for (let page = 1; page < requests.length; page++) {
			expect(queryValues(requests[page], 'starting_after')).toEqual([stored[page * 100 - 1].id]);
		}
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops asking as soon as it has the Limit, asking only for what remains', async () => {
		const { items } = await runCartesia(standIn(), getMany({ returnAll: false, limit: 150 }));
		expect(items).toHaveLength(150);
		expect(standIn().requests.map((request) => queryValues(request, 'limit')[0])).toEqual(['100', '50']);
	});

	it('makes one small request for a small Limit', async () => {
		const { items } = await runCartesia(standIn(), getMany({ returnAll: false, limit: 5 }));
		expect(items.map((item) => item.json.id)).toEqual(
			standIn()
				.voices()
				.slice(0, 5)
				.map((voice) => voice.id),
		);
		expect(standIn().requests).toHaveLength(1);
		expect(queryValues(standIn().requests[0], 'limit')).toEqual(['5']);
	});

	it('sends the filters the version accepts, with expand[] repeated', async () => {
		await runCartesia(
			standIn(),
			getMany({
				returnAll: false,
				limit: 10,
				filters: { ownedOnly: true, gender: 'feminine', search: 'a', expand: ['preview_file_url'] },
			}),
		);
		const [request] = standIn().requests;
		expect(request.status).toBe(200);
		expect(Object.fromEntries(request.query)).toMatchObject({
			is_owner: 'true',
			gender: 'feminine',
			q: 'a',
			'expand[]': 'preview_file_url',
		});
	});

	it('returns only what the filters match', async () => {
		const owned = standIn()
			.voices()
			.filter((voice) => voice.isOwner);
		const { items } = await runCartesia(standIn(), getMany({ returnAll: true, filters: { ownedOnly: true } }));
		expect(items.map((item) => item.json.id)).toEqual(owned.map((voice) => voice.id));
	});

	it('repeats expand[] once per value under 2024-11-13', async () => {
		await runCartesia(standIn(), getMany({ limit: 2, filters: { expand: ['embedding', 'is_starred'] } }), {
			apiVersion: '2024-11-13',
		});
		expect(queryValues(standIn().requests[0], 'expand[]')).toEqual(['embedding', 'is_starred']);
		expect(standIn().requests[0].status).toBe(200);
	});

	it.each([
		['2025-04-16', { search: 'narrator' }, '"Search" is not available with Cartesia-Version 2025-04-16'],
		['2025-11-04', { starredOnly: true }, '"Starred Only" is not available with Cartesia-Version 2025-11-04'],
		['2025-11-04', { expand: ['embedding'] }, '"Expand: embedding" is not available with Cartesia-Version 2025-11-04'],
	] as const)('under %s refuses %j before sending anything', async (apiVersion, filters, message) => {
		const { error } = await runCartesia(standIn(), getMany({ limit: 5, filters }), { apiVersion });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});

	it('pairs each input item with its own results, in input order', async () => {
		const { items } = await runCartesia(standIn(), getMany({ limit: '={{ $json.limit }}' }), {
			items: [{ limit: 2 }, { limit: 3 }],
		});
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 1, 1]);
	});
});
