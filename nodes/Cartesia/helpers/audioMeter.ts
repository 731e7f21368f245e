import { Transform, type TransformCallback } from 'node:stream';

import type { OutputFormat, RawEncoding } from '../catalog';
import { Mp3FrameCounter } from './mp3Frames';

/** What a measured audio file holds. */
export interface AudioMeasure {
	bytes: number;
	/** Seconds of audio; null when the file does not say (a WAV without a readable header). */
	durationSeconds: number | null;
}

const BYTES_PER_SAMPLE: Record<RawEncoding, number> = { pcm_s16le: 2, pcm_f32le: 4, pcm_mulaw: 1, pcm_alaw: 1 };

/** Seconds of mono PCM in `bytes` bytes. */
export function pcmSeconds(bytes: number, encoding: RawEncoding, sampleRate: number): number {
	return bytes / (BYTES_PER_SAMPLE[encoding] * sampleRate);
}

/** Rounded to the millisecond, as the output JSON gives it. */
export function roundSeconds(seconds: number | null): number | null {
	return seconds === null || !Number.isFinite(seconds) ? null : Math.round(seconds * 1000) / 1000;
}

/** Headers larger than this are not WAV headers Cartesia writes; the file is then left unmeasured. */
const MAX_WAV_HEADER_BYTES = 64 * 1024;
/** The data size a streaming writer puts when it does not know the length yet. */
const UNKNOWN_SIZES = new Set([0, 0xffffffff]);

/**
 * Finds a WAV's `data` chunk (and its `fmt ` facts) in the first bytes; the samples after it are only
 * counted. Cartesia writes the 44-byte canonical header, but any chunk order is read.
 */
class WavMeter {
	private head: Buffer[] = [];
	private headBytes = 0;
	private total = 0;
	private located?: { dataOffset: number; declaredSize: number; bytesPerSecond: number };
	private unreadable = false;

	constructor(private readonly format: OutputFormat) {}

	push(chunk: Buffer): void {
		this.total += chunk.length;
		if (this.located || this.unreadable) return;
		this.head.push(chunk);
		this.headBytes += chunk.length;
		const head = Buffer.concat(this.head);
		this.head = [head];
		this.located = this.locate(head);
		if (this.located) this.head = [];
		else if (this.headBytes > MAX_WAV_HEADER_BYTES || (head.length >= 12 && !this.isWave(head))) {
			this.unreadable = true;
			this.head = [];
		}
	}

	durationSeconds(): number | null {
		if (!this.located) return null;
		const { dataOffset, declaredSize, bytesPerSecond } = this.located;
		const received = Math.max(0, this.total - dataOffset);
		const dataBytes = UNKNOWN_SIZES.has(declaredSize) ? received : Math.min(declaredSize, received);
		return dataBytes / bytesPerSecond;
	}

	private isWave(head: Buffer): boolean {
		return head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE';
	}

	private locate(head: Buffer): WavMeter['located'] {
		if (head.length < 12 || !this.isWave(head)) return undefined;
		let bytesPerSecond = BYTES_PER_SAMPLE[this.format.encoding ?? 'pcm_s16le'] * this.format.sample_rate;
		let offset = 12;
		while (offset + 8 <= head.length) {
			const id = head.toString('latin1', offset, offset + 4);
			const size = head.readUInt32LE(offset + 4);
			if (id === 'data') return { dataOffset: offset + 8, declaredSize: size, bytesPerSecond };
			if (id === 'fmt ') {
				if (offset + 8 + 12 > head.length) return undefined;
				// The byte rate, as the header states it (sample rate × block align).
				const byteRate = head.readUInt32LE(offset + 8 + 8);
				if (byteRate > 0) bytesPerSecond = byteRate;
			}
			offset += 8 + size + (size % 2);
		}
		return undefined;
	}
}

/**
 * Counts an audio file's bytes and playing time as its chunks go by: bytes for every container,
 * duration from byte counts (raw, WAV) or by counting MPEG frames (MP3). Nothing is kept but a few
 * header bytes.
 */
class AudioCounter {
	private bytes = 0;
	private readonly mp3?: Mp3FrameCounter;
	private readonly wav?: WavMeter;

	constructor(private readonly format: OutputFormat) {
		if (format.container === 'mp3') this.mp3 = new Mp3FrameCounter();
		if (format.container === 'wav') this.wav = new WavMeter(format);
	}

	push(chunk: Buffer): void {
		this.bytes += chunk.length;
		this.mp3?.push(chunk);
		this.wav?.push(chunk);
	}

	measure(): AudioMeasure {
		let seconds: number | null;
		if (this.mp3) seconds = this.mp3.result().durationSeconds;
		else if (this.wav) seconds = this.wav.durationSeconds();
		else seconds = pcmSeconds(this.bytes, this.format.encoding ?? 'pcm_s16le', this.format.sample_rate);
		return { bytes: this.bytes, durationSeconds: roundSeconds(seconds) };
	}
}

/** Measures a whole file held in memory, as AudioMeter measures one going by. */
export function measureAudio(format: OutputFormat, data: Buffer): AudioMeasure {
	const counter = new AudioCounter(format);
	counter.push(data);
	return counter.measure();
}

/** A pass-through that measures the audio streaming through it into n8n's binary store. */
export class AudioMeter extends Transform {
	private readonly counter: AudioCounter;

	constructor(format: OutputFormat) {
		// Chunks leave as they came, one at a time: n8n's filesystem store writes through `for await`, and
		// a byte-mode stream hands such a reader everything it has buffered joined into a new Buffer (up
		// to 192 KB a read in 500 MB Generate runs): a copy of nearly every byte, dead once written. At
		// most one chunk waits on this side for the store.
		super({ readableObjectMode: true, readableHighWaterMark: 1 });
		this.counter = new AudioCounter(format);
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.counter.push(chunk);
		callback(null, chunk);
	}

	/** What went through; complete once the stream has ended. */
	measure(): AudioMeasure {
		return this.counter.measure();
	}
}
