/**
 * Generated audio: a 440 Hz-ish sine tone in the requested container, encoding and sample rate, with the
 * text it "says" embedded so a transcription round trip can recover it. The marker that counts sits in
 * the audio payload (payloadMarker.ts: over the first samples, or in the first MPEG frames' main data),
 * so it survives joining; the header markers of old stay for files that carry no payload marker:
 *  - wav: a RIFF `LIST`/`INFO` chunk with `ICMT` before the `data` chunk;
 *  - mp3: an ID3v2.4 tag with a `TXXX` frame, an Info frame, then silent MPEG audio frames;
 *  - raw (/tts/bytes): a trailer `CARTESIA-STANDIN-TRANSCRIPT:<base64 of the UTF-8 text>\n` after the samples.
 * Audio is produced chunk by chunk (about 64 KB each); nothing ever holds the whole body.
 */
import type { Container, RawEncoding } from './enums';
import { markerBytes, markerRecords, RECORD_OVERHEAD } from './payloadMarker';

export const TRANSCRIPT_MARKER = 'CARTESIA-STANDIN-TRANSCRIPT:';
export const ID3_DESCRIPTION = 'CARTESIA-STANDIN-TRANSCRIPT';
export const SECONDS_PER_CHARACTER = 0.06;
const CHUNK_BYTES = 64 * 1024;
const TONE_HZ = 440;
const AMPLITUDE = 0.25;

export interface AudioFormat {
	container: Container;
	/** Required for raw and wav. */
	encoding?: RawEncoding;
	sampleRate: number;
	/** Required for mp3. */
	bitRate?: number;
}

export interface AudioPlan {
	format: AudioFormat;
	/** The text embedded in the audio. */
	text: string;
	/** Bytes of audio proper (samples or MPEG frames), without header or trailer. */
	audioBytes: number;
}

export const CONTENT_TYPES: Record<Container, string> = {
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	raw: 'application/octet-stream',
};

export function bytesPerSample(encoding: RawEncoding): number {
	switch (encoding) {
		case 'pcm_f32le':
			return 4;
		case 'pcm_s16le':
			return 2;
		default:
			return 1;
	}
}

/** The plan for `seconds` of audio, or exactly `overrideBytes` audio bytes when set. */
export function planAudio(format: AudioFormat, text: string, seconds: number, overrideBytes?: number): AudioPlan {
	if (overrideBytes !== undefined) return { format, text, audioBytes: Math.max(0, Math.floor(overrideBytes)) };
	if (format.container === 'mp3') {
		const mpeg = mpegLayout(format.sampleRate, format.bitRate ?? 128000);
		const frames = Math.max(1, Math.ceil((seconds * format.sampleRate) / mpeg.samplesPerFrame));
		let bytes = 0;
		for (let index = 0; index < frames; index++) bytes += mpeg.frameLength(index);
		return { format, text, audioBytes: bytes };
	}
	const samples = Math.max(1, Math.round(seconds * format.sampleRate));
	return { format, text, audioBytes: samples * bytesPerSample(format.encoding ?? 'pcm_s16le') };
}

/** Seconds of audio a plan holds: its samples, or its whole MPEG frames. */
export function planSeconds(plan: AudioPlan): number {
	const { format, audioBytes } = plan;
	if (format.container === 'mp3') {
		const mpeg = mpegLayout(format.sampleRate, format.bitRate ?? 128000);
		let frames = 0;
		for (let bytes = 0; bytes + mpeg.frameLength(frames) <= audioBytes; frames++) bytes += mpeg.frameLength(frames);
		return (frames * mpeg.samplesPerFrame) / format.sampleRate;
	}
	return audioBytes / (bytesPerSample(format.encoding ?? 'pcm_s16le') * format.sampleRate);
}

/** Seconds of speech for a text: about 60 ms per character. */
export function secondsForText(text: string): number {
	return Math.max(1, [...text].length) * SECONDS_PER_CHARACTER;
}

// ---- PCM ----------------------------------------------------------------------------------------

