/**
 * Cartesia-Version 2026-08-14 (docs/wire-format.md §7) on the wire for the operations whose request
 * changes or must not change: text to speech (voice, language or locale, normalization), and Infill,
 * Voice Changer, Transcription, Access Token and API Status, which send what they sent before.
 */
import { NodeOperationError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { wavLike } from '../helpers/wav';

const standIn = useStandIn();
const V2026 = { apiVersion: '2026-08-14' } as const;

const generate = (extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation: 'generate',
	transcript: 'Good morning, here is the news.',
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 44100 },
	...extra,
});

const withTimestamps = (extra: Record<string, unknown> = {}) => ({
	...generate(),
	operation: 'generateWithTimestamps',
	outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000 },
	wordTimestamps: true,
	...extra,
});

describe('Speech on 2026-08-14', () => {
	it('sends the voice as its bare ID, never with mode, and the language as before', async () => {
		const { items, error } = await runCartesia(standIn(), generate(), V2026);
		expect(error).toBeUndefined();
		const [request] = standIn().requests;
		expect(request).toMatchObject({ path: '/tts/bytes', status: 200 });
		expect(request.headers['cartesia-version']).toBe('2026-08-14');
		expect(request.headers.authorization).toBe(`Bearer ${standIn().apiKey}`);
		expect(request.json).toEqual({
			model_id: 'sonic-3',
			transcript: 'Good morning, here is the news.',
			voice: standIn().voices()[0].id,
			output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 44100 },
			language: 'en',
		});
		expect(items[0].binary?.data.fileName).toBe('speech.wav');
		expect(items[0].json).toMatchObject({ voiceId: standIn().voices()[0].id, model: 'sonic-3' });
	});

	it('streams With Timestamps with the same bare voice ID over SSE', async () => {
		const { items, error } = await runCartesia(standIn(), withTimestamps(), V2026);
		expect(error).toBeUndefined();
		const [request] = standIn().requests;
		expect(request).toMatchObject({ path: '/tts/sse', status: 200 });
		expect((request.json as Record<string, unknown>).voice).toBe(standIn().voices()[0].id);
		expect(JSON.stringify(request.json)).not.toContain('"mode"');
		expect(items).toHaveLength(1);
		expect(items[0].json.voiceId).toBe(standIn().voices()[0].id);
	});

	it('sends a locale with a region as locale, never beside language, in Cartesia casing', async () => {
		await runCartesia(standIn(), generate({ language: { __rl: true, mode: 'code', value: 'en-gb' } }), V2026);
		await runCartesia(standIn(), withTimestamps({ language: 'es_419' }), V2026);
		const [bytes, sse] = standIn().requests as Array<{ json: Record<string, unknown>; status: number }>;
		expect(bytes.status).toBe(200);
		expect(bytes.json.locale).toBe('en-GB');
		expect(bytes.json).not.toHaveProperty('language');
		expect(sse.status).toBe(200);
		expect(sse.json.locale).toBe('es-419');
		expect(sse.json).not.toHaveProperty('language');
	});

	it('speaks Odia and Urdu, which 2026-03-01 refuses before any request', async () => {
		await runCartesia(standIn(), generate({ language: 'ur' }), V2026);
		expect(standIn().requests[0]).toMatchObject({ status: 200, json: expect.objectContaining({ language: 'ur' }) });
		const { error } = await runCartesia(standIn(), generate({ language: 'or' }), { apiVersion: '2026-03-01' });
		expect(error?.message).toBe('"Language or Locale: Odia" is not available with Cartesia-Version 2026-03-01');
		expect(standIn().requests).toHaveLength(1);
	});

	it('sends Normalization as auto, off or a locale', async () => {
		for (const normalization of ['off', 'en-in', 'AUTO']) {
			await runCartesia(standIn(), generate({ generation: { normalization } }), V2026);
		}
		expect(standIn().requests.map((request) => [request.status, (request.json as Record<string, unknown>).normalization])).toEqual([
			[200, 'off'],
			[200, 'en-IN'],
			[200, 'auto'],
		]);
	});

	it('keeps {mode, id} and language for every older version', async () => {
		for (const apiVersion of ['2024-11-13', '2025-04-16', '2025-11-04', '2026-03-01'] as const) {
			await runCartesia(standIn(), generate(), { apiVersion });
		}
		const voice = { mode: 'id', id: standIn().voices()[0].id };
		expect(standIn().requests.map((request) => [request.status, (request.json as Record<string, unknown>).voice])).toEqual([
			[200, voice],
			[200, voice],
			[200, voice],
			[200, voice],
		]);
	});

	it.each([
		['a locale on 2026-03-01', { language: 'en-GB' }, '2026-03-01', '"Language or Locale" cannot be the locale "en-GB" with Cartesia-Version 2026-03-01; did you mean "en" (English)?'],
		['a locale of a language Cartesia does not speak', { language: 'xx-GB' }, '2026-08-14', '"Language or Locale" cannot be "xx-GB"'],
		['Normalization on 2026-03-01', { generation: { normalization: 'off' } }, '2026-03-01', '"Normalization" is not available with Cartesia-Version 2026-03-01'],
		['Normalization that is no locale', { generation: { normalization: 'loud' } }, '2026-08-14', '"Normalization" cannot be "loud"'],
	] as const)('refuses %s before any request, naming the field', async (_case, extra, apiVersion, message) => {
		const { error } = await runCartesia(standIn(), generate(extra), { apiVersion });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('the stand-in holds 2026-08-14 to its table', () => {
	const post = async (apiVersion: string, body: Record<string, unknown>) =>
		await fetch(`${standIn().url}/tts/bytes`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'cartesia-version': apiVersion, authorization: `Bearer ${standIn().apiKey}` },
			body: JSON.stringify({
				model_id: 'sonic-3',
				transcript: 'Hi.',
				output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 8000 },
				...body,
			}),
		});

	it.each([
		['mode on 2026-08-14', '2026-08-14', () => ({ voice: { mode: 'id', id: standIn().voices()[0].id } }), 'voice.mode'],
		['a bare ID on 2026-03-01', '2026-03-01', () => ({ voice: standIn().voices()[0].id }), 'field "voice"'],
		['language and locale together', '2026-08-14', () => ({ voice: standIn().voices()[0].id, language: 'en', locale: 'en-GB' }), 'must not both be sent'],
		['locale on 2026-03-01', '2026-03-01', () => ({ voice: { mode: 'id', id: standIn().voices()[0].id }, locale: 'en-GB' }), 'field "locale"'],
		['normalization on 2025-11-04', '2025-11-04', () => ({ voice: { mode: 'id', id: standIn().voices()[0].id }, normalization: 'auto' }), 'field "normalization"'],
	])('refuses %s', async (_case, apiVersion, body, mentions) => {
		const response = await post(apiVersion, body());
		expect(response.status).toBe(400);
		// JSON from 2026-03-01, `Title: Message` text before (docs/wire-format.md §1.4).
		const text = await response.text();
		expect(text.startsWith('{') ? (JSON.parse(text) as { message: string }).message : text).toContain(mentions);
	});

	it('takes {id} without mode on 2026-08-14', async () => {
		const response = await post('2026-08-14', { voice: { id: standIn().voices()[0].id } });
		expect(response.status).toBe(200);
		await response.arrayBuffer();
	});
});

