/**
 * Long text in "Continuous" mode: one narration over the TTS WebSocket (one context, continuations,
 * a flush after each input), spooled and stored as one WAV or raw file. The stand-in's audio per input
 * is deterministic and carries its transcript, so the file can be checked to the byte and in order.
 */
import { WEBSOCKET_INPUT_CHARACTERS, splitByParagraph, splitText } from '../../nodes/Cartesia/helpers/textParts';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { filesUnder, usePartSpoolFolder } from '../helpers/longText';
import { parseWav } from '../helpers/wav';
import { TTS_WEBSOCKET_PATH } from '../standin';
import { type AudioFormat, planAudio, secondsForText } from '../standin/audio';
import { payloadMarkers } from '../standin/payloadMarker';

const standIn = useStandIn();

const englishParagraph = (topic: string, sentences: number) =>
	Array.from({ length: sentences }, (_, index) => `The ${topic} report, part ${index + 1}, says the morning was calm.`).join(' ');

/** About 3,000 characters: English paragraphs, one with an inline tag, and a CJK paragraph. */
const ARTICLE = [
	englishParagraph('weather', 14),
	`Now a short pause. <break time="1s"/> And we are back. ${englishParagraph('traffic', 12)}`,
	'今天的天气很好，我们去公园散步吧。明天也许会下雨，记得带伞。'.repeat(8),
	englishParagraph('sports', 12),
].join('\n\n');

const INPUTS = splitText(ARTICLE, WEBSOCKET_INPUT_CHARACTERS);

const generate = (outputFormat: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation: 'generate',
	transcript: ARTICLE,
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	outputFormat,
	...extra,
});

/** What the stand-in sends for one input: its samples (the transcript marker is written over the first). */
const inputBytes = (format: AudioFormat, text: string) => planAudio(format, text, secondsForText(text)).audioBytes;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The transcripts the stand-in put in the audio, in the order they are in the file. */
const markers = payloadMarkers;

type Message = Record<string, unknown>;
const inputsOf = (messages: unknown[]) => (messages as Message[]).filter((message) => typeof message.transcript === 'string' && message.transcript !== '');
const flushesOf = (messages: unknown[]) => (messages as Message[]).filter((message) => message.flush === true);
const upgrades = () => standIn().requests.filter((request) => request.path === TTS_WEBSOCKET_PATH);

const leftoverSpools = usePartSpoolFolder('continuous-test-');

