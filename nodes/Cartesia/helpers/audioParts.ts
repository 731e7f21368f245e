/**
 * The audio of a long text's parts, kept on disk until every part is in, then read back as one file:
 * parts that finish early wait in a temporary folder, not in memory, and the joined file streams from
 * there into n8n's binary store. The folder is the caller's to remove, on success, failure or cancel.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { OutputFormat } from '../catalog';
import { silence, wavHeader } from './audio';
import { Mp3FrameFilter, silentMp3Frames } from './mp3Frames';
import type { TextPart } from './textParts';

/** The prefix of the temporary folders, so a leftover one says whose it is. */
export const PART_SPOOL_PREFIX = 'n8n-cartesia-parts-';

/** A WAV header larger than this is not one Cartesia writes. */
const MAX_WAV_HEADER_BYTES = 64 * 1024;
/** The data size a streaming writer puts when it does not know the length yet. */
const UNKNOWN_SIZES = new Set([0, 0xffffffff]);

/**
 * Passes on only the samples of a WAV: the header (any chunk order, up to the `data` chunk) is
 * dropped, and so is whatever follows the declared data size (a pad byte, trailing chunks).
 */
export class WavSamplesFilter extends Transform {
	private head: Buffer = Buffer.alloc(0);
	/** Sample bytes still to pass; Infinity when the header does not say. */
	private remaining?: number;

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		if (this.remaining === undefined) {
			this.head = Buffer.concat([this.head, chunk]);
			const located = locateWavData(this.head);
			if (located === 'not-wav' || (!located && this.head.length > MAX_WAV_HEADER_BYTES)) {
				callback(new Error('Cartesia sent a part that is not a WAV file the node can read'));
				return;
			}
			if (!located) {
				callback();
				return;
			}
			this.remaining = UNKNOWN_SIZES.has(located.declaredSize) ? Infinity : located.declaredSize;
			chunk = this.head.subarray(located.dataOffset);
			this.head = Buffer.alloc(0);
		}
		const take = Math.min(chunk.length, this.remaining);
		this.remaining -= take;
		callback(null, take > 0 ? chunk.subarray(0, take) : undefined);
	}

	override _flush(callback: TransformCallback): void {
		callback(this.remaining === undefined ? new Error('Cartesia sent a part without WAV samples') : null);
	}
}

function locateWavData(head: Buffer): { dataOffset: number; declaredSize: number } | 'not-wav' | undefined {
	if (head.length < 12) return undefined;
	if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return 'not-wav';
	let offset = 12;
	while (offset + 8 <= head.length) {
		const id = head.toString('latin1', offset, offset + 4);
		const size = head.readUInt32LE(offset + 4);
		if (id === 'data') return { dataOffset: offset + 8, declaredSize: size };
		offset += 8 + size + (size % 2);
	}
	return undefined;
}

/** What is kept of each part: the samples of a WAV part, the audio frames of an MP3 part, all of a PCM stream. */
export type PartContent = 'samples' | 'frames' | 'pcm';

const PART_FILTERS: Record<PartContent, () => Transform> = {
	samples: () => new WavSamplesFilter(),
	frames: () => new Mp3FrameFilter(),
	pcm: () => new PassThrough(),
};

export class AudioPartSpool {
	private readonly sizes: number[] = [];

	private constructor(
		private readonly folder: string,
		private readonly content: PartContent,
	) {}

	static async create(content: PartContent): Promise<AudioPartSpool> {
		return new AudioPartSpool(await mkdtemp(join(tmpdir(), PART_SPOOL_PREFIX)), content);
	}

	private path(index: number): string {
		return join(this.folder, `part-${index}`);
	}

	/** Writes one part's audio (what is kept of it) to disk; a second write of the same part replaces it. */
	async write(index: number, body: Readable): Promise<void> {
		const filter = PART_FILTERS[this.content]();
		await pipeline(body, filter, createWriteStream(this.path(index)));
		this.sizes[index] = (await stat(this.path(index))).size;
	}

	/**
	 * A writer for one part of PCM that arrives as base64 pieces (the TTS WebSocket's chunks). Each piece
	 * is decoded into one reused block that goes to the file when full: a long narration decodes hundreds
	 * of MB, and a new Buffer per piece would leave as much for the garbage collector. A second writer
	 * of the same part replaces it.
	 */
	async base64Writer(index: number): Promise<Base64PartWriter> {
		const file = await open(this.path(index), 'w');
		return new Base64PartWriter(file, (size) => {
			this.sizes[index] = size;
		});
	}

	/** The first `length` bytes kept of a part (fewer when it is shorter): an MP3 part's first frame header, say. */
	async firstBytes(index: number, length: number): Promise<Buffer> {
		const file = await open(this.path(index), 'r');
		try {
			const buffer = Buffer.alloc(length);
			const { bytesRead } = await file.read(buffer, 0, length, 0);
			return buffer.subarray(0, bytesRead);
		} finally {
			await file.close();
		}
	}

	/** Bytes kept of all parts written. */
	get totalBytes(): number {
		return this.sizes.reduce((sum, size) => sum + (size ?? 0), 0);
	}

	/** Bytes kept of one part (0 before it is written). */
	sizeOf(index: number): number {
		return this.sizes[index] ?? 0;
	}

