/**
 * What the long-text joiner keeps of each part: a WAV part's samples (nothing of its header, nothing
 * after its declared data), an MP3 part's audio frames (no ID3 tag, no Xing/Info frame, no cut frame).
 */
import { Readable } from 'node:stream';

import { WavSamplesFilter } from '../../nodes/Cartesia/helpers/audioParts';
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