async function until(condition: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 3000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('Speech → Generate with long text (Continuous, TTS WebSocket)', () => {
	it('splits the article into inputs of about 500 characters that join back to the text', () => {
		expect([...ARTICLE].length).toBeGreaterThan(2000);
		expect(INPUTS.length).toBeGreaterThanOrEqual(5);
		expect(INPUTS.join('')).toBe(ARTICLE);
		for (const input of INPUTS) expect([...input].length).toBeLessThanOrEqual(WEBSOCKET_INPUT_CHARACTERS);
	});

	it('narrates WAV in one context, a flush after each input, into one file with one right header, in order', async () => {
		const { items, result, error } = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }));
		expect(error).toBeUndefined();
		expect(standIn().webSockets).toHaveLength(1);
		const { messages } = standIn().webSockets[0];
		const inputs = inputsOf(messages);
		expect(inputs.map((input) => input.transcript)).toEqual(INPUTS);
		expect(new Set((messages as Message[]).map((message) => message.context_id)).size).toBe(1);
		expect(inputs.map((input) => input.continue)).toEqual(INPUTS.map((_, index) => index < INPUTS.length - 1));
		// Each input but the last is followed by its flush; `done` completes the last.
		expect(flushesOf(messages)).toHaveLength(INPUTS.length - 1);
		for (const message of messages as Message[]) {
			expect(message).toMatchObject({ model_id: 'sonic-3', output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 8000 } });
		}
		const file = await result.readBinary(items[0], 'data');
		const wav = parseWav(file);
		const dataBytes = sum(INPUTS.map((input) => inputBytes({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }, input)));
		expect(wav).toMatchObject({ sampleRate: 8000, bitsPerSample: 16, riffSizeConsistent: true, dataBytes });
		expect(wav.chunkIds).toEqual(['fmt ', 'data']);
		expect(markers(file)).toEqual(INPUTS);
		expect(items[0].json).toEqual({
			container: 'wav',
			encoding: 'pcm_s16le',
			sampleRate: 8000,
			durationSeconds: Math.round((dataBytes / 2 / 8000) * 1000) / 1000,
			bytes: file.length,
			characters: [...ARTICLE].length,
			model: 'sonic-3',
			voiceId: standIn().voices()[0].id,
			parts: INPUTS.length,
			mode: 'continuous',
			reconnects: 0,
		});
		expect(leftoverSpools()).toEqual([]);
	});

	it('narrates raw PCM (16 kHz) as exactly the inputs’ audio, one after the other', async () => {
		const format = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 } as const;
		const { items, result } = await runCartesia(standIn(), generate(format));
		const file = await result.readBinary(items[0], 'data');
		expect(file.length).toBe(sum(INPUTS.map((input) => inputBytes(format, input))));
		expect(markers(file)).toEqual(INPUTS);
		expect(items[0].json).toMatchObject({ container: 'raw', mode: 'continuous', parts: INPUTS.length });
	});

	it('puts the paragraph pause between paragraphs as silence, each paragraph ending on a flush', async () => {
		const format = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 } as const;
		const parts = splitByParagraph(ARTICLE, WEBSOCKET_INPUT_CHARACTERS);
		const { items, result } = await runCartesia(standIn(), generate(format, { longText: { paragraphPause: 0.5 } }));
		const file = await result.readBinary(items[0], 'data');
		const pauses = 3 * 0.5 * 8000 * 2;
		expect(file.length).toBe(sum(parts.map((part) => inputBytes(format, part.text))) + pauses);
		expect(inputsOf(standIn().webSockets[0].messages).map((input) => input.transcript)).toEqual(parts.map((part) => part.text));
		expect(markers(file)).toEqual(parts.map((part) => part.text));
	});

	it('uses Parallel Parts for MP3 whatever Mode says (the WebSocket speaks PCM only)', async () => {
		const { items, error } = await runCartesia(standIn(), generate({ container: 'mp3', sampleRate: 16000, bitRate: 32000 }, { longText: { mode: 'continuous' } }));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ mode: 'parallel' });
		expect(upgrades()).toEqual([]);
	});

	it('reconnects after a dropped connection, takes the text up again in a new context, and says so', async () => {
		// Mid-way through the second input: its partial audio must not reach the file.
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-drop', afterChunks: 30 + Math.ceil(inputBytes({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }, INPUTS[0]) / 4096) });
		const format = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 } as const;
		const { items, result, error } = await runCartesia(standIn(), generate(format));
		expect(error).toBeUndefined();
		expect(standIn().webSockets).toHaveLength(2);
		const [first, second] = standIn().webSockets.map((socket) => inputsOf(socket.messages));
		expect(second[0].transcript).toBe(INPUTS[1]);
		expect(second[0].context_id).not.toBe(first[0].context_id);
		const file = await result.readBinary(items[0], 'data');
		expect(markers(file)).toEqual(INPUTS);
		expect(file.length).toBe(sum(INPUTS.map((input) => inputBytes(format, input))));
		expect(items[0].json).toMatchObject({ mode: 'continuous', reconnects: 1 });
	});

	it('fails the item once the connection has dropped more often than Max Retries allows, storing nothing', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-drop', afterInputs: 1, times: 3 });
		const { error } = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, { requestOptions: { maxRetries: 1 } }));
		expect(error?.message).toMatch(/Could not reach Cartesia/);
		expect(error?.description).toMatch(/WebSocket closed before the narration was done/);
		// The first connection, and one reconnect.
		expect(upgrades()).toHaveLength(2);
		expect(leftoverSpools()).toEqual([]);
	});

	it('reconnects when the connection stalls past the Idle Timeout', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-stall', afterChunks: 10 });
		const { items, error } = await runCartesia(standIn(), generate({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }, { requestOptions: { idleTimeout: 0.3 } }));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ reconnects: 1 });
	});

	it('fails the item when Cartesia reports an error mid-way: no stored file, no temporary file', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-error', afterInputs: 2, message: 'the third input is refused' });
		const { error, result } = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }), { binaryMode: 'filesystem' });
		expect(error?.message).toContain('the third input is refused');
		expect(error?.httpCode).toBe('500');
		// The error frame's own request id (per message on 2025-11-04: `<upgrade id>:<context id>:<uuid>`).
		expect(error?.context?.requestId).toMatch(new RegExp(`^${standIn().webSockets[0].requestId}:narration-`));
		expect(upgrades()).toHaveLength(1);
		expect(leftoverSpools()).toEqual([]);
		expect(filesUnder(result.binaryDir)).toEqual([]);
	});

	it('under Continue On Fail, gives the failing item its error paired to it and the next its audio', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-error', afterInputs: 1, message: 'refused mid-way' });
		const { items } = await runCartesia(
			standIn(),
			generate({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }, { transcript: '={{ $json.text }}', requestOptions: { maxConcurrentRequests: 1 } }),
			{ continueOnFail: true, items: [{ json: { text: ARTICLE } }, { json: { text: ARTICLE } }] },
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toContain('refused mid-way');
		expect(items[0].binary).toBeUndefined();
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ mode: 'continuous', parts: INPUTS.length });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(leftoverSpools()).toEqual([]);
	});

	it('closes the socket when the execution is canceled, leaving no temporary files', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-stall', afterChunks: 5 });
		const controller = new AbortController();
		const running = runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }), { signal: controller.signal, binaryMode: 'filesystem' });
		await until(() => standIn().webSockets.length === 1, 'the WebSocket to open');
		controller.abort();
		const { result } = await running;
		expect(result.status).toBe('canceled');
		await until(() => !standIn().webSockets[0].open, 'the stand-in to see the socket closed');
		await until(() => leftoverSpools().length === 0, 'the temporary files to go');
	});

	it('waits for capacity when the upgrade is refused with 429 (Max Wait for Capacity, not Max Retries)', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'status', status: 429, errorCode: 'concurrency_limited', times: 2 });
		const { items, error } = await runCartesia(standIn(), generate({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }, { requestOptions: { maxRetries: 0 } }));
		expect(error).toBeUndefined();
		expect(upgrades().map((request) => request.status)).toEqual([429, 429, 101]);
		expect(items[0].json).toMatchObject({ mode: 'continuous', reconnects: 0 });
	});

	it('holds one concurrency slot for the whole narration: with Max Concurrent Requests 1, the next opens after its done', async () => {
		const { items } = await runCartesia(
			standIn(),
			generate({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }, { requestOptions: { maxConcurrentRequests: 1 } }),
			{ items: [{}, {}] },
		);
		expect(items.map((item) => item.json.mode)).toEqual(['continuous', 'continuous']);
		const [first, second] = standIn().webSockets;
		expect(first.doneAt).toBeDefined();
		expect(second.openedAt).toBeGreaterThan(first.doneAt ?? Infinity);
	});

	it('fails with Cartesia’s words when the upgrade is refused for good, without waiting', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'status', status: 403, message: 'this plan has no WebSocket access' });
		const { error } = await runCartesia(standIn(), generate({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }));
		expect(error?.message).toContain('this plan has no WebSocket access');
		expect(error?.httpCode).toBe('403');
		expect(upgrades()).toHaveLength(1);
	});

	it('refuses bad settings and version mismatches before any connection', async () => {
		const badMode = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, { longText: { mode: 'streaming' } }));
		expect(badMode.error?.message).toContain('"Mode" in Long Text Settings');
		expect(badMode.error?.context?.itemIndex).toBe(0);
		const locale = await runCartesia(standIn(), generate({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 }, { language: 'en-GB' }), { apiVersion: '2025-04-16' });
		expect(locale.error?.message).toMatch(/Language or Locale/);
		expect(upgrades()).toEqual([]);
	});

	it('never lets the API key into an error, even when Cartesia echoes it', async () => {
		standIn().inject({ path: TTS_WEBSOCKET_PATH, kind: 'ws-error', afterInputs: 0, echoKey: true });
		const { error } = await runCartesia(standIn(), generate({ container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 }));
		expect(error).toBeDefined();
		expect(JSON.stringify({ message: error?.message, description: error?.description, context: error?.context })).not.toContain(standIn().apiKey);
		expect(error?.message).toContain('[redacted]');
	});
});