function muLaw(sample: number): number {
	const BIAS = 0x84;
	const CLIP = 32635;
	let value = sample;
	const sign = value < 0 ? 0x80 : 0;
	if (value < 0) value = -value;
	if (value > CLIP) value = CLIP;
	value += BIAS;
	let exponent = 7;
	for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
	const mantissa = (value >> (exponent + 3)) & 0x0f;
	return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function aLaw(sample: number): number {
	let value = sample;
	const sign = value >= 0 ? 0x80 : 0;
	if (value < 0) value = -value - 1;
	if (value > 32635) value = 32635;
	let compressed: number;
	if (value >= 256) {
		const exponent = Math.floor(Math.log2(value)) - 7;
		const mantissa = (value >> (exponent + 3)) & 0x0f;
		compressed = (exponent << 4) | mantissa;
	} else {
		compressed = value >> 4;
	}
	return (compressed | sign) ^ 0x55;
}

function encodeSample(encoding: RawEncoding, value: number, target: Buffer, offset: number): void {
	const s16 = Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
	switch (encoding) {
		case 'pcm_f32le':
			target.writeFloatLE(value, offset);
			break;
		case 'pcm_s16le':
			target.writeInt16LE(s16, offset);
			break;
		case 'pcm_mulaw':
			target[offset] = muLaw(s16);
			break;
		case 'pcm_alaw':
			target[offset] = aLaw(s16);
			break;
	}
}

/**
 * Tone blocks by encoding and sample rate, computed once: a block is a sine per sample (about a
 * millisecond for 64 KB), which every answer used to pay, and at a few hundred answers a second that
 * made the stand-in, not the client, what a benchmark measured. A few formats at most, 64 KB each.
 */
const toneBlocks = new Map<string, Buffer>();

/**
 * A block of whole tone periods, about CHUNK_BYTES long. Because it holds whole periods, repeating it
 * gives a continuous tone, and every chunk of a long body is the same (never mutated) buffer, shared
 * by every answer in that format.
 */
function toneBlock(encoding: RawEncoding, sampleRate: number): Buffer {
	const key = `${encoding}/${sampleRate}`;
	const known = toneBlocks.get(key);
	if (known) return known;
	const period = Math.max(2, Math.round(sampleRate / TONE_HZ));
	const width = bytesPerSample(encoding);
	const periods = Math.max(1, Math.floor(CHUNK_BYTES / (period * width)));
	const block = Buffer.alloc(periods * period * width);
	for (let index = 0; index < periods * period; index++) {
		const value = AMPLITUDE * Math.sin((2 * Math.PI * (index % period)) / period);
		encodeSample(encoding, value, block, index * width);
	}
	toneBlocks.set(key, block);
	return block;
}

/**
 * Exactly `totalBytes` of tone, in chunks of at most about 64 KB, the first bytes overwritten by the
 * payload marker of `text` when given (and when the audio is long enough to hold it: a marker cut
 * short would swallow the next part's).
 */
export function* pcmChunks(encoding: RawEncoding, sampleRate: number, totalBytes: number, text?: string): Generator<Buffer> {
	const block = toneBlock(encoding, sampleRate);
	const marker = text === undefined ? undefined : markerBytes(text);
	let markerLeft = marker && marker.length <= totalBytes ? marker : Buffer.alloc(0);
	let remaining = totalBytes;
	while (remaining > 0) {
		const size = Math.min(block.length, remaining);
		let chunk = size === block.length ? block : block.subarray(0, size);
		if (markerLeft.length > 0) {
			// The tone block is shared by every chunk: the marked one is a copy.
			chunk = Buffer.from(chunk);
			const written = markerLeft.copy(chunk, 0, 0, Math.min(markerLeft.length, chunk.length));
			markerLeft = markerLeft.subarray(written);
		}
		yield chunk;
		remaining -= size;
	}
}

/** Exactly `totalBytes` of tone (marked with `text`) split into chunks of `chunkBytes` (for SSE events). */
export function* pcmPieces(encoding: RawEncoding, sampleRate: number, totalBytes: number, chunkBytes: number, text?: string): Generator<Buffer> {
	let pending: Buffer[] = [];
	let pendingSize = 0;
	for (const chunk of pcmChunks(encoding, sampleRate, totalBytes, text)) {
		pending.push(chunk);
		pendingSize += chunk.length;
		while (pendingSize >= chunkBytes) {
			const joined = Buffer.concat(pending);
			yield joined.subarray(0, chunkBytes);
			pending = [joined.subarray(chunkBytes)];
			pendingSize = joined.length - chunkBytes;
		}
	}
	if (pendingSize > 0) yield Buffer.concat(pending);
}

// ---- raw ----------------------------------------------------------------------------------------

export function rawTrailer(text: string): Buffer {
	return Buffer.from(`${TRANSCRIPT_MARKER}${Buffer.from(text, 'utf8').toString('base64')}\n`, 'latin1');
}

// ---- WAV ----------------------------------------------------------------------------------------

export const WAV_FORMAT_CODES: Record<RawEncoding, number> = {
	pcm_s16le: 1,
	pcm_f32le: 3,
	pcm_alaw: 6,
	pcm_mulaw: 7,
};

function riffChunk(id: string, body: Buffer): Buffer {
	const header = Buffer.alloc(8);
	header.write(id, 0, 'latin1');
	header.writeUInt32LE(body.length, 4);
	const pad = body.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
	return Buffer.concat([header, body, pad]);
}

/** Everything before the samples: RIFF, fmt (and fact for non-PCM), LIST/INFO/ICMT, the data header. */
export function wavHeader(encoding: RawEncoding, sampleRate: number, dataBytes: number, text: string): Buffer {
	const width = bytesPerSample(encoding);
	const formatCode = WAV_FORMAT_CODES[encoding];
	const pcm = formatCode === 1;
	const fmt = Buffer.alloc(pcm ? 16 : 18);
	fmt.writeUInt16LE(formatCode, 0);
	fmt.writeUInt16LE(1, 2); // mono
	fmt.writeUInt32LE(sampleRate, 4);
	fmt.writeUInt32LE(sampleRate * width, 8); // byte rate
	fmt.writeUInt16LE(width, 12); // block align
	fmt.writeUInt16LE(width * 8, 14); // bits per sample
	if (!pcm) fmt.writeUInt16LE(0, 16); // cbSize
	const chunks = [riffChunk('fmt ', fmt)];
	if (!pcm) {
		const fact = Buffer.alloc(4);
		fact.writeUInt32LE(Math.floor(dataBytes / width), 0);
		chunks.push(riffChunk('fact', fact));
	}
	const info = Buffer.concat([
		Buffer.from('INFO', 'latin1'),
		riffChunk('ISFT', Buffer.from('Cartesia stand-in\0', 'latin1')),
		riffChunk('ICMT', Buffer.concat([Buffer.from(text, 'utf8'), Buffer.alloc(1)])),
	]);
	chunks.push(riffChunk('LIST', info));
	const dataHeader = Buffer.alloc(8);
	dataHeader.write('data', 0, 'latin1');
	dataHeader.writeUInt32LE(dataBytes, 4);
	const before = Buffer.concat(chunks);
	const riffSize = 4 + before.length + 8 + dataBytes + (dataBytes % 2);
	const riff = Buffer.alloc(12);
	riff.write('RIFF', 0, 'latin1');
	riff.writeUInt32LE(riffSize, 4);
	riff.write('WAVE', 8, 'latin1');
	return Buffer.concat([riff, before, dataHeader]);
}

// ---- MP3 ----------------------------------------------------------------------------------------

function syncsafe(value: number): Buffer {
	const out = Buffer.alloc(4);
	out[0] = (value >> 21) & 0x7f;
	out[1] = (value >> 14) & 0x7f;
	out[2] = (value >> 7) & 0x7f;
	out[3] = value & 0x7f;
	return out;
}

function id3Frame(id: string, body: Buffer): Buffer {
	return Buffer.concat([Buffer.from(id, 'latin1'), syncsafe(body.length), Buffer.alloc(2), body]);
}

/** An ID3v2.4 tag carrying the text in a `TXXX` frame described `CARTESIA-STANDIN-TRANSCRIPT`. */
export function id3Tag(text: string): Buffer {
	const utf8 = Buffer.from([3]);
	const frames = Buffer.concat([
		id3Frame('TSSE', Buffer.concat([utf8, Buffer.from('Cartesia stand-in', 'utf8')])),
		id3Frame('TXXX', Buffer.concat([utf8, Buffer.from(`${ID3_DESCRIPTION}\0`, 'utf8'), Buffer.from(text, 'utf8')])),
	]);
	return Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0]), syncsafe(frames.length), frames]);
}

