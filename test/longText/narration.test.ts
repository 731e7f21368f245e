/**
 * The 30,000-character article narrated through the engine in Parallel Parts, once per container, and
 * continuously over the TTS WebSocket in WAV and raw:
 * about 30 minutes of stand-in audio each, at 8–16 kHz to stay fast. Each gives one file as long as
 * its parts together (the stand-in records each part's seconds), whose transcript comes back whole
 * and in order through Transcribe; with timestamps, they run on across parts to the file's end, and
 * the captions with them. A part failing mid-way fails the item and stores nothing.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { TimedWord } from '../../nodes/Cartesia/helpers/subtitles';
import { partCount, splitEvenly, splitText, WEBSOCKET_INPUT_CHARACTERS } from '../../nodes/Cartesia/helpers/textParts';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { filesUnder, srtCueTimes, transcribeFile, usePartSpoolFolder } from '../helpers/longText';
import { planAudio, secondsForText } from '../standin/audio';
import { makeArticle } from './article';

const standIn = useStandIn();

const ARTICLE = makeArticle(30_000);
const MAX_CONCURRENT_REQUESTS = 4;
/** Parallel Parts cuts the article into even parts, in whole rounds of the 4 requests at once. */
const PARTS = splitEvenly(ARTICLE, partCount([...ARTICLE].length, MAX_CONCURRENT_REQUESTS));

const speech = (operation: string, outputFormat: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation,
	transcript: ARTICLE,
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat,
	requestOptions: { maxConcurrentRequests: MAX_CONCURRENT_REQUESTS },
	...extra,
	// WAV and raw default to Continuous (speech.continuous.test.ts); this file is about Parallel Parts.
	longText: { mode: 'parallel', ...(extra.longText as object | undefined) },
});

const ttsRequests = () => standIn().requests.filter((request) => request.path.startsWith('/tts/'));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
/** Seconds of audio the stand-in sent for the parts: the file must last as long. */
const partsSeconds = () => sum(ttsRequests().map((request) => request.audioSeconds ?? Number.NaN));

const leftoverSpools = usePartSpoolFolder('narration-test-');

