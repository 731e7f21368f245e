/**
 * What the long-text joiner keeps of each part: a WAV part's samples (nothing of its header, nothing
 * after its declared data), an MP3 part's audio frames (no ID3 tag, no Xing/Info frame, no cut frame).
 */
import { Readable } from 'node:stream';

import { AudioPartSpool, WavSamplesFilter } from '../../nodes/Cartesia/helpers/audioParts';
import { Mp3FrameFilter } from '../../nodes/Cartesia/helpers/mp3Frames';
import { id3Tag, infoFrame, mp3Chunks, mpegLayout, wavHeader } from '../standin/audio';

/** The bytes `filter` keeps of `input`, fed in chunks of `chunkBytes`. */
async function kept(filter: WavSamplesFilter | Mp3FrameFilter, input: Buffer, chunkBytes: number): Promise<Buffer> {
	const chunks = Array.from({ length: Math.ceil(input.length / chunkBytes) }, (_, index) =>
		input.subarray(index * chunkBytes, (index + 1) * chunkBytes),
	);
	const out: Buffer[] = [];
	for await (const chunk of Readable.from(chunks).pipe(filter)) out.push(chunk as Buffer);
	return Buffer.concat(out);
}

describe('WavSamplesFilter', () => {
	const samples = Buffer.from(Array.from({ length: 999 }, (_, index) => index % 251));
	const wav = Buffer.concat([wavHeader('pcm_mulaw', 8000, samples.length, 'a transcript'), samples, Buffer.alloc(1), Buffer.from('LIST....')]);

	it.each([1, 7, 64, 100_000])('keeps exactly the declared samples, in chunks of %i bytes', async (chunkBytes) => {
		expect(await kept(new WavSamplesFilter(), wav, chunkBytes)).toEqual(samples);
	});

	it('keeps everything after the header when the header does not know the size', async () => {
		const streaming = Buffer.from(wav.subarray(0, wav.length - 9));
		const header = wavHeader('pcm_mulaw', 8000, samples.length, 'a transcript');
		streaming.writeUInt32LE(0xffffffff, header.length - 4);
		expect(await kept(new WavSamplesFilter(), streaming, 50)).toEqual(samples);
	});

	it('refuses a part that is not a WAV', async () => {
		await expect(kept(new WavSamplesFilter(), Buffer.from('ID3 and then some more bytes'), 8)).rejects.toThrow('not a WAV');
	});
});

describe('Mp3FrameFilter', () => {
	const layout = mpegLayout(16000, 32000);
	const frames = Buffer.concat([...mp3Chunks(16000, 32000, layout.frameLength(0) * 10)]);

	it.each([1, 13, 4096])('drops the ID3 tag and the leading Info frame, in chunks of %i bytes', async (chunkBytes) => {
		const part = Buffer.concat([id3Tag('a transcript'), infoFrame(16000, 32000), frames]);
		expect(await kept(new Mp3FrameFilter(), part, chunkBytes)).toEqual(frames);
	});

	it('drops a frame cut short at the end and junk between frames', async () => {
		const part = Buffer.concat([frames.subarray(0, layout.frameLength(0) * 2), Buffer.from('TAGjunk'), frames.subarray(layout.frameLength(0) * 2, -5)]);
		const out = await kept(new Mp3FrameFilter(), part, 100);
		expect(out).toEqual(frames.subarray(0, layout.frameLength(0) * 9));
	});
});

describe('AudioPartSpool.base64Writer', () => {
	const bytes = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, index) => (index * 31 + seed) % 256));
	const read = async (spool: AudioPartSpool, count: number) => Buffer.concat(await Readable.from(spool.joined({ count })).toArray());

	it('decodes base64 pieces of any size, smaller or larger than its block, onto the part in order', async () => {
		const spool = await AudioPartSpool.create('pcm');
		try {
			const pieces = [1, 2, 3, 4095, 4096, 70_000, 10, 65_536, 200_000, 7].map((length, seed) => bytes(length, seed));
			const writer = await spool.base64Writer(0);
			for (const piece of pieces) await writer.add(piece.toString('base64'));
			expect(spool.sizeOf(0)).toBe(0);
			await writer.finish();
			const whole = Buffer.concat(pieces);
			expect(spool.sizeOf(0)).toBe(whole.length);
			expect((await read(spool, 1)).equals(whole)).toBe(true);
		} finally {
			await spool.remove();
		}
	});

	it('leaves a discarded part uncounted, and a second writer replaces it', async () => {
		const spool = await AudioPartSpool.create('pcm');
		try {
			const lost = await spool.base64Writer(0);
			await lost.add(bytes(100_000, 1).toString('base64'));
			await lost.discard();
			expect(spool.sizeOf(0)).toBe(0);
			const again = await spool.base64Writer(0);
			await again.add(bytes(300, 2).toString('base64'));
			await again.finish();
			expect(spool.sizeOf(0)).toBe(300);
			expect((await read(spool, 1)).equals(bytes(300, 2))).toBe(true);
		} finally {
			await spool.remove();
		}
	});
});