const MPEG1_BIT_RATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_BIT_RATES = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATE_TABLE: Record<number, { versionBits: number; index: number }> = {
	44100: { versionBits: 0b11, index: 0 },
	48000: { versionBits: 0b11, index: 1 },
	32000: { versionBits: 0b11, index: 2 },
	22050: { versionBits: 0b10, index: 0 },
	24000: { versionBits: 0b10, index: 1 },
	16000: { versionBits: 0b10, index: 2 },
	11025: { versionBits: 0b00, index: 0 },
	12000: { versionBits: 0b00, index: 1 },
	8000: { versionBits: 0b00, index: 2 },
};

interface MpegLayout {
	samplesPerFrame: number;
	/** Bytes of side information after the 4-byte header (mono, no CRC). */
	sideInfoLength: number;
	frameLength(index: number): number;
	frame(index: number): Buffer;
}

/**
 * MPEG Layer III frames (mono, no CRC) with zeroed side information and main data: silent but
 * well-formed frames. MPEG-2/2.5 sample rates cannot carry more than 160 kbit/s; the nearest table
 * value is used, so the frames still look like MP3 to a parser.
 */
export function mpegLayout(sampleRate: number, bitRate: number): MpegLayout {
	const rate = SAMPLE_RATE_TABLE[sampleRate] ?? SAMPLE_RATE_TABLE[44100];
	const mpeg1 = rate.versionBits === 0b11;
	const table = mpeg1 ? MPEG1_BIT_RATES : MPEG2_BIT_RATES;
	const kbps = bitRate / 1000;
	let bitRateIndex = 1;
	for (let index = 1; index < table.length; index++) if (table[index] <= kbps) bitRateIndex = index;
	const actualRate = (SAMPLE_RATE_TABLE[sampleRate] ? sampleRate : 44100);
	const exact = ((mpeg1 ? 144 : 72) * table[bitRateIndex] * 1000) / actualRate;
	const base = Math.floor(exact);
	const padded = (index: number): number => Math.floor((index + 1) * exact) - Math.floor(index * exact) - base;
	const makeFrame = (padding: number): Buffer => {
		const frame = Buffer.alloc(base + padding);
		frame[0] = 0xff;
		frame[1] = 0xe0 | (rate.versionBits << 3) | (0b01 << 1) | 1;
		frame[2] = (bitRateIndex << 4) | (rate.index << 2) | (padding << 1);
		frame[3] = 0b11 << 6; // mono
		return frame;
	};
	const frames = [makeFrame(0), makeFrame(1)];
	return {
		samplesPerFrame: mpeg1 ? 1152 : 576,
		sideInfoLength: mpeg1 ? 17 : 9,
		frameLength: (index) => base + padded(index),
		frame: (index) => frames[padded(index)],
	};
}

