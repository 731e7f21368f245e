import { NodeOperationError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { wavLike } from '../helpers/wav';

const standIn = useStandIn();

const sample = wavLike(4004, 7);
const itemWithAudio = (property = 'data') => ({
	json: { speaker: 'Ada' },
	binary: { [property]: { buffer: sample, fileName: 'ada.wav', mimeType: 'audio/wav' } },
});

describe('Voice → Clone', () => {
	const clone = (extra: Record<string, unknown> = {}) => ({
		resource: 'voice',
		operation: 'clone',
		binaryPropertyName: 'data',
		name: 'Ada',
		language: 'en',
		...extra,
	});

	it('uploads the binary as the clip part with its name, type and size, plus the text fields', async () => {
		const { items } = await runCartesia(standIn(), clone({ options: { description: 'From the podcast' } }), {
			items: [itemWithAudio()],
		});
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/voices/clone', status: 200 });
		expect(request.files).toEqual([{ field: 'clip', filename: 'ada.wav', contentType: 'audio/wav', size: sample.length }]);
		expect(request.fields).toEqual([
			['name', 'Ada'],
			['language', 'en'],
			['description', 'From the podcast'],
		]);
		expect(items[0].json).toMatchObject({ name: 'Ada', language: 'en' });
		expect(standIn().voices().some((voice) => voice.id === items[0].json.id)).toBe(true);
	});

	it('sends the base voice picked in the options', async () => {
		const base = standIn().voices()[2];
		await runCartesia(standIn(), clone({ options: { baseVoice: { __rl: true, mode: 'list', value: base.id } } }), {
			items: [itemWithAudio()],
		});
		expect(standIn().requests[0].fields).toContainEqual(['base_voice_id', base.id]);
		expect(standIn().requests[0].status).toBe(200);
	});

	it('re-reads the clip from the store for a retry after 429', async () => {
		standIn().inject({ kind: 'status', status: 429, retryAfter: '0', path: '/voices/clone' });
		const { items } = await runCartesia(standIn(), clone(), { items: [itemWithAudio()], binaryMode: 'filesystem' });
		expect(standIn().requests.map((request) => [request.status, request.files?.[0]?.size])).toEqual([
			[429, sample.length],
			[200, sample.length],
		]);
		expect(items[0].json.name).toBe('Ada');
	});

	it('does not resend a clone after a 500: the voice may already exist', async () => {
		standIn().inject({ kind: 'status', status: 500, path: '/voices/clone' });
		const { error } = await runCartesia(standIn(), clone(), { items: [itemWithAudio()] });
		expect(error?.message).toMatch(/^Cartesia: /);
		expect(standIn().requests).toHaveLength(1);
	});

	it('streams the clip from the filesystem binary store', async () => {
		const { items } = await runCartesia(standIn(), clone(), { items: [itemWithAudio()], binaryMode: 'filesystem' });
		expect(standIn().requests[0].files?.[0].size).toBe(sample.length);
		expect(items[0].json.name).toBe('Ada');
	});

	it('sends mode (similarity unless chosen) under 2024-11-13, where it is required', async () => {
		await runCartesia(standIn(), clone(), { items: [itemWithAudio()], apiVersion: '2024-11-13' });
		await runCartesia(standIn(), clone({ options: { mode: 'stability' } }), {
			items: [itemWithAudio()],
			apiVersion: '2024-11-13',
		});
		const modes = standIn().requests.map((request) => request.fields?.find(([name]) => name === 'mode')?.[1]);
		expect(modes).toEqual(['similarity', 'stability']);
		expect(standIn().requests.map((request) => request.status)).toEqual([200, 200]);
	});

	it('sends enhance as text under 2025-04-16', async () => {
		await runCartesia(standIn(), clone({ options: { enhance: true } }), {
			items: [itemWithAudio()],
			apiVersion: '2025-04-16',
		});
		expect(standIn().requests[0].fields).toContainEqual(['enhance', 'true']);
		expect(standIn().requests[0].status).toBe(200);
	});

	it.each([
		[{ mode: 'stability' }, '"Mode" is not available with Cartesia-Version 2025-11-04'],
		[{ enhance: false }, '"Enhance" is not available with Cartesia-Version 2025-11-04'],
	])('refuses %j under 2025-11-04 before sending anything', async (options, message) => {
		const { error } = await runCartesia(standIn(), clone({ options }), { items: [itemWithAudio()] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});

	it('names the missing binary property and lists the ones the item has', async () => {
		const { error } = await runCartesia(standIn(), clone({ binaryPropertyName: 'audio' }), {
			items: [itemWithAudio('recording')],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('No binary property "audio" on item 0 ("Input Binary Field")');
		expect(error?.description).toContain('recording');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Voice → Localize', () => {
	const localize = (voiceId: string, extra: Record<string, unknown> = {}) => ({
		resource: 'voice',
		operation: 'localize',
		voice: byId(voiceId),
		name: 'Ada (Español)',
		description: 'Ada speaking Mexican Spanish',
		language: 'es',
		dialect_es: 'mx',
		originalSpeakerGender: 'female',
		...extra,
	});

	it('posts the JSON body with the dialect of the chosen language', async () => {
		const voice = standIn().voices()[0];
		const { items } = await runCartesia(standIn(), localize(voice.id));
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/voices/localize', status: 200 });
		expect(request.json).toEqual({
			voice_id: voice.id,
			name: 'Ada (Español)',
			description: 'Ada speaking Mexican Spanish',
			language: 'es',
			original_speaker_gender: 'female',
			dialect: 'mx',
		});
		expect(items[0].json).toMatchObject({ name: 'Ada (Español)', language: 'es' });
	});

	it('sends no dialect for a language without dialects', async () => {
		const voice = standIn().voices()[0];
		await runCartesia(standIn(), localize(voice.id, { language: 'de' }));
		expect(standIn().requests[0].json).not.toHaveProperty('dialect');
		expect(standIn().requests[0].status).toBe(200);
	});

	it('refuses Arabic under 2025-04-16, which lacks it', async () => {
		const voice = standIn().voices()[0];
		const { error } = await runCartesia(standIn(), localize(voice.id, { language: 'ar' }), { apiVersion: '2025-04-16' });
		expect(error?.message).toBe('"Target Language: Arabic" is not available with Cartesia-Version 2025-04-16');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Voice → Mix (2024-11-13 only, retired 2026-06-01)', () => {
	const mix = (entries: Array<{ id: string; weight: number }>) => ({
		resource: 'voice',
		operation: 'mix',
		voices: { voice: entries.map((entry) => ({ voice: byId(entry.id), weight: entry.weight })) },
	});

	it('posts the voices with their weights and returns the embedding', async () => {
		const [first, second] = standIn().voices();
		const { items } = await runCartesia(
			standIn(),
			mix([
				{ id: first.id, weight: 0.7 },
				{ id: second.id, weight: 0.3 },
			]),
			{ apiVersion: '2024-11-13' },
		);
		expect(standIn().requests[0]).toMatchObject({ method: 'POST', path: '/voices/mix', status: 200 });
		expect(standIn().requests[0].json).toEqual({
			voices: [
				{ id: first.id, weight: 0.7 },
				{ id: second.id, weight: 0.3 },
			],
		});
		expect(items[0].json.embedding).toHaveLength(192);
	});

	it('names the entry whose voice is empty, before sending anything', async () => {
		const [first] = standIn().voices();
		const { error } = await runCartesia(
			standIn(),
			mix([
				{ id: first.id, weight: 0.5 },
				{ id: '={{ $json.missing ?? "" }}', weight: 0.5 },
			]),
			{ apiVersion: '2024-11-13' },
		);
		expect(error?.message).toBe('"Voices" entry 2 has no voice');
		expect(standIn().requests).toHaveLength(0);
	});

	it('is refused by n8n itself with fewer than two voices (the editor requires two)', async () => {
		const [first] = standIn().voices();
		await expect(runCartesia(standIn(), mix([{ id: first.id, weight: 1 }]), { apiVersion: '2024-11-13' })).rejects.toThrow(
			'At least 2 fields are required',
		);
	});
});