describe('Speech → Generate with a 30,000-character article (Continuous)', () => {
	const LONG_ARTICLE = Array.from({ length: Math.ceil(30_000 / ARTICLE.length) }, () => ARTICLE).join('\n\n');
	const LONG_INPUTS = splitText(LONG_ARTICLE, WEBSOCKET_INPUT_CHARACTERS);

	it('narrates it in one context into one WAV whose duration is the sum of its inputs, in order', async () => {
		expect([...LONG_ARTICLE].length).toBeGreaterThan(30_000);
		const format = { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 } as const;
		const { items, result, error } = await runCartesia(standIn(), generate(format, { transcript: LONG_ARTICLE }), { binaryMode: 'filesystem' });
		expect(error).toBeUndefined();
		expect(standIn().webSockets).toHaveLength(1);
		expect(inputsOf(standIn().webSockets[0].messages)).toHaveLength(LONG_INPUTS.length);
		const file = await result.readBinary(items[0], 'data');
		const dataBytes = sum(LONG_INPUTS.map((input) => inputBytes(format, input)));
		expect(parseWav(file)).toMatchObject({ dataBytes, riffSizeConsistent: true });
		expect(markers(file)).toEqual(LONG_INPUTS);
		expect(items[0].json).toMatchObject({ durationSeconds: Math.round((dataBytes / 2 / 8000) * 1000) / 1000, parts: LONG_INPUTS.length, mode: 'continuous' });
		expect(leftoverSpools()).toEqual([]);
	});
});

