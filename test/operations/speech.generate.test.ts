import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { parseWav } from '../helpers/wav';

const standIn = useStandIn();

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

describe('Speech → Generate', () => {
	it('posts the TTS request and returns a WAV named .wav whose header matches the format', async () => {
		const { items, result } = await runCartesia(standIn(), generate(), { items: [{ json: { story: 7 } }] });
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/tts/bytes', status: 200 });
		expect(request.json).toEqual({
			model_id: 'sonic-3',
			transcript: 'Good morning, here is the news.',
			voice: { mode: 'id', id: standIn().voices()[0].id },
			output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 44100 },
			language: 'en',
		});
		const [item] = items;
		expect(item.json).toEqual({
			story: 7,
			container: 'wav',
			encoding: 'pcm_s16le',
			sampleRate: 44100,
			durationSeconds: expect.any(Number),
			bytes: (await result.readBinary(item, 'data')).length,
			characters: 31,
			model: 'sonic-3',
			voiceId: standIn().voices()[0].id,
		});
		expect(item.binary?.data).toMatchObject({ fileName: 'speech.wav', mimeType: 'audio/wav', fileExtension: 'wav' });
		const wav = parseWav(await result.readBinary(item, 'data'));
		expect(wav).toMatchObject({ formatCode: 1, channels: 1, sampleRate: 44100, bitsPerSample: 16, riffSizeConsistent: true });
		expect(wav.dataBytes).toBeGreaterThan(44100);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('names an MP3 .mp3 with audio/mpeg and sends its bit rate', async () => {
		const { items, result } = await runCartesia(standIn(), generate({ outputFormat: { container: 'mp3', bitRate: 64000 } }));
		expect(standIn().requests[0].json).toMatchObject({
			output_format: { container: 'mp3', sample_rate: 44100, bit_rate: 64000 },
		});
		expect(items[0].binary?.data).toMatchObject({ fileName: 'speech.mp3', mimeType: 'audio/mpeg' });
		expect((await result.readBinary(items[0], 'data')).subarray(0, 3).toString('latin1')).toBe('ID3');
		expect(items[0].json).toMatchObject({ container: 'mp3', bitRate: 64000, sampleRate: 44100 });
	});

	it('defaults to MP3 at 44.1 kHz and 128 kbps when Output Format is left as it is', async () => {
		const { items } = await runCartesia(standIn(), generate({ outputFormat: undefined }));
		expect(standIn().requests[0].json).toMatchObject({
			output_format: { container: 'mp3', sample_rate: 44100, bit_rate: 128000 },
		});
		expect(items[0].binary?.data).toMatchObject({ fileName: 'speech.mp3', mimeType: 'audio/mpeg' });
	});

	it('fills in what the Output Format group leaves out: WAV without an encoding is 16-bit', async () => {
		await runCartesia(standIn(), generate({ outputFormat: { container: 'wav' } }));
		expect(standIn().requests[0].json).toMatchObject({
			output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 44100 },
		});
	});

	it('names raw audio .pcm (octet-stream) and puts its encoding and rate in the JSON', async () => {
		const { items } = await runCartesia(standIn(), generate({ outputFormat: { container: 'raw', encoding: 'pcm_f32le', sampleRate: 24000 } }));
		expect(items[0].binary?.data).toMatchObject({ fileName: 'speech.pcm', mimeType: 'application/octet-stream' });
		expect(items[0].json).toMatchObject({ container: 'raw', encoding: 'pcm_f32le', sampleRate: 24000 });
	});

	it('sends the generation settings where Cartesia expects them', async () => {
		const dictionary = standIn().dictionaries()[0].id;
		await runCartesia(
			standIn(),
			generate({
				model: { __rl: true, mode: 'id', value: 'sonic-3-2026-01-12' },
				generation: { volume: 1.5, speed: 0.8, emotion: 'excited', legacySpeed: 'fast', pronunciationDictId: byId(dictionary) },
			}),
		);
		const [request] = standIn().requests;
		expect(request.status).toBe(200);
		expect(request.json).toMatchObject({
			model_id: 'sonic-3-2026-01-12',
			generation_config: { volume: 1.5, speed: 0.8, emotion: 'excited' },
			speed: 'fast',
			pronunciation_dict_id: dictionary,
		});
	});

	it('sends duration under 2025-04-16 and refuses it under 2025-11-04', async () => {
		await runCartesia(standIn(), generate({ generation: { duration: 3 } }), { apiVersion: '2025-04-16' });
		expect(standIn().requests[0]).toMatchObject({ status: 200, json: expect.objectContaining({ duration: 3 }) });
		const { error } = await runCartesia(standIn(), generate({ generation: { duration: 3 } }));
		expect(error?.message).toBe('"Duration (Seconds)" is not available with Cartesia-Version 2025-11-04');
		expect(standIn().requests).toHaveLength(1);
	});

	it.each([
		['an empty transcript', { transcript: '={{ "" }}' }, '"Transcript" is empty'],
		['WAV without encoding', { outputFormat: { container: 'wav', encoding: '={{ "" }}' } }, '"Encoding" is required for WAV output'],
		['raw without encoding', { outputFormat: { container: 'raw', encoding: '={{ "" }}' } }, '"Encoding" is required for raw output'],
		['MP3 without bit rate', { outputFormat: { container: 'mp3', bitRate: '={{ "" }}' } }, '"Bit Rate" is required for MP3 output'],
		['a sample rate Cartesia refuses', { outputFormat: { container: 'wav', sampleRate: '={{ 11025 }}' } }, '"Sample Rate" 11025 is not accepted by Cartesia'],
		['a container Cartesia does not make', { outputFormat: { container: '={{ "ogg" }}' } }, '"Container" cannot be "ogg"'],
		['an unknown emotion', { generation: { emotion: '={{ "grumpy" }}' } }, '"Emotion" has an unknown value "grumpy"'],
		['a volume out of range', { generation: { volume: '={{ 3 }}' } }, '"Volume" must be from 0.5 to 2, not 3'],
	])('fails %s before sending anything, naming the parameter and the item', async (_case, parameters, message) => {
		const { error } = await runCartesia(standIn(), generate(parameters), { items: [{ json: {} }, { json: {} }] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('gives the file the chosen name with the right extension, whatever extension was typed', async () => {
		const { items } = await runCartesia(standIn(), generate({ options: { fileName: 'briefing.mp3' } }));
		expect(items[0].binary?.data.fileName).toBe('briefing.wav');
	});

	it('keeps the input JSON and binaries, writing the audio to the chosen field', async () => {
		const photo = { buffer: Buffer.from('not audio'), fileName: 'cover.png', mimeType: 'image/png' };
		const { items } = await runCartesia(standIn(), generate({ binaryPropertyOutput: 'audio' }), {
			items: [{ json: { title: 'Episode 1', container: 'input value' }, binary: { data: photo } }],
		});
		expect(Object.keys(items[0].binary ?? {}).sort()).toEqual(['audio', 'data']);
		expect(items[0].binary?.data.fileName).toBe('cover.png');
		// Result keys win over input keys of the same name.
		expect(items[0].json).toMatchObject({ title: 'Episode 1', container: 'wav' });
	});

	it('drops the input data when Keep Input Data is off', async () => {
		const { items } = await runCartesia(standIn(), generate({ options: { keepInputData: false } }), {
			items: [{ json: { title: 'Episode 1' }, binary: { cover: { buffer: Buffer.from('x'), mimeType: 'image/png' } } }],
		});
		expect(Object.keys(items[0].json).sort()).toEqual(
			['bytes', 'characters', 'container', 'durationSeconds', 'encoding', 'model', 'sampleRate', 'voiceId'],
		);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['data']);
	});

	it('writes the audio to disk in filesystem mode', async () => {
		const { items, result } = await runCartesia(standIn(), generate(), { binaryMode: 'filesystem' });
		expect(items[0].binary?.data.id).toMatch(/^filesystem/);
		expect(result.binaryPath(items[0], 'data')).toBeDefined();
		expect(parseWav(await result.readBinary(items[0], 'data')).sampleRate).toBe(44100);
	});

	it('fails the item when the connection breaks mid-file, and keeps going under continueOnFail', async () => {
		standIn().inject({ kind: 'reset-mid-body', afterBytes: 1000, path: '/tts/bytes' });
		const { items } = await runCartesia(standIn(), generate(), { continueOnFail: true, items: [{ json: {} }, { json: {} }] });
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toEqual(expect.stringContaining('Cartesia'));
		expect(items[0].binary).toBeUndefined();
		expect(items[1].binary?.data.fileName).toBe('speech.wav');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('retries a 503 and still returns the audio', async () => {
		standIn().inject({ kind: 'status', status: 503, path: '/tts/bytes' });
		const { items } = await runCartesia(standIn(), generate());
		expect(standIn().requests.map((request) => request.status)).toEqual([503, 200]);
		expect(items[0].binary?.data.mimeType).toBe('audio/wav');
	});

	it("reports Cartesia's refusal, decoded, for an unknown voice", async () => {
		const { error } = await runCartesia(standIn(), generate({ voice: byId('00000000-0000-4000-8000-000000000000') }), {
			apiVersion: '2026-03-01',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/^Cartesia: .*voice/i);
	});

	it('sends a language code from an expression trimmed and lower-cased', async () => {
		await runCartesia(standIn(), generate({ language: '={{ $json.lang }}' }), { items: [{ lang: ' DE ' }] });
		expect(standIn().requests[0].json).toMatchObject({ language: 'de' });
		expect(standIn().requests[0].status).toBe(200);
	});

	it('runs with Model set by an expression, as a bare ID (a workflow from before the picker)', async () => {
		const { items, error } = await runCartesia(standIn(), generate({ model: '={{ $json.model }}' }), {
			items: [{ model: 'sonic-3' }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(standIn().requests[0].json).toMatchObject({ model_id: 'sonic-3' });
	});

	it('takes any model ID in the picker’s By ID mode, trimmed and lower-cased, with the language By Code', async () => {
		await runCartesia(
			standIn(),
			generate({
				model: { __rl: true, mode: 'id', value: '={{ $json.model }}' },
				language: { __rl: true, mode: 'code', value: '={{ $json.lang }}' },
			}),
			{ items: [{ model: ' Sonic-3-2026-01-12 ', lang: 'FR' }] },
		);
		expect(standIn().requests[0].json).toMatchObject({ model_id: 'sonic-3-2026-01-12', language: 'fr' });
	});
});