/**
 * Exactly `totalBytes` of MPEG frames (the last one cut short if needed), about 64 KB per chunk. The
 * payload marker of `text`, when given, goes record by record into the main data of the first whole
 * frames (after header and side information; with zeroed side information a decoder reads none of it).
 */
export function* mp3Chunks(sampleRate: number, bitRate: number, totalBytes: number, text?: string): Generator<Buffer> {
	const layout = mpegLayout(sampleRate, bitRate);
	const mainDataAt = 4 + layout.sideInfoLength;
	const records = text === undefined ? [] : markerRecords(text, layout.frameLength(0) - mainDataAt - RECORD_OVERHEAD);
	let wholeFrames = 0;
	for (let bytes = 0; wholeFrames < records.length && bytes + layout.frameLength(wholeFrames) <= totalBytes; wholeFrames++) {
		bytes += layout.frameLength(wholeFrames);
	}
	// A marker that does not fit whole is left out: a cut one would swallow the next part's.
	const marked = wholeFrames >= records.length ? records : [];
	let remaining = totalBytes;
	let index = 0;
	while (remaining > 0) {
		const parts: Buffer[] = [];
		let size = 0;
		while (size < CHUNK_BYTES && remaining - size > 0) {
			let frame = layout.frame(index);
			if (index < marked.length) {
				frame = Buffer.from(frame);
				marked[index].copy(frame, mainDataAt);
			}
			index++;
			const take = Math.min(frame.length, remaining - size);
			parts.push(take === frame.length ? frame : frame.subarray(0, take));
			size += take;
		}
		remaining -= size;
		yield Buffer.concat(parts, size);
	}
}

/**
 * An encoder's Info frame (the CBR form of Xing) as a real MP3 encoder writes before the audio: a frame
 * of the stream's size whose side information is followed by `Info`. It holds no audio, so a player
 * (and the node's meter) does not count it; a joiner must not repeat it mid-file.
 */
export function infoFrame(sampleRate: number, bitRate: number): Buffer {
	const frame = Buffer.from(mpegLayout(sampleRate, bitRate).frame(0));
	const mpeg1 = ((frame[1] >> 3) & 0b11) === 0b11;
	frame.write('Info', 4 + (mpeg1 ? 17 : 9), 'latin1');
	return frame;
}

// ---- whole bodies -------------------------------------------------------------------------------

/** The body of a plan as a sequence of chunks: header, audio, trailer. */
export function* audioBody(plan: AudioPlan): Generator<Buffer> {
	const { format, text, audioBytes } = plan;
	const encoding = format.encoding ?? 'pcm_s16le';
	switch (format.container) {
		case 'wav':
			yield wavHeader(encoding, format.sampleRate, audioBytes, text);
			yield* pcmChunks(encoding, format.sampleRate, audioBytes, text);
			if (audioBytes % 2 === 1) yield Buffer.alloc(1);
			return;
		case 'mp3':
			yield id3Tag(text);
			yield infoFrame(format.sampleRate, format.bitRate ?? 128000);
			yield* mp3Chunks(format.sampleRate, format.bitRate ?? 128000, audioBytes, text);
			return;
		case 'raw':
			yield* pcmChunks(encoding, format.sampleRate, audioBytes, text);
			yield rawTrailer(text);
			return;
	}
}
