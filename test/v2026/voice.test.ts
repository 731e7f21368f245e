/**
 * Voices on Cartesia-Version 2026-08-14 (docs/wire-format.md §7.2 – §7.7): the output reads `access`
 * where `is_public` is gone, accents are catalog IDs (display names before), Localize goes by accent,
 * and the accent catalog and a voice's added accents have their own operations.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Cartesia } from '../../nodes/Cartesia/Cartesia.node';
import { voiceOwnership } from '../../nodes/Cartesia/helpers/voicePages';
import { searchLocalizableAccents } from '../../nodes/Cartesia/methods/accentSearch';
import { searchVoices } from '../../nodes/Cartesia/methods/listSearch';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { byId, queryValues, runCartesia, useStandIn } from '../helpers/cartesia';
import { cartesiaNode } from '../helpers/node';
import { wavLike } from '../helpers/wav';

const standIn = useStandIn();
const V2026 = { apiVersion: '2026-08-14' } as const;

/** A voice of yours (the stand-in owns every tenth voice from the fourth) and a public one. */
const yours = () => standIn().voices().find((voice) => voice.isOwner)!;
const publicVoice = () => standIn().voices().find((voice) => !voice.isOwner)!;

function loadOptionsContext(apiVersion: ApiVersion): ILoadOptionsFunctions {
	return {
		getCredentials: async () => ({ apiKey: standIn().apiKey, apiVersion, baseUrl: standIn().url }),
		getNode: cartesiaNode,
	} as unknown as ILoadOptionsFunctions;
}

