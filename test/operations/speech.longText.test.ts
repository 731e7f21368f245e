/**
 * Speech → Generate with a transcript longer than one part: "Parallel Parts" over /tts/bytes, joined
 * into one file. The stand-in's audio length per part is deterministic (test/standin/audio.ts), so the
 * joined file can be checked to the byte against the parts Cartesia was asked for.
 */
import { Mp3FrameCounter, parseFrameHeader } from '../../nodes/Cartesia/helpers/mp3Frames';
import { BYTES_PART_CHARACTERS, partCount, splitByParagraph, splitEvenly } from '../../nodes/Cartesia/helpers/textParts';
import { START_WINDOWS } from '../../nodes/Cartesia/transport/sharedLimiters';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { filesUnder, runCanceledMidway, transcribeFile, usePartSpoolFolder } from '../helpers/longText';
import { parseWav } from '../helpers/wav';
import { type AudioFormat, planAudio, secondsForText } from '../standin/audio';

const standIn = useStandIn();

const englishParagraph = (topic: string, sentences: number) =>
	Array.from(
		{ length: sentences },
		(_, index) => `The ${topic} report, part ${index + 1}, says that the morning was calm and the markets opened without surprises.`,
	).join(' ');

/** About 8,000 characters: long English paragraphs, a CJK paragraph and an inline tag. */
const ARTICLE = [
	englishParagraph('weather', 26),
	`Now a short pause. <break time="1s"/> And we are back with the news. ${englishParagraph('traffic', 22)}`,
	'今天的天气很好，我们去公园散步吧。明天也许会下雨，记得带伞。'.repeat(25),
	englishParagraph('sports', 24),
].join('\n\n');

/** The parts as the node cuts the article when `window` requests may run at once: whole rounds, even sizes. */
const partsFor = (window: number) => splitEvenly(ARTICLE, partCount([...ARTICLE].length, window));
/** Max Concurrent Requests 1. */
const PARTS = partsFor(1);
/** Automatic concurrency in a fresh process: the cold TTS window. */
const COLD_PARTS = partsFor(START_WINDOWS.tts);

const generate = (outputFormat: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation: 'generate',
	transcript: ARTICLE,
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat,
	...extra,
	// WAV and raw default to Continuous (speech.continuous.test.ts); this file is about Parallel Parts.
	longText: { mode: 'parallel', ...(extra.longText as object | undefined) },
});

const ttsRequests = () => standIn().requests.filter((request) => request.path === '/tts/bytes');
const sentTranscripts = () => ttsRequests().map((request) => (request.json as { transcript: string }).transcript);

/** Audio bytes the stand-in makes for each part in this format (without header, tag or trailer). */
const partAudioBytes = (format: AudioFormat, parts = PARTS) => parts.map((part) => planAudio(format, part, secondsForText(part)).audioBytes);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The node's temporary part files go to os.tmpdir(): a folder of this file's own, to see them go. */
const leftoverSpools = usePartSpoolFolder('longtext-test-');