describe('Speech → Generate With Timestamps with long text (Continuous)', () => {
	const withTimestamps = (wrapAsWav: boolean) => ({
		resource: 'speech',
		operation: 'generateWithTimestamps',
		transcript: ARTICLE,
		model: 'sonic-3',
		voice: byId(standIn().voices()[0].id),
		language: 'en',
		outputFormat: { encoding: 'pcm_s16le', sampleRate: 8000, wrapAsWav },
		wordTimestamps: true,
		phonemeTimestamps: true,
		longText: { paragraphPause: 0.25 },
	});

	it.each([
		['run from the start of the context', false],
		['restart at 0 for each input', true],
	])('gives word timestamps on the file’s time line, monotonic and ending with its audio, when Cartesia’s %s', async (_label, restart) => {
		standIn().setWebSocketTimestampsRestartPerInput(restart);
		const { items, result, error } = await runCartesia(standIn(), withTimestamps(true));
		expect(error).toBeUndefined();
		const json = items[0].json as { words: Array<{ word: string; start: number; end: number }>; phonemes: unknown[]; durationSeconds: number; mode: string };
		expect(json.mode).toBe('continuous');
		expect(json.words.map((word) => word.word).join(' ')).toBe(ARTICLE.split(/\s+/).filter(Boolean).join(' '));
		for (const [index, word] of json.words.entries()) {
			expect(word.end).toBeGreaterThanOrEqual(word.start);
			if (index > 0) expect(word.start).toBeGreaterThanOrEqual(json.words[index - 1].end - 1e-6);
		}
		expect(json.words[json.words.length - 1].end).toBeCloseTo(json.durationSeconds, 2);
		expect(json.phonemes.length).toBeGreaterThan(json.words.length);
		// The pause after the first paragraph lies between its last word and the next one's first.
		const firstParagraphWords = englishParagraph('weather', 14).split(' ').length;
		expect(json.words[firstParagraphWords].start - json.words[firstParagraphWords - 1].end).toBeCloseTo(0.25, 2);
		const wav = parseWav(await result.readBinary(items[0], 'data'));
		expect(wav.dataBytes / 2 / 8000).toBeCloseTo(json.durationSeconds, 2);
	});
});
