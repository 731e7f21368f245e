import { Transform, type TransformCallback } from 'node:stream';

/**
 * Counts the MPEG audio frames of an MP3 as it streams by, to know its duration without holding the
 * file: skips ID3v2 tags, reads each Layer III frame header (MPEG 1, 2 and 2.5), jumps over the frame,
 * and sums samples per frame over sample rate. A leading Xing/Info or VBRI frame carries the encoder's
 * table of contents, not audio, and is not counted; nor is a frame cut short at the end of the file.
 * Bytes that are not a frame (junk, an ID3v1 tag) are stepped over one at a time until a frame header
 * appears again. At most a few dozen bytes are kept between chunks.
 */

/** Layer III bit rates in kbit/s by index; 0 (free format) and 15 are not usable. */
const MPEG1_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
const MPEG2_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];

/** Sample rates by the header's version bits (3: MPEG 1, 2: MPEG 2, 0: MPEG 2.5) and rate index. */
const SAMPLE_RATES: Record<number, readonly number[]> = {
	3: [44100, 48000, 32000],
	2: [22050, 24000, 16000],
	0: [11025, 12000, 8000],
};

const MONO = 3;

export interface Mp3FrameHeader {
	mpegVersion: 1 | 2 | 2.5;
	sampleRate: number;
	bitRate: number;
	padding: 0 | 1;
	mono: boolean;
	/** Bytes from this header to the next one. */
	frameLength: number;
	samplesPerFrame: 1152 | 576;
	/** Bytes between the header (and its CRC) and the frame's main data; an Xing tag sits right after. */
	sideInfoLength: number;
	hasCrc: boolean;
}

/** The Layer III frame header at `offset` (4 bytes), or undefined when those bytes are not one. */
export function parseFrameHeader(bytes: Buffer, offset: number): Mp3FrameHeader | undefined {
	if (offset + 4 > bytes.length) return undefined;
	const [b0, b1, b2, b3] = [bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]];
	if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
	const versionBits = (b1 >> 3) & 0b11;
	const layerBits = (b1 >> 1) & 0b11;
	if (versionBits === 0b01 || layerBits !== 0b01) return undefined;
	const bitRateIndex = b2 >> 4;
	const rateIndex = (b2 >> 2) & 0b11;
	if (rateIndex === 3 || (b3 & 0b11) === 0b10) return undefined;
	const mpeg1 = versionBits === 0b11;
	const kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[bitRateIndex];
	if (!kbps) return undefined;
	const sampleRate = SAMPLE_RATES[versionBits][rateIndex];
	const bitRate = kbps * 1000;
	const padding = ((b2 >> 1) & 1) as 0 | 1;
	const mono = b3 >> 6 === MONO;
	return {
		mpegVersion: mpeg1 ? 1 : versionBits === 0b10 ? 2 : 2.5,
		sampleRate,
		bitRate,
		padding,
		mono,
		frameLength: Math.floor(((mpeg1 ? 144 : 72) * bitRate) / sampleRate) + padding,
		samplesPerFrame: mpeg1 ? 1152 : 576,
		sideInfoLength: mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17,
		hasCrc: (b1 & 1) === 0,
	};
}

/** VBRI sits 32 bytes after the header; Xing/Info right after the side information. */
const INFO_LOOKAHEAD = 4 + 32 + 4;

function tagAt(bytes: Buffer, offset: number, tag: string): boolean {
	return offset + tag.length <= bytes.length && bytes.toString('latin1', offset, offset + tag.length) === tag;
}

/** Whether the frame at `offset` is an encoder's Xing/Info or VBRI header rather than audio. */
export function isInfoFrame(bytes: Buffer, offset: number, header: Mp3FrameHeader): boolean {
	const xingAt = offset + 4 + (header.hasCrc ? 2 : 0) + header.sideInfoLength;
	return tagAt(bytes, xingAt, 'Xing') || tagAt(bytes, xingAt, 'Info') || tagAt(bytes, offset + 36, 'VBRI');
}

function isId3v2Start(bytes: Buffer, offset: number): boolean {
	return bytes[offset] === 0x49 && bytes[offset + 1] === 0x44 && bytes[offset + 2] === 0x33;
}

/** The whole length of the ID3v2 tag at `offset` (10 header bytes, a syncsafe size, a footer if flagged). */
function id3v2Length(bytes: Buffer, offset: number): number {
	const size =
		((bytes[offset + 6] & 0x7f) << 21) |
		((bytes[offset + 7] & 0x7f) << 14) |
		((bytes[offset + 8] & 0x7f) << 7) |
		(bytes[offset + 9] & 0x7f);
	const hasFooter = (bytes[offset + 5] & 0x10) !== 0;
	return 10 + size + (hasFooter ? 10 : 0);
}

export interface Mp3Measure {
	/** Audio frames counted (an Xing/Info frame and a truncated last frame excluded). */
	frames: number;
	durationSeconds: number;
}

