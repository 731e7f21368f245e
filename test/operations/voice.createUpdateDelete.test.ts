import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

const embedding = Array.from({ length: 192 }, (_, index) => Math.round(Math.sin(index) * 1000) / 1000);

describe('Voice → Create (2024-11-13 only, retired 2026-06-01)', () => {
	const create = (extra: Record<string, unknown> = {}) => ({
		resource: 'voice',
		operation: 'create',
		name: 'Blend',
		description: 'Made from an embedding',
		embedding: JSON.stringify(embedding),
		...extra,
	});

	it('posts the JSON body Cartesia defines and returns the new voice', async () => {
		const base = standIn().voices()[0];
		const { items } = await runCartesia(standIn(), create({ options: { language: 'de', baseVoice: byId(base.id) } }), {
			apiVersion: '2024-11-13',
		});
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/voices', status: 200 });
		expect(request.json).toEqual({
			name: 'Blend',
			description: 'Made from an embedding',
			embedding,
			language: 'de',
			base_voice_id: base.id,
		});
		expect(items[0].json).toMatchObject({ name: 'Blend', language: 'de' });
	});

	it('is refused for 2025-11-04 before any request, naming the version', async () => {
		const { error } = await runCartesia(standIn(), create());
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Voice → Create" is not available with Cartesia-Version 2025-11-04');
		expect(standIn().requests).toHaveLength(0);
	});

	it('explains a retirement refusal from Cartesia', async () => {
		standIn().setRetired(true);
		const { error } = await runCartesia(standIn(), create(), { apiVersion: '2024-11-13' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.description).toContain('retired Voice → Mix and Voice → Create on 2026-06-01');
	});

	it('checks the embedding has 192 numbers', async () => {
		const { error } = await runCartesia(standIn(), create({ embedding: '[1, 2, 3]' }), { apiVersion: '2024-11-13' });
		expect(error?.message).toBe('"Embedding" must be an array of 192 numbers, got an array of 3 entries');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Voice → Update', () => {
	const update = (voiceId: string, updateFields: Record<string, unknown>) => ({
		resource: 'voice',
		operation: 'update',
		voice: byId(voiceId),
		updateFields,
	});

	it('sends only the fields that were set', async () => {
		const voice = standIn().voices()[0];
		const { items } = await runCartesia(standIn(), update(voice.id, { name: 'Renamed' }));
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'PATCH', path: `/voices/${voice.id}`, status: 200 });
		expect(request.json).toEqual({ name: 'Renamed' });
		expect(items[0].json).toMatchObject({ id: voice.id, name: 'Renamed' });
	});

	it('sends gender null to clear it', async () => {
		const voice = standIn().voices()[0];
		await runCartesia(standIn(), update(voice.id, { gender: 'clear' }));
		expect(standIn().requests[0].json).toEqual({ gender: null });
		expect(standIn().voices()[0].gender).toBeNull();
	});

	it('needs both name and description under 2024-11-13', async () => {
		const voice = standIn().voices()[0];
		const { error } = await runCartesia(standIn(), update(voice.id, { name: 'Only a name' }), {
			apiVersion: '2024-11-13',
		});
		expect(error?.message).toBe('Cartesia-Version 2024-11-13 needs both "Name" and "Description" to update a voice');
		expect(standIn().requests).toHaveLength(0);
	});

	it('refuses gender under 2024-11-13', async () => {
		const voice = standIn().voices()[0];
		const { error } = await runCartesia(
			standIn(),
			update(voice.id, { name: 'N', description: 'D', gender: 'masculine' }),
			{ apiVersion: '2024-11-13' },
		);
		expect(error?.message).toBe('"Gender" is not available with Cartesia-Version 2024-11-13');
	});

	it('refuses an update with nothing to change', async () => {
		const voice = standIn().voices()[0];
		const { error } = await runCartesia(standIn(), update(voice.id, {}));
		expect(error?.message).toBe('"Update Fields" has nothing to update');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Voice → Delete', () => {
	it('deletes the voice and returns { deleted: true }', async () => {
		const voice = standIn().voices()[5];
		const { items } = await runCartesia(standIn(), { resource: 'voice', operation: 'delete', voice: byId(voice.id) });
		expect(standIn().requests[0]).toMatchObject({ method: 'DELETE', path: `/voices/${voice.id}`, status: 204 });
		expect(items[0].json).toEqual({ deleted: true, id: voice.id });
		expect(standIn().voices().some((stored) => stored.id === voice.id)).toBe(false);
	});
});
