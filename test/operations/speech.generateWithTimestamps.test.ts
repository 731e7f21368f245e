import { NodeApiError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { parseWav } from '../helpers/wav';
import { buildCues, toSrt, toWebVtt, type TimedWord } from '../../nodes/Cartesia/helpers/subtitles';

const standIn = useStandIn();

const TRANSCRIPT = 'Hello world, this is the evening edition.';

const withTimestamps = (extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation: 'generateWithTimestamps',
	transcript: TRANSCRIPT,
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000 },
	wordTimestamps: true,
	phonemeTimestamps: true,
	...extra,
});

describe('Speech → Generate With Timestamps', () => {
	it('asks for raw audio with timestamps over SSE', async () => {
		await runCartesia(standIn(), withTimestamps({ options: { contextId: 'chapter-3', normalizedTimestamps: true } }));
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/tts/sse', status: 200 });
		expect(request.headers.accept).toBe('text/event-stream');
		expect(request.json).toEqual({
			model_id: 'sonic-3',
			transcript: TRANSCRIPT,
			voice: { mode: 'id', id: standIn().voices()[0].id },
			output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 },
			language: 'en',
			add_timestamps: true,
			add_phoneme_timestamps: true,
			use_normalized_timestamps: true,
			context_id: 'chapter-3',
		});
	});

	it('joins the chunks into one WAV with a correct header, and returns word and phoneme timings', async () => {
		const { items, result } = await runCartesia(standIn(), withTimestamps({ options: { contextId: 'c1' } }));
		const [item] = items;
		expect(item.binary?.data).toMatchObject({ fileName: 'speech.wav', mimeType: 'audio/wav' });
		const file = await result.readBinary(item, 'data');
		const wav = parseWav(file);
		expect(wav).toMatchObject({ formatCode: 1, sampleRate: 16000, bitsPerSample: 16, riffSizeConsistent: true });
		expect(wav.dataBytes).toBeGreaterThan(16000);
		expect((item.json.words as Array<{ word: string }>).map((word) => word.word).join(' ')).toBe(TRANSCRIPT);
		expect(item.json.words).toEqual(
			expect.arrayContaining([{ word: 'Hello', start: expect.any(Number), end: expect.any(Number) }]),
		);
		expect((item.json.phonemes as unknown[]).length).toBeGreaterThan(0);
		expect(item.json.phonemes).toEqual(
			expect.arrayContaining([{ phoneme: expect.any(String), start: expect.any(Number), end: expect.any(Number) }]),
		);
		expect(item.json).toMatchObject({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000, contextId: 'c1' });
	});

	it.each([
		['pcm_f32le', 3, 32],
		['pcm_alaw', 6, 8],
		['pcm_mulaw', 7, 8],
	])('wraps %s with WAVE format code %i', async (encoding, formatCode, bitsPerSample) => {
		const { items, result } = await runCartesia(standIn(), withTimestamps({ outputFormat: { encoding, sampleRate: 8000 } }));
		const wav = parseWav(await result.readBinary(items[0], 'data'));
		expect(wav).toMatchObject({ formatCode, bitsPerSample, sampleRate: 8000, riffSizeConsistent: true });
		expect(wav.chunkIds).toEqual(['fmt ', 'fact', 'data']);
		expect(wav.byteRate).toBe((8000 * bitsPerSample) / 8);
	});

	it('returns bare PCM (.pcm) when Wrap as WAV is off', async () => {
		const { items, result } = await runCartesia(standIn(), withTimestamps({ outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000, wrapAsWav: false } }));
		expect(items[0].binary?.data).toMatchObject({ fileName: 'speech.pcm', mimeType: 'application/octet-stream' });
		expect(items[0].json).toMatchObject({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 });
		const pcm = await result.readBinary(items[0], 'data');
		expect(pcm.subarray(0, 4).toString('latin1')).not.toBe('RIFF');
	});

	it('leaves out the timings that were not asked for', async () => {
		const { items } = await runCartesia(standIn(), withTimestamps({ wordTimestamps: false, phonemeTimestamps: false }));
		expect(standIn().requests[0].json).not.toHaveProperty('add_timestamps');
		expect(items[0].json).not.toHaveProperty('words');
		expect(items[0].json).not.toHaveProperty('phonemes');
	});

	it('asks Cartesia for raw PCM, as streams require, even when the workflow names another container', async () => {
		const { items } = await runCartesia(standIn(), withTimestamps({ outputFormat: { container: 'mp3', sampleRate: 16000 } }));
		expect(standIn().requests[0].json).toMatchObject({
			output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 },
		});
		expect(items[0].json).toMatchObject({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 });
	});

	it("fails the item with Cartesia's message when an error event arrives mid-stream, returning no partial file", async () => {
		standIn().inject({ kind: 'sse-error', afterEvents: 2, message: 'Generation failed halfway' });
		const { error } = await runCartesia(standIn(), withTimestamps());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Cartesia: Generation failed halfway');
	});

	it('under continueOnFail, a mid-stream error leaves an error item without audio', async () => {
		standIn().inject({ kind: 'sse-error', afterEvents: 2, message: 'Generation failed halfway' });
		const { items } = await runCartesia(standIn(), withTimestamps(), { continueOnFail: true, apiVersion: '2026-03-01' });
		expect(items[0].json.error).toBe('Cartesia: Generation failed halfway');
		expect(items[0].binary).toBeUndefined();
	});

	it('fails on a malformed event', async () => {
		standIn().inject({ kind: 'sse-malformed', afterEvents: 1 });
		const { error } = await runCartesia(standIn(), withTimestamps());
		expect(error?.message).toContain('malformed event');
	});

	it('reads the 2024-11-13 error event shape too', async () => {
		standIn().inject({ kind: 'sse-error', afterEvents: 1, message: 'Old-style failure' });
		const { error } = await runCartesia(standIn(), withTimestamps(), { apiVersion: '2024-11-13' });
		expect(error?.message).toBe('Cartesia: Old-style failure');
	});

	describe('captions (Subtitles, as in Transcribe)', () => {
		const TWO_SENTENCES = 'The morning news is here. Markets opened calm and the weather stays dry today.';

		it('returns SRT and WebVTT built from the word timestamps with Transcribe’s cue rules', async () => {
			const { items } = await runCartesia(standIn(), withTimestamps({ transcript: TWO_SENTENCES, options: { subtitles: ['srt', 'vtt'] } }));
			const words = items[0].json.words as TimedWord[];
			expect(items[0].json.srt).toBe(toSrt(buildCues(words)));
			expect(items[0].json.vtt).toBe(toWebVtt(buildCues(words)));
			// A sentence end starts a new cue.
			expect(items[0].json.srt).toMatch(/^1\n00:00:00,000 --> \d\d:\d\d:\d\d,\d{3}\nThe morning news is here\.\n\n2\n/);
		});

		it('asks for word timestamps when only captions need them, and returns the captions without the words', async () => {
			const { items } = await runCartesia(
				standIn(),
				withTimestamps({ transcript: TWO_SENTENCES, wordTimestamps: false, phonemeTimestamps: false, options: { subtitles: ['vtt'] } }),
			);
			expect(standIn().requests[0].json).toMatchObject({ add_timestamps: true });
			expect(items[0].json).not.toHaveProperty('words');
			expect(items[0].json).not.toHaveProperty('srt');
			expect(items[0].json.vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
		});

		it('writes them as speech.srt and speech.vtt binary files beside the audio when asked', async () => {
			const { items, result } = await runCartesia(
				standIn(),
				withTimestamps({ transcript: TWO_SENTENCES, options: { subtitles: ['srt', 'vtt'], subtitlesOutput: 'binary' } }),
			);
			expect(items[0].binary?.data).toMatchObject({ fileName: 'speech.wav' });
			expect(items[0].binary?.srt).toMatchObject({ fileName: 'speech.srt', mimeType: 'application/x-subrip' });
			expect(items[0].binary?.vtt).toMatchObject({ fileName: 'speech.vtt', mimeType: 'text/vtt' });
			expect((await result.readBinary(items[0], 'srt')).toString('utf8')).toBe(toSrt(buildCues(items[0].json.words as TimedWord[])));
			expect(items[0].json).not.toHaveProperty('srt');
		});

		it('refuses an unknown caption format before sending anything', async () => {
			const { error } = await runCartesia(standIn(), withTimestamps({ options: { subtitles: ['ass'] } }));
			expect(error?.message).toBe('"Subtitles" has an unknown format "ass"');
			expect(standIn().requests).toHaveLength(0);
		});

		it('drops an upstream srt field when captions are not asked for this time', async () => {
			const { items } = await runCartesia(standIn(), withTimestamps(), { items: [{ json: { srt: 'an old subtitle', episode: 7 } }] });
			expect(items[0].json).not.toHaveProperty('srt');
			expect(items[0].json.episode).toBe(7);
		});
	});
});