describe('the other operations on 2026-08-14 send what they sent before', () => {
	const clip = { buffer: wavLike(2004, 1), fileName: 'clip.wav', mimeType: 'audio/wav' };

	it('Infill keeps voice_id and takes Urdu', async () => {
		const { error } = await runCartesia(
			standIn(),
			{
				resource: 'infill',
				operation: 'generate',
				leftBinaryPropertyName: 'before',
				rightBinaryPropertyName: 'after',
				transcript: 'and then',
				model: 'sonic-3',
				voice: byId(standIn().voices()[0].id),
				language: 'ur',
				outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 22050 },
			},
			{ ...V2026, items: [{ json: {}, binary: { before: clip, after: clip } }] },
		);
		expect(error).toBeUndefined();
		const [request] = standIn().requests;
		expect(request.status).toBe(200);
		expect(request.fields).toContainEqual(['voice_id', standIn().voices()[0].id]);
		expect(request.fields).toContainEqual(['language', 'ur']);
		expect(request.fields?.some(([name]) => name.startsWith('voice['))).toBe(false);
	});

	it.each(['changeVoice', 'changeVoiceStream'])('Voice Changer (%s) keeps voice[id]', async (operation) => {
		const { error } = await runCartesia(
			standIn(),
			{ resource: 'voiceChanger', operation, binaryPropertyName: 'data', voice: byId(standIn().voices()[1].id), outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 } },
			{ ...V2026, items: [{ json: {}, binary: { data: clip } }] },
		);
		expect(error).toBeUndefined();
		expect(standIn().requests[0].status).toBe(200);
		expect(standIn().requests[0].fields).toContainEqual(['voice[id]', standIn().voices()[1].id]);
	});

	it('Transcription sends its file, model and language', async () => {
		const { items, error } = await runCartesia(
			standIn(),
			{ resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data', model: 'ink-whisper', language: 'en' },
			{ ...V2026, items: [{ json: {}, binary: { data: clip } }] },
		);
		expect(error).toBeUndefined();
		expect(standIn().requests[0]).toMatchObject({ path: '/stt', status: 200 });
		expect(typeof items[0].json.text).toBe('string');
	});

	it('Access Token and API Status answer as before', async () => {
		const token = await runCartesia(standIn(), { resource: 'accessToken', operation: 'create', options: { grantAgent: true } }, V2026);
		expect(token.error).toBeUndefined();
		expect(typeof token.items[0].json.token).toBe('string');
		const status = await runCartesia(standIn(), { resource: 'apiStatus', operation: 'get' }, V2026);
		expect(status.error).toBeUndefined();
		expect(status.items[0].json).toMatchObject({ ok: true });
	});
});
