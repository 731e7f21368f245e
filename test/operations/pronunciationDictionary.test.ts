/**
 * Pronunciation Dictionary → Get Many, Get, Create, Update, Delete, and the dictionary picker of Speech
 * (docs/wire-format.md §2.15), through the engine against the stand-in.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { dictionaryOutput } from '../../nodes/Cartesia/helpers/pronunciationDictionary';
import { searchPronunciationDictionaries } from '../../nodes/Cartesia/methods/dictionarySearch';
import { RESOURCES } from '../../nodes/Cartesia/actions/resources';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { byId, queryValues, runCartesia, useStandIn } from '../helpers/cartesia';
import { cartesiaNode } from '../helpers/node';

/** 230 dictionaries: three pages of 100 for Return All. */
const standIn = useStandIn({ dictionaryCount: 230 });
const V2026 = { apiVersion: '2026-08-14' } as const;

const dictionaries = () => standIn().dictionaries();
const op = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'pronunciationDictionary', operation, ...extra });
const entries = (...list: Array<{ text: string; pronunciation: string; caseSensitive?: boolean }>) => ({ entry: list });

describe('Pronunciation Dictionary → Get Many', () => {
	it('returns every dictionary with Return All, page after page through the cursor', async () => {
		const stored = dictionaries();
		const { items } = await runCartesia(standIn(), op('getMany', { returnAll: true }));
		expect(items.map((item) => item.json.id)).toEqual(stored.map((dictionary) => dictionary.id));
		const requests = standIn().requests;
		expect(requests.map((request) => request.path)).toEqual(['/pronunciation-dicts/', '/pronunciation-dicts/', '/pronunciation-dicts/']);
		expect(requests.map((request) => queryValues(request, 'limit')[0])).toEqual(['100', '100', '100']);
		expect(requests.map((request) => queryValues(request, 'starting_after')[0])).toEqual([undefined, stored[99].id, stored[199].id]);
	});

	it('stops at the Limit, asking only for what remains', async () => {
		const { items } = await runCartesia(standIn(), op('getMany', { returnAll: false, limit: 130 }));
		expect(items).toHaveLength(130);
		expect(standIn().requests.map((request) => queryValues(request, 'limit')[0])).toEqual(['100', '30']);
	});

	it('outputs each entry as text and pronunciation', async () => {
		const { items } = await runCartesia(standIn(), op('getMany', { limit: 4 }));
		expect(items[3].json.items).toEqual([
			{ text: expect.any(String), pronunciation: expect.any(String) },
			{ text: expect.any(String), pronunciation: expect.any(String) },
			{ text: expect.any(String), pronunciation: expect.any(String) },
		]);
	});
});