describe('the 30,000-character article, narrated in Parallel Parts', () => {
	it('is the article the issue asks for: about 30,000 characters, several paragraphs, CJK, inline tags', () => {
		expect([...ARTICLE].length).toBeGreaterThan(29_500);
		expect([...ARTICLE].length).toBeLessThanOrEqual(30_000);
		expect(ARTICLE.split('\n\n').length).toBeGreaterThan(20);
		expect(ARTICLE.split('\n\n').filter((paragraph) => /^[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+$/.test(paragraph)).length).toBeGreaterThan(0);
		expect(ARTICLE).toContain('<break time="1s"/>');
		expect(makeArticle(30_000)).toBe(ARTICLE);
		expect(PARTS.length).toBeGreaterThan(10);
	});

	it.each([
		['WAV', { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, {}],
		['raw µ-law', { container: 'raw', encoding: 'pcm_mulaw', sampleRate: 8000 }, { pcmEncoding: 'pcm_mulaw', pcmSampleRate: 8000 }],
		['MP3', { container: 'mp3', sampleRate: 16000, bitRate: 32000 }, {}],
	])('Generate, %s: one file as long as its parts, whose transcript comes back whole and in order', async (_name, format, sttOptions) => {
		const { items, result, error } = await runCartesia(standIn(), speech('generate', format), { binaryMode: 'filesystem' });
		expect(error).toBeUndefined();
		expect(ttsRequests()).toHaveLength(PARTS.length);
		const item = items[0];
		expect(item.json).toMatchObject({ container: format.container, parts: PARTS.length, mode: 'parallel', characters: [...ARTICLE].length });
		expect(item.json.durationSeconds).toBeCloseTo(partsSeconds(), 3);
		expect(item.json.durationSeconds).toBeGreaterThan(1700);
		const file = await result.readBinary(item, 'data');
		expect(file.length).toBe(item.json.bytes);
		const transcription = await transcribeFile(standIn(), file, String(item.binary?.data.fileName), sttOptions);
		expect(transcription.text).toBe(ARTICLE);
		expect(transcription.duration).toBe(item.json.durationSeconds);
	});

	it('Generate With Timestamps, WAV: timestamps monotonic to the file’s end, SRT/VTT continuous, transcript whole', async () => {
		const { items, result, error } = await runCartesia(
			standIn(),
			speech('generateWithTimestamps', { encoding: 'pcm_s16le', sampleRate: 8000 }, { wordTimestamps: true, options: { subtitles: ['srt', 'vtt'] } }),
			{ binaryMode: 'filesystem' },
		);
		expect(error).toBeUndefined();
		const item: INodeExecutionData = items[0];
		expect(item.json).toMatchObject({ container: 'wav', parts: PARTS.length, mode: 'parallel' });
		const duration = item.json.durationSeconds as number;
		expect(duration).toBeCloseTo(partsSeconds(), 3);
		const words = item.json.words as TimedWord[];
		for (let index = 1; index < words.length; index++) {
			expect(words[index].start).toBeGreaterThanOrEqual(words[index - 1].end - 1e-6);
		}
		expect(words[words.length - 1].end).toBeCloseTo(duration, 3);
		const cues = srtCueTimes(String(item.json.srt));
		for (let index = 1; index < cues.length; index++) expect(cues[index].start).toBeGreaterThanOrEqual(cues[index - 1].end);
		expect(cues[cues.length - 1].end).toBeCloseTo(duration, 2);
		expect(String(item.json.vtt).split(' --> ').length - 1).toBe(cues.length);
		const transcription = await transcribeFile(standIn(), await result.readBinary(item, 'data'), 'speech.wav');
		expect(transcription).toMatchObject({ text: ARTICLE, duration });
	});

	it('fails the item when a part fails mid-way, with no file in the binary store and no temporary files', async () => {
		standIn().inject({ kind: 'status', status: 400, path: '/tts/bytes', after: 6, message: 'part seven is refused' });
		const { error, result } = await runCartesia(standIn(), speech('generate', { container: 'mp3', sampleRate: 16000, bitRate: 32000 }), {
			binaryMode: 'filesystem',
		});
		expect(error?.message).toContain('part seven is refused');
		expect(error?.context?.itemIndex).toBe(0);
		expect(filesUnder(result.binaryDir)).toEqual([]);
		expect(leftoverSpools()).toEqual([]);
		expect(ttsRequests().length).toBeLessThan(PARTS.length);
	});
});

describe('the 30,000-character article, narrated continuously (TTS WebSocket)', () => {
	const INPUTS = splitText(ARTICLE, WEBSOCKET_INPUT_CHARACTERS);
	const continuous = (operation: string, outputFormat: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		...speech(operation, outputFormat, extra),
		longText: { mode: 'continuous' },
	});
	/** Bytes of PCM the stand-in speaks for the inputs, at `sampleRate` and 1 byte (µ-law) or 2 per sample. */
	const inputsBytes = (encoding: 'pcm_s16le' | 'pcm_mulaw', sampleRate: number) =>
		sum(INPUTS.map((input) => planAudio({ container: 'raw', encoding, sampleRate }, input, secondsForText(input)).audioBytes));

	it.each([
		['WAV', { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, {}],
		['raw µ-law', { container: 'raw', encoding: 'pcm_mulaw', sampleRate: 8000 }, { pcmEncoding: 'pcm_mulaw', pcmSampleRate: 8000 }],
	] as const)('Generate, %s: one context, one file as long as its inputs, whose transcript comes back whole and in order', async (_name, format, sttOptions) => {
		const { items, result, error } = await runCartesia(standIn(), continuous('generate', format), { binaryMode: 'filesystem' });
		expect(error).toBeUndefined();
		expect(standIn().webSockets).toHaveLength(1);
		const item = items[0];
		expect(item.json).toMatchObject({ container: format.container, parts: INPUTS.length, mode: 'continuous', reconnects: 0 });
		const bytesPerSample = format.encoding === 'pcm_mulaw' ? 1 : 2;
		expect(item.json.durationSeconds).toBeCloseTo(inputsBytes(format.encoding, 8000) / bytesPerSample / 8000, 3);
		const file = await result.readBinary(item, 'data');
		const transcription = await transcribeFile(standIn(), file, String(item.binary?.data.fileName), sttOptions);
		expect(transcription.text).toBe(ARTICLE);
		expect(transcription.duration).toBe(item.json.durationSeconds);
		expect(leftoverSpools()).toEqual([]);
	});

	it('Generate With Timestamps, WAV: timestamps monotonic to the file’s end, SRT/VTT continuous, transcript whole', async () => {
		const { items, result, error } = await runCartesia(
			standIn(),
			continuous('generateWithTimestamps', { encoding: 'pcm_s16le', sampleRate: 8000 }, { wordTimestamps: false, options: { subtitles: ['srt', 'vtt'] } }),
			{ binaryMode: 'filesystem' },
		);
		expect(error).toBeUndefined();
		const item: INodeExecutionData = items[0];
		expect(item.json).toMatchObject({ container: 'wav', parts: INPUTS.length, mode: 'continuous' });
		// Word Timestamps off: the captions are made from timestamps the node asked for, and words are not returned.
		expect(item.json.words).toBeUndefined();
		const duration = item.json.durationSeconds as number;
		const cues = srtCueTimes(String(item.json.srt));
		expect(cues.length).toBeGreaterThan(INPUTS.length);
		for (let index = 1; index < cues.length; index++) expect(cues[index].start).toBeGreaterThanOrEqual(cues[index - 1].end);
		expect(cues[cues.length - 1].end).toBeCloseTo(duration, 2);
		expect(String(item.json.vtt).split(' --> ').length - 1).toBe(cues.length);
		const transcription = await transcribeFile(standIn(), await result.readBinary(item, 'data'), 'speech.wav');
		expect(transcription).toMatchObject({ text: ARTICLE, duration });
	});
});
