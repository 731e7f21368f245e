/**
 * Speech → Generate With Timestamps with a transcript longer than one part: each part is its own
 * /tts/sse request, whose timestamps start at 0; the node joins the PCM and moves each part's
 * timestamps by the audio joined before it. The stand-in records how many seconds each answer held.
 */
import type { TimedWord } from '../../nodes/Cartesia/helpers/subtitles';
import { partCount, splitByParagraph, splitEvenly } from '../../nodes/Cartesia/helpers/textParts';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { filesUnder, runCanceledMidway, srtCueTimes, transcribeFile, usePartSpoolFolder } from '../helpers/longText';
import { parseWav } from '../helpers/wav';
import { makeArticle } from '../longText/article';

const standIn = useStandIn();

const ARTICLE = makeArticle(6000);
/** One request at a time (every test here): the fewest even parts (helpers/textParts.ts partCount). */
const PARTS = splitEvenly(ARTICLE, partCount([...ARTICLE].length, 1));

const withTimestamps = (extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation: 'generateWithTimestamps',
	transcript: ARTICLE,
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat: { encoding: 'pcm_s16le', sampleRate: 8000 },
	wordTimestamps: true,
	phonemeTimestamps: true,
	requestOptions: { maxConcurrentRequests: 1 },
	...extra,
	// WAV and raw default to Continuous (speech.continuous.test.ts); this file is about Parallel Parts.
	longText: { mode: 'parallel', ...(extra.longText as object | undefined) },
});

const sseRequests = () => standIn().requests.filter((request) => request.path === '/tts/sse');
/** Seconds of audio the stand-in sent for each part (the parts of the whole article unless told), in part order. */
const partSeconds = (parts: string[] = PARTS) =>
	parts.map((part) => sseRequests().find((request) => (request.json as { transcript: string }).transcript === part)?.audioSeconds ?? Number.NaN);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Where each part starts, from the parts' recorded durations and the pauses after paragraphs. */
function partStarts(seconds: number[], pauseAfter: (index: number) => number = () => 0): number[] {
	let at = 0;
	return seconds.map((duration, index) => {
		const start = at;
		at += duration + pauseAfter(index);
		return start;
	});
}

const leftoverSpools = usePartSpoolFolder('timestamps-longtext-test-');