describe('Speech → Generate with long text (Parallel Parts)', () => {
	it('splits the test article into several parts within the /tts/bytes part size, in whole rounds of the window', () => {
		expect([...ARTICLE].length).toBeGreaterThan(7500);
		expect(PARTS.length).toBeGreaterThanOrEqual(4);
		expect(partsFor(3).length % 3).toBe(0);
		expect(COLD_PARTS).toHaveLength(START_WINDOWS.tts);
		for (const parts of [PARTS, partsFor(3), COLD_PARTS]) {
			expect(parts.join('')).toBe(ARTICLE);
			for (const part of parts) expect([...part].length).toBeLessThanOrEqual(BYTES_PART_CHARACTERS);
		}
	});

	it('sends each part in order to /tts/bytes, as the splitter cut it, and joins them into one WAV with one right header', async () => {
		const format = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 };
		const { items, result, error } = await runCartesia(standIn(), generate(format, { requestOptions: { maxConcurrentRequests: 1 } }));
		expect(error).toBeUndefined();
		expect(sentTranscripts()).toEqual(PARTS);
		for (const request of ttsRequests()) {
			expect(request.json).toMatchObject({ output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 8000 } });
		}
		expect(items).toHaveLength(1);
		const file = await result.readBinary(items[0], 'data');
		const wav = parseWav(file);
		const samples = sum(partAudioBytes({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }));
		expect(wav).toMatchObject({ formatCode: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, riffSizeConsistent: true });
		expect(wav.chunkIds).toEqual(['fmt ', 'data']);
		expect(wav.dataBytes).toBe(samples);
		expect(items[0].binary?.data).toMatchObject({ fileName: 'speech.wav', mimeType: 'audio/wav' });
		expect(items[0].json).toEqual({
			container: 'wav',
			encoding: 'pcm_s16le',
			sampleRate: 8000,
			durationSeconds: Math.round((samples / 2 / 8000) * 1000) / 1000,
			bytes: file.length,
			characters: [...ARTICLE].length,
			model: 'sonic-3',
			voiceId: standIn().voices()[0].id,
			parts: PARTS.length,
			mode: 'parallel',
		});
		expect(leftoverSpools()).toEqual([]);
	});

	it('joins raw PCM (8-bit µ-law) with nothing between the parts: the file is exactly the sum of their samples', async () => {
		const format = { container: 'raw', encoding: 'pcm_mulaw', sampleRate: 16000 };
		const { items, result } = await runCartesia(standIn(), generate(format));
		// Parts are asked for as WAV, whose header says exactly where the samples end.
		for (const request of ttsRequests()) {
			expect(request.json).toMatchObject({ output_format: { container: 'wav', encoding: 'pcm_mulaw', sample_rate: 16000 } });
		}
		const file = await result.readBinary(items[0], 'data');
		const samples = sum(partAudioBytes({ container: 'raw', encoding: 'pcm_mulaw', sampleRate: 16000 }, COLD_PARTS));
		expect(file.length).toBe(samples);
		expect(file.includes('CARTESIA-STANDIN')).toBe(false);
		expect(items[0].json).toMatchObject({
			container: 'raw',
			durationSeconds: Math.round((samples / 16000) * 1000) / 1000,
			parts: COLD_PARTS.length,
			mode: 'parallel',
		});
		expect(items[0].binary?.data.fileName).toBe('speech.pcm');
	});

	it('joins MP3 parts into frames only: no ID3 tag, no Info frame from any part, every part’s frames counted', async () => {
		const format = { container: 'mp3', sampleRate: 16000, bitRate: 32000 };
		const { items, result } = await runCartesia(standIn(), generate(format));
		expect(ttsRequests()).toHaveLength(COLD_PARTS.length);
		const file = await result.readBinary(items[0], 'data');
		const frameBytes = partAudioBytes({ container: 'mp3', sampleRate: 16000, bitRate: 32000 }, COLD_PARTS);
		const partFrames = COLD_PARTS.map((part) => Math.ceil((secondsForText(part) * 16000) / 576));
		expect(file.length).toBe(sum(frameBytes));
		expect(file.includes('ID3')).toBe(false);
		expect(file.includes('Info')).toBe(false);
		const counter = new Mp3FrameCounter();
		counter.push(file);
		expect(counter.result().frames).toBe(sum(partFrames));
		expect(items[0].json).toMatchObject({
			container: 'mp3',
			durationSeconds: Math.round(((sum(partFrames) * 576) / 16000) * 1000) / 1000,
			bytes: file.length,
			parts: COLD_PARTS.length,
			mode: 'parallel',
		});
	});

	describe('round trip through Transcribe: every part’s words come back, in order', () => {
		it.each([
			['WAV', { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, {}],
			['raw µ-law', { container: 'raw', encoding: 'pcm_mulaw', sampleRate: 8000 }, { pcmEncoding: 'pcm_mulaw', pcmSampleRate: 8000 }],
			['MP3', { container: 'mp3', sampleRate: 16000, bitRate: 32000 }, {}],
		])('%s', async (_name, format, sttOptions) => {
			const generated = await runCartesia(standIn(), generate(format, { requestOptions: { maxConcurrentRequests: 3 } }));
			const file = await generated.result.readBinary(generated.items[0], 'data');
			expect(generated.items[0].json.parts).toBe(partsFor(3).length);
			const transcription = await transcribeFile(standIn(), file, String(generated.items[0].binary?.data.fileName), sttOptions);
			expect(transcription.text).toBe(ARTICLE);
			expect(transcription.duration).toBe(generated.items[0].json.durationSeconds);
		});
	});

	it('runs the parts side by side under the concurrency limit', async () => {
		standIn().setLatency(150);
		await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, { requestOptions: { maxConcurrentRequests: 3 } }));
		expect(standIn().maxInFlight).toBeGreaterThan(1);
		expect(standIn().maxInFlight).toBeLessThanOrEqual(3);
		expect([...sentTranscripts()].sort()).toEqual([...partsFor(3)].sort());
	});

	it('keeps a short transcript in one request, without parts or mode in the JSON', async () => {
		const { items } = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, { transcript: 'Short.' }));
		expect(ttsRequests()).toHaveLength(1);
		expect(items[0].json).not.toHaveProperty('parts');
		expect(items[0].json).not.toHaveProperty('mode');
	});

	describe('Paragraph Pause', () => {
		const THREE_PARAGRAPHS = ['The first paragraph.', 'The second one, a little longer than the first.', 'The end.'].join('\n\n');
		const paragraphs = splitByParagraph(THREE_PARAGRAPHS).map((part) => part.text);

		it('puts the pause as silence between paragraphs of a WAV, each paragraph a part of its own', async () => {
			const format = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 } as const;
			const { items, result } = await runCartesia(
				standIn(),
				generate(format, { transcript: THREE_PARAGRAPHS, longText: { paragraphPause: 0.5 } }),
			);
			expect(sentTranscripts()).toEqual(paragraphs);
			const speech = paragraphs.map((text) => planAudio(format, text, secondsForText(text)).audioBytes);
			const pauseBytes = 0.5 * 8000 * 2;
			const file = await result.readBinary(items[0], 'data');
			const wav = parseWav(file);
			expect(wav.dataBytes).toBe(sum(speech) + 2 * pauseBytes);
			expect(wav.riffSizeConsistent).toBe(true);
			const samples = file.subarray(file.length - wav.dataBytes);
			const firstPause = samples.subarray(speech[0], speech[0] + pauseBytes);
			expect(firstPause.equals(Buffer.alloc(pauseBytes))).toBe(true);
			expect(samples.subarray(speech[0] + pauseBytes, speech[0] + pauseBytes + 64).equals(Buffer.alloc(64))).toBe(false);
			expect(items[0].json).toMatchObject({ parts: 3, mode: 'parallel', durationSeconds: (sum(speech) + 2 * pauseBytes) / 16000 });
		});

		it('writes µ-law silence as µ-law zero (0xFF) in raw output', async () => {
			const format = { container: 'raw', encoding: 'pcm_mulaw', sampleRate: 8000 } as const;
			const { items, result } = await runCartesia(standIn(), generate(format, { transcript: THREE_PARAGRAPHS, longText: { paragraphPause: 0.25 } }));
			const speech = paragraphs.map((text) => planAudio(format, text, secondsForText(text)).audioBytes);
			const file = await result.readBinary(items[0], 'data');
			expect(file.length).toBe(sum(speech) + 2 * 2000);
			expect(file.subarray(speech[0], speech[0] + 2000).equals(Buffer.alloc(2000, 0xff))).toBe(true);
		});

		it('puts the pause in MP3 as silent frames like the parts’ own, counted in the duration', async () => {
			const format = { container: 'mp3', sampleRate: 16000, bitRate: 32000 } as const;
			const { items, result } = await runCartesia(standIn(), generate(format, { transcript: THREE_PARAGRAPHS, longText: { paragraphPause: 0.5 } }));
			expect(sentTranscripts()).toEqual(paragraphs);
			const file = await result.readBinary(items[0], 'data');
			const speechFrames = paragraphs.map((text) => Math.ceil((secondsForText(text) * 16000) / 576));
			const pauseFrames = Math.round((0.5 * 16000) / 576);
			const counter = new Mp3FrameCounter();
			counter.push(file);
			expect(counter.result().frames).toBe(sum(speechFrames) + 2 * pauseFrames);
			// The first pause starts right after the first paragraph's frames, with its header's rate and mode.
			const firstPauseAt = planAudio(format, paragraphs[0], secondsForText(paragraphs[0])).audioBytes;
			const pauseHeader = parseFrameHeader(file, firstPauseAt);
			expect(pauseHeader).toMatchObject({ sampleRate: 16000, bitRate: 32000, mono: true, padding: 0, hasCrc: false });
			expect(file.subarray(firstPauseAt + 4, firstPauseAt + pauseHeader!.frameLength).equals(Buffer.alloc(pauseHeader!.frameLength - 4))).toBe(true);
			expect(items[0].json).toMatchObject({
				parts: 3,
				mode: 'parallel',
				durationSeconds: Math.round((((sum(speechFrames) + 2 * pauseFrames) * 576) / 16000) * 1000) / 1000,
			});
		});
	});

	it('fails the item when a part fails, and stores nothing, not even half a file', async () => {
		standIn().inject({ kind: 'status', status: 400, path: '/tts/bytes', after: 2, message: 'part three is refused' });
		const { error, result } = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }), {
			binaryMode: 'filesystem',
		});
		expect(error?.message).toContain('part three is refused');
		expect(error?.context?.itemIndex).toBe(0);
		expect(filesUnder(result.binaryDir)).toEqual([]);
		expect(leftoverSpools()).toEqual([]);
	});

	it('stops the other parts, queued or in flight, once one fails', async () => {
		standIn().setLatency(300);
		standIn().inject({ kind: 'status', status: 400, path: '/tts/bytes', message: 'the first part is refused' });
		const started = Date.now();
		const { error } = await runCartesia(
			standIn(),
			generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, { requestOptions: { maxConcurrentRequests: 3 } }),
			{ binaryMode: 'filesystem' },
		);
		expect(error?.message).toContain('the first part is refused');
		// The refused part and its siblings in flight, no more: the queued parts never go.
		expect(ttsRequests().length).toBeLessThanOrEqual(3);
		expect(partsFor(3).length).toBeGreaterThan(3);
		expect(Date.now() - started).toBeLessThan(300 * partsFor(3).length);
		expect(leftoverSpools()).toEqual([]);
	});

	it('under Continue On Fail, gives the failing item its error in its own place and the others their audio', async () => {
		standIn().inject({ kind: 'status', status: 400, path: '/tts/bytes', after: 2, message: 'part three is refused' });
		const { items } = await runCartesia(
			standIn(),
			generate(
				{ container: 'mp3', sampleRate: 16000, bitRate: 32000 },
				{ transcript: '={{ $json.text }}', requestOptions: { maxConcurrentRequests: 1 } },
			),
			{ continueOnFail: true, items: [{ json: { text: ARTICLE } }, { json: { text: 'A short one.' } }] },
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toContain('part three is refused');
		expect(items[0].binary).toBeUndefined();
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ container: 'mp3', characters: 12 });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(leftoverSpools()).toEqual([]);
	});

	it('stops the parts when the execution is canceled, leaving no temporary files', async () => {
		const result = await runCanceledMidway(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }), leftoverSpools);
		expect(result.status).toBe('canceled');
		expect(leftoverSpools()).toEqual([]);
		expect(filesUnder(result.binaryDir)).toEqual([]);
	});
});
