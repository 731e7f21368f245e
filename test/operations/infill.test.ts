import { NodeOperationError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { parseWav, wavLike } from '../helpers/wav';

const standIn = useStandIn();

const clip = (name: string) => ({ buffer: wavLike(2004, 1), fileName: `${name}.wav`, mimeType: 'audio/wav' });
const sides = { json: { episode: 4 }, binary: { before: clip('before'), after: clip('after') } };

const infill = (extra: Record<string, unknown> = {}) => ({
	resource: 'infill',
	operation: 'generate',
	leftBinaryPropertyName: 'before',
	rightBinaryPropertyName: 'after',
	transcript: 'and that is how we won',
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 22050 },
	...extra,
});

describe('Infill → Generate', () => {
	it('uploads both sides and the multipart fields Cartesia names, and returns infill.wav', async () => {
		const { items, result } = await runCartesia(standIn(), infill(), { items: [sides] });
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/infill/bytes', status: 200 });
		expect(request.files?.map((file) => [file.field, file.filename, file.contentType])).toEqual([
			['left_audio', 'before.wav', 'audio/wav'],
			['right_audio', 'after.wav', 'audio/wav'],
		]);
		expect(request.fields).toEqual([
			['model_id', 'sonic-3'],
			['language', 'en'],
			['transcript', 'and that is how we won'],
			['voice_id', standIn().voices()[0].id],
			['output_format[container]', 'wav'],
			['output_format[encoding]', 'pcm_s16le'],
			['output_format[sample_rate]', '22050'],
		]);
		expect(items[0].binary?.data).toMatchObject({ fileName: 'infill.wav', mimeType: 'audio/wav' });
		expect(parseWav(await result.readBinary(items[0], 'data')).sampleRate).toBe(22050);
		expect(items[0].json).toMatchObject({ episode: 4, container: 'wav' });
	});

	it('works with one side only', async () => {
		await runCartesia(standIn(), infill({ rightBinaryPropertyName: '' }), { items: [sides] });
		expect(standIn().requests[0].files?.map((file) => file.field)).toEqual(['left_audio']);
		expect(standIn().requests[0].status).toBe(200);
	});

	it('says clearly when neither side is given, before sending anything', async () => {
		const { error } = await runCartesia(standIn(), infill({ leftBinaryPropertyName: '', rightBinaryPropertyName: '' }), {
			items: [sides],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Infill needs audio on at least one side: "Left Audio Field" and "Right Audio Field" are both empty',
		);
		expect(standIn().requests).toHaveLength(0);
	});

	it('sends MP3 output with its bit rate', async () => {
		const { items } = await runCartesia(standIn(), infill({ outputFormat: { container: 'mp3', bitRate: 96000 } }), { items: [sides] });
		expect(standIn().requests[0].fields).toContainEqual(['output_format[bit_rate]', '96000']);
		expect(standIn().requests[0].fields?.some(([name]) => name === 'output_format[encoding]')).toBe(false);
		expect(items[0].binary?.data).toMatchObject({ fileName: 'infill.mp3', mimeType: 'audio/mpeg' });
	});

	it('sends the experimental controls with emotion[] repeated under 2024-11-13', async () => {
		await runCartesia(
			standIn(),
			infill({ model: 'sonic-2', experimentalControls: { speed: 'slow', emotions: ['surprise:high', 'curiosity'] } }),
			{ items: [sides], apiVersion: '2024-11-13' },
		);
		const [request] = standIn().requests;
		expect(request.status).toBe(200);
		expect(request.fields?.filter(([name]) => name.startsWith('voice['))).toEqual([
			['voice[__experimental_controls][speed]', 'slow'],
			['voice[__experimental_controls][emotion][]', 'surprise:high'],
			['voice[__experimental_controls][emotion][]', 'curiosity'],
		]);
	});

	it('refuses the experimental controls under 2025-11-04', async () => {
		const { error } = await runCartesia(standIn(), infill({ experimentalControls: { speed: 'fast' } }), { items: [sides] });
		expect(error?.message).toBe('"Experimental Controls" is not available with Cartesia-Version 2025-11-04');
		expect(standIn().requests).toHaveLength(0);
	});

	it('refuses an unknown emotion tag', async () => {
		const { error } = await runCartesia(
			standIn(),
			infill({ experimentalControls: { emotions: '={{ ["joy:high"] }}' } }),
			{ items: [sides], apiVersion: '2024-11-13' },
		);
		expect(error?.message).toBe('"Emotions" has an unknown emotion tag "joy:high"');
	});

	it('names a side field the item does not have', async () => {
		const { error } = await runCartesia(standIn(), infill({ rightBinaryPropertyName: 'outro' }), { items: [sides] });
		expect(error?.message).toBe('No binary property "outro" on item 0 ("Right Audio Field")');
		expect(error?.description).toContain('before, after');
	});
});