describe('Pronunciation Dictionary → Get and Delete', () => {
	it('gets one dictionary by ID', async () => {
		const dictionary = dictionaries()[3];
		const { items } = await runCartesia(standIn(), op('get', { dictionary: byId(dictionary.id) }));
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0]).toMatchObject({ method: 'GET', path: `/pronunciation-dicts/${dictionary.id}`, status: 200 });
		expect(items[0].json).toMatchObject({ id: dictionary.id, name: dictionary.name, pinned: false });
		expect(items[0].json.items).toEqual(dictionary.items.map(({ text, pronunciation }) => ({ text, pronunciation })));
	});

	it('reads pronunciation from alias where only alias came', () => {
		expect(dictionaryOutput({ id: 'pdict_1', items: [{ text: 'GIF', alias: 'jiff' }] })).toEqual({
			id: 'pdict_1',
			items: [{ text: 'GIF', pronunciation: 'jiff' }],
		});
	});

	it('deletes a dictionary', async () => {
		const dictionary = dictionaries()[0];
		const { items } = await runCartesia(standIn(), op('delete', { dictionary: { __rl: true, mode: 'list', value: dictionary.id } }));
		expect(standIn().requests[0]).toMatchObject({ method: 'DELETE', path: `/pronunciation-dicts/${dictionary.id}`, status: 204 });
		expect(items[0].json).toEqual({ deleted: true, id: dictionary.id });
		expect(dictionaries().some((known) => known.id === dictionary.id)).toBe(false);
	});

	it('encodes an ID as one path segment', async () => {
		const { error } = await runCartesia(standIn(), op('get', { dictionary: byId('pd_x?y#z') }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0]).toMatchObject({ path: '/pronunciation-dicts/pd_x%3Fy%23z', status: 404 });
		expect(standIn().requests[0].query).toEqual([]);
	});

	it.each([['..'], ['.'], [''], ['a/b']])('refuses the ID %j from an expression before any request', async (id) => {
		const { error } = await runCartesia(standIn(), op('get', { dictionary: byId(`={{ ${JSON.stringify(id)} }}`) }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain('"Pronunciation Dictionary"');
		expect(standIn().requests).toHaveLength(0);
	});

	it('has the editor refuse a typed ".." before the workflow runs', async () => {
		await expect(runCartesia(standIn(), op('get', { dictionary: byId('..') }))).rejects.toThrow('Not a pronunciation dictionary ID');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Pronunciation Dictionary → Create', () => {
	it('sends name, description and entries, each with pronunciation and alias', async () => {
		const { items } = await runCartesia(
			standIn(),
			op('create', {
				name: 'Brand names',
				entries: entries({ text: 'Cartesia', pronunciation: 'kar-TEE-zhuh' }, { text: 'GIF', pronunciation: '<<d|ʒ|ɪ|f>>' }),
				options: { description: 'Said right every morning' },
			}),
		);
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0]).toMatchObject({ method: 'POST', path: '/pronunciation-dicts/', status: 200 });
		expect(standIn().requests[0].json).toEqual({
			name: 'Brand names',
			description: 'Said right every morning',
			items: [
				{ text: 'Cartesia', pronunciation: 'kar-TEE-zhuh', alias: 'kar-TEE-zhuh' },
				{ text: 'GIF', pronunciation: '<<d|ʒ|ɪ|f>>', alias: '<<d|ʒ|ɪ|f>>' },
			],
		});
		expect(items[0].json).toMatchObject({ name: 'Brand names', items: [{ text: 'Cartesia', pronunciation: 'kar-TEE-zhuh' }, { text: 'GIF', pronunciation: '<<d|ʒ|ɪ|f>>' }] });
		expect(dictionaries().at(-1)?.name).toBe('Brand names');
	});

	it('sends case_sensitive on 2026-08-14, false unless switched on', async () => {
		await runCartesia(
			standIn(),
			op('create', { name: 'Case', entries: entries({ text: 'AI', pronunciation: 'A I', caseSensitive: true }, { text: 'sql', pronunciation: 'sequel' }) }),
			V2026,
		);
		expect(standIn().requests[0].status).toBe(200);
		expect((standIn().requests[0].json as { items: unknown[] }).items).toEqual([
			{ text: 'AI', pronunciation: 'A I', alias: 'A I', case_sensitive: true },
			{ text: 'sql', pronunciation: 'sequel', alias: 'sequel', case_sensitive: false },
		]);
	});

	it('refuses Case Sensitive before 2026-08-14, before any request', async () => {
		const { error } = await runCartesia(
			standIn(),
			op('create', { name: 'Case', entries: entries({ text: 'AI', pronunciation: 'A I', caseSensitive: true }) }),
			{ apiVersion: '2026-03-01' },
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Case Sensitive" is not available with Cartesia-Version 2026-03-01');
		expect(standIn().requests).toHaveLength(0);
	});

	it.each([
		['an entry without pronunciation', { name: 'X', entries: entries({ text: 'GIF', pronunciation: ' ' }) }, '"Entries" entry 1 ("GIF") has no Pronunciation'],
		['a text twice', { name: 'X', entries: entries({ text: 'GIF', pronunciation: 'jiff' }, { text: 'GIF', pronunciation: 'gif' }) }, '"Entries" entry 2 repeats the Text "GIF" of entry 1'],
		['a pronunciation over 100 characters', { name: 'X', entries: entries({ text: 'long', pronunciation: 'a'.repeat(101) }) }, '"Entries" entry 1 ("long") has a Pronunciation of 101 characters'],
		['no name', { name: ' ', entries: {} }, '"Name" is empty'],
	])('refuses %s before any request', async (_what, parameters, message) => {
		const { error } = await runCartesia(standIn(), op('create', parameters));
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Pronunciation Dictionary → Update', () => {
	it('adds, changes and removes entries by reading the dictionary and writing back the whole list', async () => {
		const dictionary = dictionaries()[3];
		expect(dictionary.items.map((item) => item.text)).toEqual(['GIF', 'SQL', 'Nguyen']);
		const { items } = await runCartesia(
			standIn(),
			op('update', {
				dictionary: byId(dictionary.id),
				upsertEntries: entries({ text: 'Nguyen', pronunciation: 'nwen' }, { text: 'Cartesia', pronunciation: 'kar-TEE-zhuh' }),
				removeEntries: { entry: [{ text: 'SQL' }, { text: 'not there' }] },
			}),
		);
		const [read, write] = standIn().requests;
		expect(standIn().requests).toHaveLength(2);
		expect(read).toMatchObject({ method: 'GET', path: `/pronunciation-dicts/${dictionary.id}`, status: 200 });
		expect(write).toMatchObject({ method: 'PATCH', path: `/pronunciation-dicts/${dictionary.id}`, status: 200 });
		expect(write.json).toEqual({
			items: [
				{ text: 'GIF', pronunciation: 'jiff', alias: 'jiff' },
				{ text: 'Nguyen', pronunciation: 'nwen', alias: 'nwen' },
				{ text: 'Cartesia', pronunciation: 'kar-TEE-zhuh', alias: 'kar-TEE-zhuh' },
			],
		});
		expect(items[0].json.items).toEqual([
			{ text: 'GIF', pronunciation: 'jiff' },
			{ text: 'Nguyen', pronunciation: 'nwen' },
			{ text: 'Cartesia', pronunciation: 'kar-TEE-zhuh' },
		]);
		expect(dictionaries()[3].items.map((item) => item.text)).toEqual(['GIF', 'Nguyen', 'Cartesia']);
	});

	it('keeps the case_sensitive of untouched entries on 2026-08-14', async () => {
		const dictionary = dictionaries()[1];
		await runCartesia(standIn(), op('update', { dictionary: byId(dictionary.id), upsertEntries: entries({ text: 'AI', pronunciation: 'A I', caseSensitive: true }) }), V2026);
		await runCartesia(standIn(), op('update', { dictionary: byId(dictionary.id), upsertEntries: entries({ text: 'GIF', pronunciation: 'jiff' }) }), V2026);
		const write = standIn().requests[3];
		expect(write.method).toBe('PATCH');
		expect((write.json as { items: unknown[] }).items).toEqual([
			{ text: dictionary.items[0].text, pronunciation: dictionary.items[0].pronunciation, alias: dictionary.items[0].pronunciation, case_sensitive: false },
			{ text: 'AI', pronunciation: 'A I', alias: 'A I', case_sensitive: true },
			{ text: 'GIF', pronunciation: 'jiff', alias: 'jiff', case_sensitive: false },
		]);
	});

	it('renames with one PATCH and leaves the entries alone', async () => {
		const dictionary = dictionaries()[2];
		await runCartesia(standIn(), op('update', { dictionary: byId(dictionary.id), updateFields: { name: 'Renamed', description: 'Now described' } }));
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0]).toMatchObject({ method: 'PATCH', status: 200, json: { name: 'Renamed', description: 'Now described' } });
		expect(dictionaries()[2]).toMatchObject({ name: 'Renamed', items: dictionary.items });
	});

	it.each([
		['nothing to update', {}, 'Nothing to update'],
		['a text both added and removed', { upsertEntries: entries({ text: 'GIF', pronunciation: 'jiff' }), removeEntries: { entry: [{ text: 'GIF' }] } }, '"GIF" is both in "Add or Change Entries" and in "Remove Entries"'],
	])('refuses %s before any request', async (_what, parameters, message) => {
		const { error } = await runCartesia(standIn(), op('update', { dictionary: byId(dictionaries()[0].id), ...parameters }));
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Pronunciation dictionaries by version', () => {
	it.each(['getMany', 'get', 'create', 'update', 'delete'])('%s is refused on 2024-11-13 before any request', async (operation) => {
		const { error } = await runCartesia(
			standIn(),
			op(operation, { dictionary: byId(dictionaries()[0].id), name: 'X', updateFields: { name: 'Y' } }),
			{ apiVersion: '2024-11-13' },
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Pronunciation Dictionary" is not available with Cartesia-Version 2024-11-13');
		expect(standIn().requests).toHaveLength(0);
	});

	it('works on 2025-04-16, the first version with dictionaries', async () => {
		const { items } = await runCartesia(standIn(), op('getMany', { limit: 2 }), { apiVersion: '2025-04-16' });
		expect(items).toHaveLength(2);
		expect(standIn().requests[0].status).toBe(200);
	});
});

describe('Speech picks a pronunciation dictionary', () => {
	const speech = (operation: string, dictionary: unknown) => ({
		resource: 'speech',
		operation,
		transcript: 'Cartesia reads GIF aloud.',
		voice: byId(standIn().voices()[0].id),
		generation: { pronunciationDictId: dictionary },
	});

	it.each(['generate', 'generateWithTimestamps'])('%s sends pronunciation_dict_id from the list', async (operation) => {
		const dictionary = dictionaries()[5].id;
		const { error } = await runCartesia(standIn(), speech(operation, { __rl: true, mode: 'list', value: dictionary }));
		expect(error).toBeUndefined();
		expect(standIn().requests[0]).toMatchObject({ status: 200, json: expect.objectContaining({ pronunciation_dict_id: dictionary }) });
	});

	it('still reads an ID saved before the field was a picker', async () => {
		const dictionary = dictionaries()[6].id;
		await runCartesia(standIn(), speech('generate', dictionary));
		expect(standIn().requests[0]).toMatchObject({ status: 200, json: expect.objectContaining({ pronunciation_dict_id: dictionary }) });
	});

	it('sends none when none is picked', async () => {
		await runCartesia(standIn(), speech('generate', { __rl: true, mode: 'list', value: '' }));
		expect(standIn().requests[0].json).not.toHaveProperty('pronunciation_dict_id');
	});

	it('refuses a dictionary on 2024-11-13 before any request', async () => {
		const { error } = await runCartesia(standIn(), speech('generate', byId(dictionaries()[0].id)), { apiVersion: '2024-11-13' });
		expect(error?.message).toBe('"Pronunciation Dictionary" is not available with Cartesia-Version 2024-11-13');
		expect(standIn().requests).toHaveLength(0);
	});

	it("surfaces Cartesia's refusal of an unknown dictionary", async () => {
		const { error } = await runCartesia(standIn(), speech('generate', byId('pdict_missing')));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(standIn().requests[0]).toMatchObject({ status: 400 });
		expect(standIn().requests[0].rejection).toContain('no pronunciation dictionary with id "pdict_missing"');
	});

	it('is not offered on Infill', () => {
		const names = RESOURCES.infill.description.flatMap((property) => [property.name, ...((property.options ?? []) as Array<{ name: string }>).map((option) => option.name)]);
		expect(names).not.toContain('pronunciationDictId');
	});
});

describe('the dictionary picker list', () => {
	function loadOptionsContext(apiVersion: ApiVersion): ILoadOptionsFunctions {
		return {
			getCredentials: async () => ({ apiKey: standIn().apiKey, apiVersion, baseUrl: standIn().url }),
			getNode: cartesiaNode,
		} as unknown as ILoadOptionsFunctions;
	}

	it('lists dictionaries with their entry counts, one page per call', async () => {
		const stored = dictionaries();
		const first = await searchPronunciationDictionaries.call(loadOptionsContext('2025-11-04'));
		expect(first.results).toHaveLength(100);
		expect(first.results[1]).toEqual({ name: `${stored[1].name} (1 entry)`, value: stored[1].id });
		expect(first.paginationToken).toBe(stored[99].id);
		const second = await searchPronunciationDictionaries.call(loadOptionsContext('2025-11-04'), undefined, first.paginationToken);
		expect(second.results[0].value).toBe(stored[100].id);
	});

	it('filters by name or ID', async () => {
		const found = await searchPronunciationDictionaries.call(loadOptionsContext('2026-08-14'), 'dictionary 07');
		expect(found.results.map((result) => result.value)).toEqual([dictionaries()[6].id]);
	});

	it('says which versions have dictionaries on 2024-11-13', async () => {
		await expect(searchPronunciationDictionaries.call(loadOptionsContext('2024-11-13'))).rejects.toThrow(
			'Cartesia-Version 2024-11-13 does not accept pronunciation dictionaries; it is accepted by 2025-04-16 and later',
		);
	});
});
