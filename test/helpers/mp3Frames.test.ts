/**
 * The MP3 frame counter, fed real frame sequences built here from their headers: the duration of an
 * MP3 is its audio frames × samples per frame ÷ sample rate, whatever tags and chunking surround them.
 */
import { Mp3FrameCounter, parseFrameHeader, silentMp3Frames } from '../../nodes/Cartesia/helpers/mp3Frames';

interface FrameSpec {
	/** 1, 2 or 2.5 */
	version: 1 | 2 | 2.5;
	sampleRate: number;
	kbps: number;
	padding?: 0 | 1;
	mono?: boolean;
	crc?: boolean;
}

const VERSION_BITS = { 1: 0b11, 2: 0b10, 2.5: 0b00 } as const;
const RATES = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] } as const;
const KBPS_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const KBPS_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

/** The 4 header bytes of a Layer III frame, as the MPEG audio standard lays them out. */
function header(spec: FrameSpec): Buffer {
	const bitRateIndex = (spec.version === 1 ? KBPS_V1 : KBPS_V2).indexOf(spec.kbps);
	const rateIndex = (RATES[spec.version] as readonly number[]).indexOf(spec.sampleRate);
	if (bitRateIndex < 1 || rateIndex < 0) throw new Error(`no such frame: ${JSON.stringify(spec)}`);
	return Buffer.from([
		0xff,
		0xe0 | (VERSION_BITS[spec.version] << 3) | (0b01 << 1) | (spec.crc ? 0 : 1),
		(bitRateIndex << 4) | (rateIndex << 2) | ((spec.padding ?? 0) << 1),
		(spec.mono === false ? 0b00 : 0b11) << 6,
	]);
}

function frameLength(spec: FrameSpec): number {
	return Math.floor(((spec.version === 1 ? 144 : 72) * spec.kbps * 1000) / spec.sampleRate) + (spec.padding ?? 0);
}

/** A whole frame: header, then zeroed side information and main data (silence). */
function frame(spec: FrameSpec, body?: (frame: Buffer) => void): Buffer {
	const bytes = Buffer.alloc(frameLength(spec));
	header(spec).copy(bytes, 0);
	body?.(bytes);
	return bytes;
}

/** `count` frames, padded the way an encoder pads to keep the average bit rate exact. */
function frames(spec: FrameSpec, count: number): Buffer {
	const exact = ((spec.version === 1 ? 144 : 72) * spec.kbps * 1000) / spec.sampleRate;
	return Buffer.concat(
		Array.from({ length: count }, (_, index) => {
			const padding = (Math.floor((index + 1) * exact) - Math.floor(index * exact) - Math.floor(exact)) as 0 | 1;
			return frame({ ...spec, padding });
		}),
	);
}