	/**
	 * The parts 0…count-1 one after the other, read from disk as they go: after `head`, with `after(i)`
	 * (a pause, say) following part i, and `tail` at the end.
	 */
	joined({ count, head, after, tail }: { count: number; head?: Buffer; after?: (index: number) => Buffer | undefined; tail?: Buffer }): Readable {
		const paths = Array.from({ length: count }, (_, index) => this.path(index));
		return Readable.from(
			(async function* () {
				if (head?.length) yield head;
				for (const [index, path] of paths.entries()) {
					yield* createReadStream(path);
					const between = after?.(index);
					if (between?.length) yield between;
				}
				if (tail?.length) yield tail;
			})(),
		);
	}

	async remove(): Promise<void> {
		await rm(this.folder, { recursive: true, force: true });
	}
}

/** Bytes decoded before they go to the file: a few of Cartesia's chunks. */
const BASE64_BLOCK_BYTES = 64 * 1024;

/** One spooled part written from base64 pieces through one reused block (AudioPartSpool.base64Writer). */
export class Base64PartWriter {
	private readonly block = Buffer.allocUnsafe(BASE64_BLOCK_BYTES);
	private used = 0;
	private written = 0;
	private closed = false;

	constructor(
		private readonly file: FileHandle,
		private readonly onFinished: (size: number) => void,
	) {}

	/**
	 * Decodes one base64 piece (a whole encoding, padded as Cartesia sends each chunk) onto the part.
	 * Most pieces only fill the block: those return undefined, at once, with no promise; a promise only
	 * when the block had to go to the file first (await it before the next piece).
	 */
	add(base64: string): Promise<void> | undefined {
		const size = Buffer.byteLength(base64, 'base64');
		if (this.used + size > this.block.length) return this.addAfterFlush(base64, size);
		this.used += this.block.write(base64, this.used, 'base64');
		return undefined;
	}

	private async addAfterFlush(base64: string, size: number): Promise<void> {
		await this.flush();
		if (size > this.block.length) {
			// A piece larger than the block (none of Cartesia's so far) goes on its own.
			await this.writeAll(Buffer.from(base64, 'base64'));
			return;
		}
		this.used += this.block.write(base64, this.used, 'base64');
	}

	/** Writes what is left and closes the file; the part's size is then known to the spool. */
	async finish(): Promise<void> {
		await this.flush();
		await this.close();
		this.onFinished(this.written);
	}

	/** Closes the file without counting the part (a connection lost mid-part: it is written again). */
	async discard(): Promise<void> {
		await this.close().catch(() => undefined);
	}

	private async flush(): Promise<void> {
		if (this.used === 0) return;
		await this.writeAll(this.block.subarray(0, this.used));
		this.used = 0;
	}

	private async writeAll(data: Buffer): Promise<void> {
		let offset = 0;
		while (offset < data.length) {
			const { bytesWritten } = await this.file.write(data, offset, data.length - offset);
			offset += bytesWritten;
		}
		this.written += data.length;
	}

	private async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.file.close();
	}
}

/** The silence between paragraphs in the output's encoding: PCM samples, or MPEG frames like the parts'. */
export async function paragraphPause(
	spool: AudioPartSpool,
	format: OutputFormat,
	{ pauseSeconds, partCount }: { pauseSeconds: number; partCount: number },
): Promise<Buffer | undefined> {
	if (!(pauseSeconds > 0)) return undefined;
	if (format.container !== 'mp3') return silence(format.encoding ?? 'pcm_s16le', format.sample_rate, pauseSeconds);
	// Built from the first frame Cartesia sent, so sample rate, bit rate and mode match the parts'.
	for (let index = 0; index < partCount; index++) {
		const frames = silentMp3Frames(await spool.firstBytes(index, 4), pauseSeconds);
		if (frames) return frames;
	}
	return undefined;
}

/** The pause after each part that ends a paragraph, but the last part; none without a pause. */
export function pausesAfterParagraphs(parts: TextPart[], pause: Buffer | undefined): (index: number) => Buffer | undefined {
	return (index) => (pause && parts[index].endsParagraph && index < parts.length - 1 ? pause : undefined);
}

/** Where each part starts in the joined audio, in bytes of kept audio, and the total. */
export function partLayout(spool: AudioPartSpool, parts: TextPart[], pause: Buffer | undefined) {
	const pauseAfter = pausesAfterParagraphs(parts, pause);
	const starts: number[] = [];
	let offset = 0;
	for (const [index] of parts.entries()) {
		starts.push(offset);
		offset += spool.sizeOf(index) + (pauseAfter(index)?.length ?? 0);
	}
	return { pauseAfter, starts, totalBytes: offset };
}

/** The joined parts as one file of the output's container: one WAV header for the sum, or none. */
export function joinedAudio(spool: AudioPartSpool, parts: TextPart[], format: OutputFormat, pause: Buffer | undefined): Readable {
	const { pauseAfter, totalBytes } = partLayout(spool, parts, pause);
	return spool.joined({
		count: parts.length,
		after: pauseAfter,
		...(format.container === 'wav'
			? { head: wavHeader(format.encoding ?? 'pcm_s16le', format.sample_rate, totalBytes), tail: Buffer.alloc(totalBytes % 2) }
			: {}),
	});
}