export class Mp3FrameCounter {
	private pending: Buffer = Buffer.alloc(0);
	/** Bytes still to pass over: the rest of an ID3 tag or of the current frame. */
	private skip = 0;
	private current?: { samples: number; sampleRate: number; audio: boolean };
	private firstFrameSeen = false;
	private frames = 0;
	private readonly samplesByRate = new Map<number, number>();

	push(chunk: Buffer): void {
		// Only the few bytes of an unfinished header are carried over, so this copy is rare and small.
		const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
		const stoppedAt = this.scan(data);
		this.pending = stoppedAt < data.length ? Buffer.from(data.subarray(stoppedAt)) : Buffer.alloc(0);
	}

	/** What the bytes pushed so far hold. A frame still missing bytes is not counted. */
	result(): Mp3Measure {
		let durationSeconds = 0;
		for (const [rate, samples] of this.samplesByRate) durationSeconds += samples / rate;
		return { frames: this.frames, durationSeconds };
	}

	/** Walks `data` as far as it can; returns where it needs more bytes to go on. */
	private scan(data: Buffer): number {
		let offset = 0;
		for (;;) {
			if (this.skip > 0) {
				const passed = Math.min(this.skip, data.length - offset);
				offset += passed;
				this.skip -= passed;
				if (this.skip > 0) return offset;
				this.finishFrame();
			}
			const left = data.length - offset;
			if (left < 4) return offset;
			if (isId3v2Start(data, offset)) {
				if (left < 10) return offset;
				this.skip = id3v2Length(data, offset);
				continue;
			}
			const header = parseFrameHeader(data, offset);
			if (!header) {
				offset++;
				continue;
			}
			let audio = true;
			if (!this.firstFrameSeen) {
				if (left < Math.min(header.frameLength, INFO_LOOKAHEAD)) return offset;
				this.firstFrameSeen = true;
				audio = !isInfoFrame(data, offset, header);
			}
			this.current = { samples: header.samplesPerFrame, sampleRate: header.sampleRate, audio };
			this.skip = header.frameLength;
		}
	}

	private finishFrame(): void {
		const frame = this.current;
		this.current = undefined;
		if (!frame?.audio) return;
		this.frames++;
		this.samplesByRate.set(frame.sampleRate, (this.samplesByRate.get(frame.sampleRate) ?? 0) + frame.samples);
	}
}

/**
 * Keeps only the audio frames of an MP3 as it streams by: ID3v2 tags, a leading Xing/Info or VBRI
 * frame, bytes between frames (an ID3v1 tag, junk) and a frame cut short at the end are dropped. The
 * frames of several parts passed through it, one after the other, play as one file; its length then
 * comes from its frames, not from the first part's header. Holds at most one frame between chunks.
 */
export class Mp3FrameFilter extends Transform {
	private pending: Buffer = Buffer.alloc(0);
	/** Bytes of an ID3 tag still to drop. */
	private dropping = 0;
	private firstFrameSeen = false;

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
		const stoppedAt = this.scan(data);
		this.pending = stoppedAt < data.length ? Buffer.from(data.subarray(stoppedAt)) : Buffer.alloc(0);
		callback();
	}

	override _flush(callback: TransformCallback): void {
		this.pending = Buffer.alloc(0);
		callback();
	}

	private scan(data: Buffer): number {
		let offset = 0;
		for (;;) {
			if (this.dropping > 0) {
				const dropped = Math.min(this.dropping, data.length - offset);
				offset += dropped;
				this.dropping -= dropped;
				if (this.dropping > 0) return offset;
			}
			const left = data.length - offset;
			if (left < 4) return offset;
			if (isId3v2Start(data, offset)) {
				if (left < 10) return offset;
				this.dropping = id3v2Length(data, offset);
				continue;
			}
			const header = parseFrameHeader(data, offset);
			if (!header) {
				offset++;
				continue;
			}
			if (left < header.frameLength) return offset;
			const isFirst = !this.firstFrameSeen;
			this.firstFrameSeen = true;
			if (!(isFirst && isInfoFrame(data, offset, header))) this.push(data.subarray(offset, offset + header.frameLength));
			offset += header.frameLength;
		}
	}
}

/**
 * `seconds` of silence as MPEG frames that match the stream they go into: the header of one of its
 * frames with padding and CRC turned off, then zeros (side information of zero length reads as no
 * audio data, which decoders play as silence). Whole frames, as many as come nearest to `seconds`.
 * Undefined when `header` is not a frame header.
 */
export function silentMp3Frames(header: Buffer, seconds: number): Buffer | undefined {
	const parsed = parseFrameHeader(header, 0);
	if (!parsed) return undefined;
	const frame = Buffer.alloc(parsed.frameLength - parsed.padding);
	header.copy(frame, 0, 0, 4);
	frame[1] |= 0b1; // protection bit set: no CRC follows the header
	frame[2] &= ~0b10; // no padding byte
	const count = Math.round((seconds * parsed.sampleRate) / parsed.samplesPerFrame);
	return Buffer.concat(Array.from({ length: count }, () => frame));
}
