/**
 * The stand-in's transcript marker in the audio payload: it survives what the node's joiners keep of
 * each part, and the scanner finds every part's marker in order, however the bytes are chunked.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { WavSamplesFilter } from '../../nodes/Cartesia/helpers/audioParts';
import { Mp3FrameCounter, Mp3FrameFilter } from '../../nodes/Cartesia/helpers/mp3Frames';
import { type AudioFormat, audioBody, planAudio, secondsForText } from './audio';
import { ssePieces } from './handlers/tts';
import { markerBytes, markerRecords, PayloadMarkerScanner } from './payloadMarker';

const TEXTS = ['The first part, in English. ', '第二部分是中文。', 'And the third <break time="1s"/> part.'];

async function kept(body: Buffer[], filter: NodeJS.ReadWriteStream): Promise<Buffer> {
	const out: Buffer[] = [];
	await pipeline(Readable.from(body), filter, async (source: AsyncIterable<string | Buffer>) => {
		for await (const chunk of source) out.push(Buffer.from(chunk));
	});
	return Buffer.concat(out);
}

const bodyOf = (format: AudioFormat, text: string) => [...audioBody(planAudio(format, text, secondsForText(text)))];

function scan(bytes: Buffer, chunkSize: number): string[] {
	const scanner = new PayloadMarkerScanner();
	for (let offset = 0; offset < bytes.length; offset += chunkSize) scanner.push(bytes.subarray(offset, offset + chunkSize));
	return scanner.texts;
}

describe('payload transcript marker', () => {
	it('is found whatever the chunking, even a byte at a time', () => {
		const bytes = Buffer.concat([Buffer.alloc(5, 7), markerBytes('héllo 世界'), Buffer.alloc(3), markerBytes('again')]);
		for (const size of [1, 2, 5, 11, bytes.length]) expect(scan(bytes, size)).toEqual(['héllo 世界', 'again']);
	});

	it('does not change the audio length: the marker is written over samples, not added', () => {
		const format: AudioFormat = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 };
		const plan = planAudio(format, TEXTS[0], secondsForText(TEXTS[0]));
		const withMarker = Buffer.concat([...audioBody(plan)]);
		const trailer = withMarker.length - plan.audioBytes;
		expect(withMarker.subarray(0, plan.audioBytes).includes(markerBytes(TEXTS[0]))).toBe(true);
		expect(trailer).toBeLessThan(200);
	});

	it('survives WAV sample concatenation: every part’s text, in order', async () => {
		const format: AudioFormat = { container: 'wav', encoding: 'pcm_mulaw', sampleRate: 8000 };
		const samples = await Promise.all(TEXTS.map((text) => kept(bodyOf(format, text), new WavSamplesFilter())));
		expect(scan(Buffer.concat(samples), 4096)).toEqual(TEXTS);
	});

	it('survives MP3 frame concatenation without ID3 tags and Info frames, and leaves the frames countable', async () => {
		const format: AudioFormat = { container: 'mp3', sampleRate: 8000, bitRate: 8000 };
		const frames = await Promise.all(TEXTS.map((text) => kept(bodyOf(format, text), new Mp3FrameFilter())));
		const joined = Buffer.concat(frames);
		expect(joined.includes('ID3')).toBe(false);
		expect(scan(joined, 1000)).toEqual(TEXTS);
		const counter = new Mp3FrameCounter();
		counter.push(joined);
		const expected = TEXTS.reduce((sum, text) => sum + Math.ceil((secondsForText(text) * 8000) / 576), 0);
		expect(counter.result().frames).toBe(expected);
	});

	it('survives raw concatenation of SSE streams, which carry nothing after their samples', () => {
		const format: AudioFormat = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 };
		const streams = TEXTS.map((text) => {
			const audioBytes = planAudio(format, text, secondsForText(text)).audioBytes;
			const pcm = Buffer.concat([...ssePieces(format, audioBytes, text)]);
			expect(pcm.length).toBe(audioBytes);
			return pcm;
		});
		expect(scan(Buffer.concat(streams), 4096)).toEqual(TEXTS);
	});

	it('is left out when the audio is too short to hold it whole, so it never swallows the next part’s', () => {
		const format: AudioFormat = { container: 'raw', encoding: 'pcm_mulaw', sampleRate: 8000 };
		const short = Buffer.concat([...audioBody(planAudio(format, 'a long text that does not fit', 1, 10))]);
		const next = Buffer.concat([...audioBody(planAudio(format, 'next', 1))]);
		expect(scan(Buffer.concat([short, next]), 4096)).toEqual(['next']);
	});

	it('never leaves an answer’s marker in the tone that later answers in the same format share', () => {
		const format: AudioFormat = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 };
		// 200 KB: several tone blocks, so a marker written into the shared block would show up again.
		const answer = (text: string, audioBytes = 200_000) => Buffer.concat([...audioBody(planAudio(format, text, 1, audioBytes))]);
		expect(scan(answer('the first answer'), 4096)).toEqual(['the first answer']);
		expect(scan(answer('second'), 4096)).toEqual(['second']);
		expect(scan(answer('a text too long for ten bytes', 10), 4096)).toEqual([]);
	});

	it('drops a marker whose last records are missing when the next one starts', () => {
		const cut = markerRecords('x'.repeat(100), 10).slice(0, 3);
		const bytes = Buffer.concat([...cut, Buffer.alloc(100), markerBytes('whole')]);
		expect(scan(bytes, 7)).toEqual(['whole']);
	});
});
