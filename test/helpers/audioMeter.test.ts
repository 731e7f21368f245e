/** The meter on the way into n8n's binary store: bytes always, duration from the format. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { OutputFormat } from '../../nodes/Cartesia/catalog';
import { wavHeader } from '../../nodes/Cartesia/helpers/audio';
import { AudioMeter } from '../../nodes/Cartesia/helpers/audioMeter';
import { id3Tag, mp3Chunks, mpegLayout, wavHeader as standInWavHeader } from '../standin/audio';

/** Streams `file` through a meter in `chunkSize` pieces and returns what it measured and passed on. */
async function meter(format: OutputFormat, file: Buffer, chunkSize = 1000) {
	const chunks: Buffer[] = [];
	for (let offset = 0; offset < file.length; offset += chunkSize) chunks.push(file.subarray(offset, offset + chunkSize));
	const audioMeter = new AudioMeter(format);
	const passed: Buffer[] = [];
	await pipeline(
		Readable.from(chunks),
		audioMeter,
		new Writable({
			write(chunk: Buffer, _encoding, callback) {
				passed.push(chunk);
				callback();
			},
		}),
	);
	return { ...audioMeter.measure(), passed: Buffer.concat(passed) };
}

const WAV_16K: OutputFormat = { container: 'wav', encoding: 'pcm_s16le', sample_rate: 16000 };

describe('the audio meter', () => {
	it('passes every byte on unchanged and counts them', async () => {
		const file = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 256));
		const measured = await meter({ container: 'raw', encoding: 'pcm_s16le', sample_rate: 8000 }, file, 333);
		expect(measured.passed.equals(file)).toBe(true);
		expect(measured.bytes).toBe(5000);
	});

	it('hands each chunk on as it came, never joined: a store that reads what is buffered (writeFile) gets the same Buffers, not copies', async () => {
		const audioMeter = new AudioMeter({ container: 'raw', encoding: 'pcm_s16le', sample_rate: 8000 });
		const sent = [Buffer.alloc(65536, 1), Buffer.alloc(65536, 2), Buffer.alloc(1000, 3)];
		// Written before anyone reads: all three wait in the meter together.
		for (const chunk of sent) audioMeter.write(chunk);
		audioMeter.end();
		const read: Buffer[] = [];
		for await (const chunk of audioMeter) read.push(chunk as Buffer);
		expect(read).toHaveLength(3);
		read.forEach((chunk, index) => expect(chunk).toBe(sent[index]));
		expect(audioMeter.measure().bytes).toBe(132072);
	});

	it('times raw PCM by its bytes: 48,000 bytes of 32-bit float at 24 kHz is 0.5 s', async () => {
		expect((await meter({ container: 'raw', encoding: 'pcm_f32le', sample_rate: 24000 }, Buffer.alloc(48000))).durationSeconds).toBe(0.5);
		expect((await meter({ container: 'raw', encoding: 'pcm_mulaw', sample_rate: 8000 }, Buffer.alloc(12000))).durationSeconds).toBe(1.5);
	});

	it('times a WAV by its data chunk, not its header, with chunks before the data (LIST) read over', async () => {
		const data = Buffer.alloc(32000 * 3);
		const canonical = Buffer.concat([wavHeader('pcm_s16le', 16000, data.length), data]);
		expect(await meter(WAV_16K, canonical, 7)).toMatchObject({ durationSeconds: 3, bytes: canonical.length });
		const withList = Buffer.concat([standInWavHeader('pcm_s16le', 16000, data.length, 'a transcript in a LIST chunk'), data]);
		expect((await meter(WAV_16K, withList, 5)).durationSeconds).toBe(3);
	});

	it("trusts the WAV header's byte rate, and counts the bytes that came when the size says 'unknown'", async () => {
		const data = Buffer.alloc(44100 * 2);
		const header = wavHeader('pcm_s16le', 44100, 0xffffffff - 64);
		header.writeUInt32LE(0xffffffff, header.length - 4);
		// Asked for 16 kHz, but the file says 44.1 kHz: the file is right.
		expect((await meter(WAV_16K, Buffer.concat([header, data]))).durationSeconds).toBe(1);
	});

	it('leaves the duration of a "WAV" that is not one unknown (null) rather than guessing', async () => {
		expect((await meter(WAV_16K, Buffer.from('this is not a RIFF file at all'))).durationSeconds).toBeNull();
	});

	it('times an MP3 by counting its frames', async () => {
		// The stand-in's MP3: an ID3 tag, then 100 MPEG 1 frames at 44.1 kHz, 128 kbps.
		const layout = mpegLayout(44100, 128000);
		const bytes = Array.from({ length: 100 }, (_, index) => layout.frameLength(index)).reduce((sum, length) => sum + length, 0);
		const frameBytes = [...mp3Chunks(44100, 128000, bytes)];
		const file = Buffer.concat([id3Tag('hello'), ...frameBytes]);
		const measured = await meter({ container: 'mp3', sample_rate: 44100, bit_rate: 128000 }, file, 4096);
		expect(measured.durationSeconds).toBe(Math.round(((100 * 1152) / 44100) * 1000) / 1000);
		expect(measured.bytes).toBe(file.length);
	});
});
