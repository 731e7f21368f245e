/** The voice picker's By Name mode, on a workflow node (the tool uses the same code). */
import { NodeOperationError } from 'n8n-workflow';

import { queryValues, runCartesia, useStandIn } from '../helpers/cartesia';
import { wavLike } from '../helpers/wav';

const standIn = useStandIn();

const byName = (name: string) => ({ __rl: true, mode: 'name', value: name });
const get = (voice: unknown) => ({ resource: 'voice', operation: 'get', voice });

function voiceNamed(count: 1 | 2) {
	const voices = standIn().voices();
	const voice = voices.find((candidate) => voices.filter((other) => other.name === candidate.name).length === count)!;
	return { voice, ids: voices.filter((other) => other.name === voice.name).map((other) => other.id) };
}

describe('Voice picker → By Name', () => {
	it('finds the voice with that whole name, ignoring case and spaces, through the server search (q) where the version has it', async () => {
		const { voice } = voiceNamed(1);
		const { items } = await runCartesia(standIn(), get(byName(`  ${voice.name.toUpperCase()} `)));
		expect(items[0].json).toMatchObject({ id: voice.id, name: voice.name });
		const [search, fetch] = standIn().requests;
		expect(search.path).toBe('/voices');
		expect(queryValues(search, 'q')).toEqual([voice.name.toUpperCase()]);
		expect(fetch.path).toBe(`/voices/${voice.id}`);
	});

	it('reads the library page by page under a version without q (2025-04-16)', async () => {
		const voices = standIn().voices();
		const { voice } = voiceNamed(1);
		const { items } = await runCartesia(standIn(), get(byName(voice.name)), { apiVersion: '2025-04-16' });
		expect(items[0].json.id).toBe(voice.id);
		const listing = standIn().requests.filter((request) => request.path === '/voices');
		expect(listing.every((request) => queryValues(request, 'q').length === 0)).toBe(true);
		expect(listing.length).toBe(Math.ceil(voices.length / 100));
	});

	it('does not take a part of a name: no voice named so fails the item, naming the parameter', async () => {
		const { voice } = voiceNamed(1);
		const partial = voice.name.split(' ')[0];
		const { error } = await runCartesia(standIn(), get(byName('={{ $json.name }}')), {
			items: [{ name: voice.name }, { name: partial }],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`"Voice": no voice is named "${partial}"`);
		expect(error?.description).toContain('matched whole, ignoring case');
		expect(error?.context?.itemIndex).toBe(1);
	});

	it('fails when several voices share the name, listing their IDs', async () => {
		const { voice, ids } = voiceNamed(2);
		const { error } = await runCartesia(standIn(), get(byName(voice.name)));
		expect(error?.message).toBe(`"Voice": ${ids.length} voices are named "${voice.name}": ${ids.join(', ')}`);
		expect(standIn().requests.some((request) => request.path.startsWith('/voices/'))).toBe(false);
	});

	it('applies the UUID check to ID mode only: a name is never refused for not being a UUID', async () => {
		const { voice } = voiceNamed(1);
		const asName = await runCartesia(standIn(), get(byName(voice.name)));
		expect(asName.error).toBeUndefined();
		const asId = await runCartesia(standIn(), get({ __rl: true, mode: 'id', value: '={{ $json.voice }}' }), { items: [{ voice: voice.name }] });
		expect(asId.error?.message).toMatch(/^"Voice" is not a Cartesia voice ID/);
	});

	it('resolves a name for Speech → Generate and sends the voice ID', async () => {
		const { voice } = voiceNamed(1);
		await runCartesia(standIn(), { resource: 'speech', operation: 'generate', transcript: 'Hi.', voice: byName(voice.name) });
		const tts = standIn().requests.find((request) => request.path === '/tts/bytes');
		expect(tts?.json).toMatchObject({ voice: { mode: 'id', id: voice.id } });
	});

	it('resolves the Base Voice of Clone by name', async () => {
		const { voice } = voiceNamed(1);
		const { error } = await runCartesia(
			standIn(),
			{ resource: 'voice', operation: 'clone', binaryPropertyName: 'data', name: 'Copy', language: 'en', options: { baseVoice: byName(voice.name.toLowerCase()) } },
			{ items: [{ json: {}, binary: { data: { buffer: wavLike(4004, 7), fileName: 'sample.wav', mimeType: 'audio/wav' } } }] },
		);
		expect(error).toBeUndefined();
		const clone = standIn().requests.find((request) => request.path === '/voices/clone');
		expect(clone?.fields).toContainEqual(['base_voice_id', voice.id]);
	});

	it('takes a language set by $fromAI-style expression on a bare value too (a workflow from before the picker)', async () => {
		const { voice } = voiceNamed(1);
		await runCartesia(standIn(), { resource: 'speech', operation: 'generate', transcript: 'Hallo.', voice: byName(voice.name), language: '={{ $json.lang }}' }, { items: [{ lang: 'de' }] });
		expect(standIn().requests.find((request) => request.path === '/tts/bytes')?.json).toMatchObject({ language: 'de' });
	});
});