function syncsafe(value: number): number[] {
	return [(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f];
}

/** An ID3v2.4 tag with `body` as its frames; its body may hold bytes that look like a frame sync. */
function id3(body: Buffer, footer = false): Buffer {
	const head = Buffer.from([0x49, 0x44, 0x33, 4, 0, footer ? 0x10 : 0, ...syncsafe(body.length)]);
	const foot = footer ? Buffer.from([0x33, 0x44, 0x49, 4, 0, 0x10, ...syncsafe(body.length)]) : Buffer.alloc(0);
	return Buffer.concat([head, body, foot]);
}

function count(file: Buffer, chunkSizes: number[] = [file.length]): ReturnType<Mp3FrameCounter['result']> {
	const counter = new Mp3FrameCounter();
	let offset = 0;
	let index = 0;
	while (offset < file.length) {
		const size = chunkSizes[index++ % chunkSizes.length];
		counter.push(file.subarray(offset, offset + size));
		offset += size;
	}
	return counter.result();
}

const CBR_128 = { version: 1, sampleRate: 44100, kbps: 128 } as const;

describe('the MP3 frame counter', () => {
	it('reads a frame header: MPEG 1 Layer III, 128 kbps, 44.1 kHz is 417 bytes (418 padded) and 1152 samples', () => {
		expect(parseFrameHeader(header(CBR_128), 0)).toMatchObject({ mpegVersion: 1, frameLength: 417, samplesPerFrame: 1152 });
		expect(parseFrameHeader(header({ ...CBR_128, padding: 1 }), 0)?.frameLength).toBe(418);
		expect(parseFrameHeader(header({ version: 2, sampleRate: 24000, kbps: 64 }), 0)).toMatchObject({ mpegVersion: 2, frameLength: 192, samplesPerFrame: 576 });
		expect(parseFrameHeader(header({ version: 2.5, sampleRate: 8000, kbps: 32 }), 0)).toMatchObject({ mpegVersion: 2.5, frameLength: 288, samplesPerFrame: 576 });
	});

	it.each([
		['free format (bit rate index 0)', Buffer.from([0xff, 0xfb, 0x00, 0xc0])],
		['a bad bit rate index (15)', Buffer.from([0xff, 0xfb, 0xf0, 0xc0])],
		['a reserved sample rate', Buffer.from([0xff, 0xfb, 0x9c, 0xc0])],
		['the reserved MPEG version', Buffer.from([0xff, 0xeb, 0x90, 0xc0])],
		['Layer II', Buffer.from([0xff, 0xfd, 0x90, 0xc0])],
		['no sync', Buffer.from([0xff, 0x7b, 0x90, 0xc0])],
	])('refuses %s as a frame header', (_case, bytes) => {
		expect(parseFrameHeader(bytes, 0)).toBeUndefined();
	});

	it.each([
		['MPEG 1, 44.1 kHz, 128 kbps', CBR_128, 1152 / 44100],
		['MPEG 1, 48 kHz, 192 kbps, stereo', { version: 1, sampleRate: 48000, kbps: 192, mono: false }, 1152 / 48000],
		['MPEG 2, 24 kHz, 64 kbps', { version: 2, sampleRate: 24000, kbps: 64 }, 576 / 24000],
		['MPEG 2, 16 kHz, 32 kbps', { version: 2, sampleRate: 16000, kbps: 32 }, 576 / 16000],
		['MPEG 2.5, 8 kHz, 32 kbps', { version: 2.5, sampleRate: 8000, kbps: 32 }, 576 / 8000],
	] as const)('sums samples over sample rate: %s', (_case, spec, secondsPerFrame) => {
		const result = count(frames(spec as FrameSpec, 250));
		expect(result.frames).toBe(250);
		expect(result.durationSeconds).toBeCloseTo(250 * secondsPerFrame, 9);
	});

	it('skips an ID3v2 tag, even one whose text holds bytes that look like a frame, and one with a footer', () => {
		const falseSync = Buffer.concat([Buffer.from('TXXX'), header(CBR_128), Buffer.alloc(500, 0xff)]);
		for (const tag of [id3(falseSync), id3(falseSync, true)]) {
			const result = count(Buffer.concat([tag, frames(CBR_128, 100)]));
			expect(result.frames).toBe(100);
		}
	});

	it('does not count an Xing/Info header frame as audio, nor a VBRI one', () => {
		const xing = frame(CBR_128, (bytes) => bytes.write('Xing', 4 + 17, 'latin1'));
		const info = frame({ ...CBR_128, mono: false }, (bytes) => bytes.write('Info', 4 + 32, 'latin1'));
		const vbri = frame(CBR_128, (bytes) => bytes.write('VBRI', 36, 'latin1'));
		const withCrc = frame({ version: 2, sampleRate: 24000, kbps: 64, crc: true }, (bytes) => bytes.write('Xing', 4 + 2 + 9, 'latin1'));
		expect(count(Buffer.concat([id3(Buffer.from('tag')), xing, frames(CBR_128, 40)])).frames).toBe(40);
		expect(count(Buffer.concat([info, frames({ ...CBR_128, mono: false }, 40)])).frames).toBe(40);
		expect(count(Buffer.concat([vbri, frames(CBR_128, 40)])).frames).toBe(40);
		expect(count(Buffer.concat([withCrc, frames({ version: 2, sampleRate: 24000, kbps: 64 }, 40)])).frames).toBe(40);
		// An Xing tag further on is just audio bytes: only the first frame can be the header frame.
		expect(count(Buffer.concat([frames(CBR_128, 5), xing, frames(CBR_128, 5)])).frames).toBe(11);
	});

	it('gives the same count however the stream is cut into chunks, down to single bytes', () => {
		const file = Buffer.concat([id3(Buffer.alloc(300, 0x20)), frames(CBR_128, 60), frames({ version: 1, sampleRate: 44100, kbps: 64 }, 20)]);
		const whole = count(file);
		expect(whole.frames).toBe(80);
		for (const chunks of [[1], [3], [7, 1, 400], [417], [418], [4096], [2, 13, 65536]]) {
			expect(count(file, chunks)).toEqual(whole);
		}
	});

	it('does not count a last frame cut short, and steps over junk and an ID3v1 tag', () => {
		const all = frames(CBR_128, 30);
		expect(count(all.subarray(0, all.length - 10)).frames).toBe(29);
		const junk = Buffer.from('not audio at all, some bytes between frames');
		const id3v1 = Buffer.concat([Buffer.from('TAG'), Buffer.alloc(125, 0x20)]);
		expect(count(Buffer.concat([frames(CBR_128, 10), junk, frames(CBR_128, 10), id3v1])).frames).toBe(20);
	});

	it('counts nothing in what is not an MP3', () => {
		expect(count(Buffer.from('RIFF....WAVEfmt ')).frames).toBe(0);
		expect(count(Buffer.alloc(0))).toEqual({ frames: 0, durationSeconds: 0 });
	});
});

describe('silent MP3 frames for a pause', () => {
	it('copies the stream’s frame header without padding or CRC, and zeros the rest', () => {
		const stereoWithCrc = { version: 1, sampleRate: 48000, kbps: 192, padding: 1, mono: false, crc: true } as const;
		const silence = silentMp3Frames(header(stereoWithCrc), 1)!;
		const first = parseFrameHeader(silence, 0)!;
		expect(first).toMatchObject({ mpegVersion: 1, sampleRate: 48000, bitRate: 192000, mono: false, padding: 0, hasCrc: false });
		expect(silence.length % first.frameLength).toBe(0);
		expect(silence.subarray(4, first.frameLength).equals(Buffer.alloc(first.frameLength - 4))).toBe(true);
	});

	it.each([
		[{ version: 1, sampleRate: 44100, kbps: 128 } as const, 1152],
		[{ version: 2, sampleRate: 16000, kbps: 32 } as const, 576],
		[{ version: 2.5, sampleRate: 8000, kbps: 8 } as const, 576],
	])('lasts the nearest whole number of frames to the pause (%o)', (spec, samplesPerFrame) => {
		const silence = silentMp3Frames(header(spec), 2.5)!;
		const expectedFrames = Math.round((2.5 * spec.sampleRate) / samplesPerFrame);
		expect(count(silence)).toEqual({ frames: expectedFrames, durationSeconds: (expectedFrames * samplesPerFrame) / spec.sampleRate });
		expect(Math.abs(count(silence).durationSeconds - 2.5)).toBeLessThanOrEqual(samplesPerFrame / spec.sampleRate / 2);
	});

	it('gives nothing to join after bytes that are not a frame header', () => {
		expect(silentMp3Frames(Buffer.from('ID3\x04'), 1)).toBeUndefined();
	});
});
