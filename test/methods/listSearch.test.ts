import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { languageName } from '../../nodes/Cartesia/languages';
import { toListItem } from '../../nodes/Cartesia/helpers/voiceListItem';
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

	it('shows in the name what a user chooses by: language, gender and whether the voice is theirs', async () => {
		const page = await searchVoices.call(loadOptionsContext('2025-11-04'));
		const voices = standIn().voices();
		page.results.forEach((result, index) => {
			const voice = voices[index];
			const gender = voice.gender ? { masculine: 'masculine', feminine: 'feminine', gender_neutral: 'gender-neutral' }[voice.gender] : undefined;
			const owner = voice.isOwner ? 'yours' : voice.isPublic ? 'public' : undefined;
			const expected = [voice.name, languageName(voice.language), gender, owner].filter(Boolean).join(' · ');
			expect(result).toMatchObject({ name: expected, value: voice.id, url: `https://play.cartesia.ai/voices/${voice.id}` });
		});
		// The stand-in's account has voices of every kind, so each part is really exercised.
		const names = page.results.map((result) => String(result.name));
		for (const part of [' · yours', ' · public', ' · feminine', ' · masculine', ' · English']) {
			expect(names.some((name) => name.includes(part))).toBe(true);
		}
	});

	it('leaves out what an older version does not send (no gender, no public flag on 2024-11-13)', async () => {
		const [first] = standIn().voices();
		const page = await searchVoices.call(loadOptionsContext('2024-11-13'));
		const owner = first.isOwner ? ' · yours' : '';
		expect(page.results[0].name).toBe(`${first.name} · ${languageName(first.language)}${owner}`);
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

	it('codes defensively: a voice with only an id, a null gender, or the 2026-08-14 access field', () => {
		const id = '5c5ad5e7-1020-476b-8b91-fdcbe9cc313c';
		expect(toListItem({ id })).toEqual({ name: id, value: id, url: `https://play.cartesia.ai/voices/${id}` });
		expect(toListItem({ id, name: ' Ada ', gender: null, language: 'xx' }).name).toBe('Ada · xx');
		expect(toListItem({ id, name: 'Ada', access: 'public', is_owner: false }).name).toBe('Ada · public');
		expect(toListItem({ id, name: 'Ada', gender: 'gender_neutral', is_owner: true, is_public: true }).name).toBe('Ada · gender-neutral · yours');
	});
});