describe('voices read right on 2026-08-14', () => {
	it('Get outputs access, visibility, tagline and accent, with is_public read from access', async () => {
		const voice = publicVoice();
		const { items } = await runCartesia(standIn(), { resource: 'voice', operation: 'get', voice: byId(voice.id) }, V2026);
		expect(standIn().requests[0]).toMatchObject({ path: `/voices/${voice.id}`, status: 200 });
		expect(items[0].json).toMatchObject({
			id: voice.id,
			is_owner: false,
			access: 'public',
			visibility: 'all',
			tagline: '',
			is_public: true,
		});
		expect(items[0].json).toHaveProperty('accent');
		expect(items[0].json).toHaveProperty('locales');
	});

	it('Get Many says private for your voices and keeps older versions untouched', async () => {
		const { items } = await runCartesia(standIn(), { resource: 'voice', operation: 'getMany', limit: 5, filters: { ownedOnly: true } }, V2026);
		expect(items).toHaveLength(5);
		expect(items.every((item) => item.json.access === 'private' && item.json.is_public === false && item.json.is_owner === true)).toBe(true);
		const older = await runCartesia(standIn(), { resource: 'voice', operation: 'getMany', limit: 1 }, { apiVersion: '2026-03-01' });
		expect(older.items[0].json).not.toHaveProperty('access');
		expect(older.items[0].json).toHaveProperty('is_public');
	});

	it('labels a voice yours or public the same way on every version', () => {
		expect(voiceOwnership({ id: 'a', is_owner: true, access: 'private' })).toBe('yours');
		expect(voiceOwnership({ id: 'b', is_owner: false, access: 'public', visibility: 'all' })).toBe('public');
		expect(voiceOwnership({ id: 'c', is_owner: false, is_public: true })).toBe('public');
		expect(voiceOwnership({ id: 'd', is_owner: false, access: 'private' })).toBeUndefined();
		expect(voiceOwnership({ id: 'e', is_owner: false })).toBeUndefined();
	});

	it('the voice picker pages, searches and labels voices yours or public on 2026-08-14', async () => {
		const page = await searchVoices.call(loadOptionsContext('2026-08-14'));
		expect(page.results.map((result) => result.value)).toEqual(standIn().voices().slice(0, 100).map((voice) => voice.id));
		const label = (id: string) => page.results.find((result) => result.value === id)?.name;
		expect(label(yours().id)).toMatch(/ · yours$/);
		expect(label(publicVoice().id)).toMatch(/ · public$/);
		const found = await searchVoices.call(loadOptionsContext('2026-08-14'), standIn().voices()[3].name);
		expect(found.results.map((result) => result.value)).toContain(standIn().voices()[3].id);
		expect(queryValues(standIn().requests[1], 'q')).toEqual([standIn().voices()[3].name]);
		expect(standIn().requests.every((request) => request.headers['cartesia-version'] === '2026-08-14')).toBe(true);
	});

	it('the credential test passes on 2026-08-14', async () => {
		const test = new Cartesia().methods.credentialTest.cartesiaApiTest;
		const result = await test.call({} as never, {
			id: 'c1',
			name: 'Cartesia',
			type: 'cartesiaApi',
			data: { apiKey: standIn().apiKey, apiVersion: '2026-08-14', baseUrl: standIn().url },
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
		expect(standIn().requests[0].headers).toMatchObject({ 'cartesia-version': '2026-08-14', authorization: `Bearer ${standIn().apiKey}` });
	});
});

describe('accents on Update and Clone', () => {
	const update = (accent: unknown) => ({
		resource: 'voice',
		operation: 'update',
		voice: byId(yours().id),
		updateFields: { accent },
	});

	it('sends a catalog ID on 2026-08-14, typed as an ID or a display name', async () => {
		await runCartesia(standIn(), update({ __rl: true, mode: 'list', value: 'british' }), V2026);
		const { items } = await runCartesia(standIn(), update({ __rl: true, mode: 'id', value: 'Mexican Spanish' }), V2026);
		expect(standIn().requests.map((request) => [request.status, request.json])).toEqual([
			[200, { accent: 'british' }],
			[200, { accent: 'mexican' }],
		]);
		expect(items[0].json).toMatchObject({ accent: 'mexican', access: 'private', is_public: false });
	});

	it('sends the display name on 2025-11-04 and 2026-03-01, and refuses an accent before that', async () => {
		await runCartesia(standIn(), update({ __rl: true, mode: 'list', value: 'british' }), { apiVersion: '2026-03-01' });
		await runCartesia(standIn(), update({ __rl: true, mode: 'list', value: 'southern-us' }), { apiVersion: '2025-11-04' });
		expect(standIn().requests.map((request) => [request.status, request.json])).toEqual([
			[200, { accent: 'British English' }],
			[200, { accent: 'Southern American English' }],
		]);
		const { error } = await runCartesia(standIn(), update('british'), { apiVersion: '2025-04-16' });
		expect(error?.message).toBe('"Accent" is not available with Cartesia-Version 2025-04-16');
		expect(standIn().requests).toHaveLength(2);
	});

	it('refuses an accent that is new in 2026-08-14 on an older version, before any request', async () => {
		const { error } = await runCartesia(standIn(), update('odia'), { apiVersion: '2026-03-01' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Accent" "odia" is not available with Cartesia-Version 2026-03-01');
		expect(standIn().requests).toHaveLength(0);
	});

	it('Clone sends the accent as a multipart field and answers access for the new voice', async () => {
		const sample = { buffer: wavLike(4004, 7), fileName: 'ada.wav', mimeType: 'audio/wav' };
		const { items, error } = await runCartesia(
			standIn(),
			{ resource: 'voice', operation: 'clone', binaryPropertyName: 'data', name: 'Ada', language: 'or', options: { accent: 'odia' } },
			{ ...V2026, items: [{ json: {}, binary: { data: sample } }] },
		);
		expect(error).toBeUndefined();
		expect(standIn().requests[0].fields).toEqual([
			['name', 'Ada'],
			['language', 'or'],
			['accent', 'odia'],
		]);
		expect(items[0].json).toMatchObject({ name: 'Ada', access: 'private', visibility: 'owner', tagline: '', is_public: false });
	});
});

describe('Voice → Localize on 2026-08-14', () => {
	const localize = (extra: Record<string, unknown> = {}) => ({
		resource: 'voice',
		operation: 'localize',
		voice: byId(publicVoice().id),
		name: 'Narrator (Mexico)',
		accent: { __rl: true, mode: 'list', value: 'mexican' },
		...extra,
	});

	it('sends voice_id, name and the accent ID, plus description and tagline when set, and nothing of the older fields', async () => {
		const { items, error } = await runCartesia(standIn(), localize({ description: 'Our narrator', tagline: 'Warm Mexican narrator' }), V2026);
		expect(error).toBeUndefined();
		const [request] = standIn().requests;
		expect(request).toMatchObject({ path: '/voices/localize', status: 200 });
		expect(request.json).toEqual({
			voice_id: publicVoice().id,
			name: 'Narrator (Mexico)',
			accent: 'mexican',
			description: 'Our narrator',
			tagline: 'Warm Mexican narrator',
		});
		expect(items[0].json).toMatchObject({ name: 'Narrator (Mexico)', language: 'es', tagline: 'Warm Mexican narrator', access: 'private', is_public: false });
	});

	it('needs no description', async () => {
		await runCartesia(standIn(), localize(), V2026);
		expect(standIn().requests[0]).toMatchObject({ status: 200, json: { voice_id: publicVoice().id, name: 'Narrator (Mexico)', accent: 'mexican' } });
	});

	it('keeps the older request on 2026-03-01, with the accent as a display name when set', async () => {
		await runCartesia(standIn(), localize({ description: 'Ours', language: 'es', dialect_es: 'mx' }), { apiVersion: '2026-03-01' });
		expect(standIn().requests[0]).toMatchObject({
			status: 200,
			json: {
				voice_id: publicVoice().id,
				name: 'Narrator (Mexico)',
				description: 'Ours',
				language: 'es',
				original_speaker_gender: 'female',
				dialect: 'mx',
				accent: 'Mexican Spanish',
			},
		});
		await runCartesia(standIn(), localize({ accent: { __rl: true, mode: 'list', value: '' }, description: 'Ours', language: 'es' }), { apiVersion: '2025-04-16' });
		expect(standIn().requests[1].status).toBe(200);
		expect(standIn().requests[1].json).not.toHaveProperty('accent');
	});

	it.each([
		['no accent', { accent: { __rl: true, mode: 'list', value: '' } }, '"Accent" is required to localize a voice with Cartesia-Version 2026-08-14'],
		['an accent Cartesia cannot localize to', { accent: 'new-york' }, '"Accent" cannot be "new-york": Cartesia cannot localize a voice to that accent'],
		['a tagline over 32 characters', { tagline: 'A warm, friendly Mexican narrator voice' }, '"Tagline" has 39 characters; Cartesia takes at most 32'],
		['a dialect', { language: 'es', dialect_es: 'mx' }, '"Dialect" is not available with Cartesia-Version 2026-08-14'],
	])('refuses %s before any request', async (_case, extra, message) => {
		const { error } = await runCartesia(standIn(), localize(extra), V2026);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});

	it('refuses a tagline on 2026-03-01', async () => {
		const { error } = await runCartesia(standIn(), localize({ description: 'Ours', tagline: 'Warm' }), { apiVersion: '2026-03-01' });
		expect(error?.message).toBe('"Tagline" is not available with Cartesia-Version 2026-03-01');
	});

	it("offers only localizable accents in Localize's picker, from GET /accents", async () => {
		const page = await searchLocalizableAccents.call(loadOptionsContext('2026-08-14'), 'span');
		expect(standIn().requests[0]).toMatchObject({ method: 'GET', path: '/accents', status: 200 });
		expect(page.results.map((result) => result.value).sort()).toEqual(['castilian', 'mexican']);
		expect(page.results.find((result) => result.value === 'mexican')?.name).toBe('Mexican Spanish (es-MX)');
		const older = await searchLocalizableAccents.call(loadOptionsContext('2026-03-01'), 'british');
		expect(older.results).toEqual([{ name: 'British English', value: 'british' }]);
		expect(standIn().requests).toHaveLength(1);
	});
});

describe('the accent operations', () => {
	it('List Accents returns the catalog, one item per accent, or only the localizable ones', async () => {
		const all = await runCartesia(standIn(), { resource: 'voice', operation: 'listAccents' }, V2026);
		expect(standIn().requests[0]).toMatchObject({ method: 'GET', path: '/accents', status: 200 });
		expect(all.items).toHaveLength(79);
		expect(all.items.find((item) => item.json.id === 'british')?.json).toEqual({
			id: 'british',
			name: 'British English',
			language: 'en',
			locale: 'en-GB',
			is_locale_default: false,
			is_localizable: true,
		});
		const localizable = await runCartesia(standIn(), { resource: 'voice', operation: 'listAccents', localizableOnly: true }, V2026);
		expect(localizable.items).toHaveLength(25);
	});

	it('Add Accents patches the voice with the IDs and outputs the voice; Remove Accent deletes one', async () => {
		const voice = yours();
		await runCartesia(standIn(), { resource: 'voice', operation: 'update', voice: byId(voice.id), updateFields: { accent: 'general-american' } }, V2026);
		const added = await runCartesia(standIn(), { resource: 'voice', operation: 'addAccents', voice: byId(voice.id), accents: 'british, Parisian French' }, V2026);
		expect(added.error).toBeUndefined();
		expect(standIn().requests[1]).toMatchObject({ method: 'PATCH', path: `/voices/${voice.id}/accents`, status: 200, json: { accents: ['british', 'parisian'] } });
		expect(added.items[0].json).toMatchObject({
			id: voice.id,
			accent: 'general-american',
			locales: [
				{ locale: 'en-US', is_native: true },
				{ locale: 'en-GB', is_native: false },
				{ locale: 'fr-FR', is_native: false },
			],
			is_public: false,
		});
		const removed = await runCartesia(standIn(), { resource: 'voice', operation: 'removeAccent', voice: byId(voice.id), accent: { __rl: true, mode: 'list', value: 'british' } }, V2026);
		expect(standIn().requests[2]).toMatchObject({ method: 'DELETE', path: `/voices/${voice.id}/accents/british`, status: 200 });
		expect((removed.items[0].json.locales as unknown[]).length).toBe(2);
	});

	it.each([
		['List Accents', { resource: 'voice', operation: 'listAccents' }, '"Voice → List Accents" is not available with Cartesia-Version 2026-03-01'],
		['Add Accents', { resource: 'voice', operation: 'addAccents', voice: byId('a0e99841-438c-4a64-b679-ae501e7d6091'), accents: 'british' }, '"Voice → Add Accents" is not available with Cartesia-Version 2026-03-01'],
		['Remove Accent', { resource: 'voice', operation: 'removeAccent', voice: byId('a0e99841-438c-4a64-b679-ae501e7d6091'), accent: 'british' }, '"Voice → Remove Accent" is not available with Cartesia-Version 2026-03-01'],
	])('%s is refused on 2026-03-01 before any request (gated to 2026-08-14)', async (_case, parameters, message) => {
		const { error } = await runCartesia(standIn(), parameters, { apiVersion: '2026-03-01' });
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});

	it('Add Accents refuses an accent Cartesia cannot attach, before any request', async () => {
		const { error } = await runCartesia(standIn(), { resource: 'voice', operation: 'addAccents', voice: byId(yours().id), accents: 'british, new-york' }, V2026);
		expect(error?.message).toBe('"Accents" cannot be "new-york": Cartesia cannot localize a voice to that accent');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Delete, Create and Mix on 2026-08-14', () => {
	it('Delete deletes as before', async () => {
		const { items } = await runCartesia(standIn(), { resource: 'voice', operation: 'delete', voice: byId(yours().id) }, V2026);
		expect(standIn().requests[0]).toMatchObject({ method: 'DELETE', status: 204 });
		expect(items[0].json).toMatchObject({ deleted: true });
	});

	const embedding = JSON.stringify(Array.from({ length: 192 }, () => 0.1));
	const [first, second] = [0, 1].map((index) => ({ voice: byId(`a0e99841-438c-4a64-b679-ae501e7d609${index}`), weight: 0.5 }));
	it.each([
		['create', { name: 'Blend', description: 'From an embedding', embedding }],
		['mix', { voices: { voice: [first, second] } }],
	])('%s stays refused before any request', async (operation, extra) => {
		const { error } = await runCartesia(standIn(), { resource: 'voice', operation, ...extra }, V2026);
		expect(error?.message).toContain('is not available with Cartesia-Version 2026-08-14');
		expect(standIn().requests).toHaveLength(0);
	});
});