describe('Speech → Generate With Timestamps with long text (Parallel Parts)', () => {
	it('sends each part in order to /tts/sse and joins their PCM into one WAV as long as the parts together', async () => {
		const { items, result, error } = await runCartesia(standIn(), withTimestamps({ requestOptions: { maxConcurrentRequests: 1 } }));
		expect(error).toBeUndefined();
		expect(PARTS.length).toBeGreaterThanOrEqual(3);
		expect(sseRequests().map((request) => (request.json as { transcript: string }).transcript)).toEqual(PARTS);
		const file = await result.readBinary(items[0], 'data');
		const wav = parseWav(file);
		expect(wav).toMatchObject({ formatCode: 1, sampleRate: 8000, riffSizeConsistent: true });
		expect(wav.dataBytes).toBe(Math.round(sum(partSeconds()) * 8000) * 2);
		expect(items[0].json).toMatchObject({
			container: 'wav',
			durationSeconds: ms(sum(partSeconds())),
			characters: [...ARTICLE].length,
			parts: PARTS.length,
			mode: 'parallel',
		});
		expect(leftoverSpools()).toEqual([]);
	});

	it('moves each part’s timestamps by the audio before it: monotonic, continuous, ending at the file’s duration', async () => {
		const { items } = await runCartesia(standIn(), withTimestamps());
		const words = items[0].json.words as TimedWord[];
		const phonemes = items[0].json.phonemes as Array<{ start: number; end: number }>;
		// Each request's timestamps start at 0 (the stand-in's, as Cartesia's); joined, they must not.
		expect(words.map((word) => word.word)).toEqual(PARTS.flatMap((part) => part.split(/\s+/).filter(Boolean)));
		for (const list of [words, phonemes]) {
			for (let index = 1; index < list.length; index++) {
				expect(list[index].start).toBeGreaterThanOrEqual(list[index - 1].end - 1e-6);
				expect(list[index].end).toBeGreaterThanOrEqual(list[index].start);
			}
		}
		const starts = partStarts(partSeconds());
		const firstWordOfPart = PARTS.map((_, index) => PARTS.slice(0, index).reduce((count, part) => count + part.split(/\s+/).filter(Boolean).length, 0));
		for (const [index, wordIndex] of firstWordOfPart.entries()) expect(words[wordIndex].start).toBeCloseTo(starts[index], 3);
		expect(words[words.length - 1].end).toBeCloseTo(items[0].json.durationSeconds as number, 3);
	});

	it('counts the paragraph pauses in the offsets and the file', async () => {
		const paragraphs = splitByParagraph(ARTICLE);
		const { items, result } = await runCartesia(standIn(), withTimestamps({ longText: { paragraphPause: 0.5 }, outputFormat: { encoding: 'pcm_mulaw', sampleRate: 8000, wrapAsWav: false } }));
		const seconds = partSeconds(paragraphs.map((part) => part.text));
		const pauseAfter = (index: number) => (paragraphs[index].endsParagraph && index < paragraphs.length - 1 ? 0.5 : 0);
		const pauses = sum(paragraphs.map((_, index) => pauseAfter(index)));
		const file = await result.readBinary(items[0], 'data');
		expect(file.length).toBe(Math.round((sum(seconds) + pauses) * 8000));
		const words = items[0].json.words as TimedWord[];
		const starts = partStarts(seconds, pauseAfter);
		const secondPartFirstWord = paragraphs[0].text.split(/\s+/).filter(Boolean).length;
		expect(words[secondPartFirstWord].start).toBeCloseTo(starts[1], 3);
		expect(starts[1]).toBeCloseTo(seconds[0] + 0.5, 6);
		expect(words[words.length - 1].end).toBeCloseTo(items[0].json.durationSeconds as number, 3);
		expect(items[0].json).toMatchObject({ container: 'raw', parts: paragraphs.length });
	});

	it('makes SRT and WebVTT continuous across parts', async () => {
		const { items } = await runCartesia(standIn(), withTimestamps({ options: { subtitles: ['srt', 'vtt'] } }));
		const srtTimes = srtCueTimes(String(items[0].json.srt));
		expect(srtTimes.length).toBeGreaterThan(PARTS.length);
		for (let index = 1; index < srtTimes.length; index++) expect(srtTimes[index].start).toBeGreaterThanOrEqual(srtTimes[index - 1].end);
		expect(srtTimes[srtTimes.length - 1].end).toBeCloseTo(items[0].json.durationSeconds as number, 2);
		const vttCues = String(items[0].json.vtt).split('\n\n').length - 1;
		expect(vttCues).toBe(srtTimes.length);
	});

	it('round-trips the transcript through Transcribe, every part in order', async () => {
		const generated = await runCartesia(standIn(), withTimestamps({ wordTimestamps: false, phonemeTimestamps: false, outputFormat: { encoding: 'pcm_s16le', sampleRate: 8000, wrapAsWav: false } }));
		const file = await generated.result.readBinary(generated.items[0], 'data');
		const transcription = await transcribeFile(standIn(), file, 'speech.pcm', { pcmEncoding: 'pcm_s16le', pcmSampleRate: 8000 });
		expect(transcription).toMatchObject({ text: ARTICLE, duration: generated.items[0].json.durationSeconds });
	});

	it('fails the item when a part fails mid-way, storing nothing and leaving no temporary files', async () => {
		standIn().inject({ kind: 'sse-error', path: '/tts/sse', after: 2, afterEvents: 3, message: 'part three broke' });
		const { error, result } = await runCartesia(standIn(), withTimestamps({ requestOptions: { maxConcurrentRequests: 1 } }), { binaryMode: 'filesystem' });
		expect(error?.message).toBe('Cartesia: part three broke');
		expect(error?.context?.itemIndex).toBe(0);
		expect(filesUnder(result.binaryDir)).toEqual([]);
		expect(leftoverSpools()).toEqual([]);
		expect(sseRequests()).toHaveLength(3);
	});

	it('under Continue On Fail, gives the failing item its error and the next item its audio', async () => {
		standIn().inject({ kind: 'sse-error', path: '/tts/sse', after: 1, afterEvents: 2, message: 'part two broke' });
		const { items } = await runCartesia(
			standIn(),
			withTimestamps({ transcript: '={{ $json.text }}', requestOptions: { maxConcurrentRequests: 1 } }),
			{ continueOnFail: true, items: [{ json: { text: ARTICLE } }, { json: { text: 'A short one.' } }] },
		);
		expect(items[0].json.error).toBe('Cartesia: part two broke');
		expect(items[0].binary).toBeUndefined();
		expect(items[1].json).toMatchObject({ characters: 12, words: [{ word: 'A' }, { word: 'short' }, { word: 'one.' }] });
		expect(items[1].json).not.toHaveProperty('parts');
		expect(leftoverSpools()).toEqual([]);
	});

	it('stops the parts when the execution is canceled, leaving no temporary files', async () => {
		const result = await runCanceledMidway(standIn(), withTimestamps(), leftoverSpools);
		expect(result.status).toBe('canceled');
		expect(standIn().inFlight).toBe(0);
		expect(leftoverSpools()).toEqual([]);
		expect(filesUnder(result.binaryDir)).toEqual([]);
	});
});
