/**
 * Reads a request body according to its declared Content-Type, without ever holding a whole upload:
 * JSON is parsed (up to a cap), multipart is streamed through busboy keeping only the head and tail of
 * each file and the payload transcript markers found along the whole of it, anything else is counted and dropped. Which Content-Type the endpoint wants is checked later.
 */
import type { IncomingMessage } from 'node:http';

import busboy from 'busboy';

import { ResponseAbandoned } from './errors';
import { Mp3FrameCounter, parseFrameHeader } from '../../nodes/Cartesia/helpers/mp3Frames';
import { PayloadMarkerScanner } from './payloadMarker';
import type { ReceivedFile, TextPair } from './validation';

export const FILE_HEAD_BYTES = 1024 * 1024;
export const FILE_TAIL_BYTES = 64 * 1024;
const JSON_LIMIT_BYTES = 20 * 1024 * 1024;
const FIELD_LIMIT_BYTES = 1024 * 1024;

export type ReceivedBody =
	| { kind: 'none'; size: number; contentType: string | undefined }
	| { kind: 'json'; size: number; contentType: string; json?: unknown; error?: string }
	| { kind: 'multipart'; size: number; contentType: string; fields: TextPair[]; files: ReceivedFile[]; error?: string };

export function mediaType(contentType: string | undefined): string | undefined {
	return contentType?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * Keeps the first `headLimit` and last `tailLimit` bytes of a stream plus its length, scans all of it
 * for payload transcript markers, and counts the MPEG frames of a file that starts as an MP3 does
 * (an ID3 tag or a frame header), for its duration.
 */
class HeadTail {
	size = 0;
	readonly markers = new PayloadMarkerScanner();
	/** Undefined until the first bytes tell; null when the file does not start as an MP3. */
	private mp3: Mp3FrameCounter | null | undefined;
	private readonly headChunks: Buffer[] = [];
	private headSize = 0;
	private tailChunks: Buffer[] = [];
	private tailSize = 0;

	add(chunk: Buffer): void {
		if (this.mp3 === undefined && chunk.length >= 4) {
			const startsAsMp3 = chunk.toString('latin1', 0, 3) === 'ID3' || parseFrameHeader(chunk, 0) !== undefined;
			this.mp3 = this.size === 0 && startsAsMp3 ? new Mp3FrameCounter() : null;
		}
		this.mp3?.push(chunk);
		this.size += chunk.length;
		this.markers.push(chunk);
		if (this.headSize < FILE_HEAD_BYTES) {
			const part = chunk.subarray(0, FILE_HEAD_BYTES - this.headSize);
			this.headChunks.push(Buffer.from(part));
			this.headSize += part.length;
		}
		this.tailChunks.push(chunk);
		this.tailSize += chunk.length;
		while (this.tailChunks.length > 1 && this.tailSize - this.tailChunks[0].length >= FILE_TAIL_BYTES) {
			this.tailSize -= this.tailChunks[0].length;
			this.tailChunks.shift();
		}
	}

	head(): Buffer {
		return Buffer.concat(this.headChunks);
	}

	/** Seconds of MPEG audio frames, when the file started as an MP3. */
	mp3Seconds(): number | undefined {
		return this.mp3?.result().durationSeconds;
	}

	tail(): Buffer {
		const all = Buffer.concat(this.tailChunks);
		return Buffer.from(all.subarray(Math.max(0, all.length - FILE_TAIL_BYTES)));
	}
}

/** Resolves when the request body has been read; rejects with ResponseAbandoned if the client goes away. */
export function receiveBody(req: IncomingMessage, signal: AbortSignal): Promise<ReceivedBody> {
	const contentType = req.headers['content-type'];
	const type = mediaType(contentType);
	return new Promise<ReceivedBody>((resolve, reject) => {
		let settled = false;
		let size = 0;
		const finish = (body: ReceivedBody): void => {
			if (settled) return;
			settled = true;
			signal.removeEventListener('abort', onAbort);
			resolve(body);
		};
		const fail = (): void => {
			if (settled) return;
			settled = true;
			signal.removeEventListener('abort', onAbort);
			reject(new ResponseAbandoned('the client went away while sending the request'));
		};
		function onAbort(): void {
			fail();
		}
		signal.addEventListener('abort', onAbort);
		req.on('error', fail);
		req.on('aborted', fail);
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
		});

		if (type === 'application/json') {
			const chunks: Buffer[] = [];
			let kept = 0;
			req.on('data', (chunk: Buffer) => {
				if (kept <= JSON_LIMIT_BYTES) {
					chunks.push(chunk);
					kept += chunk.length;
				}
			});
			req.on('end', () => {
				if (kept > JSON_LIMIT_BYTES) {
					finish({ kind: 'json', size, contentType: contentType as string, error: `the JSON body is larger than ${JSON_LIMIT_BYTES} bytes` });
					return;
				}
				const text = Buffer.concat(chunks).toString('utf8');
				if (text.trim() === '') {
					finish({ kind: 'json', size, contentType: contentType as string, error: 'the JSON body is empty' });
					return;
				}
				try {
					finish({ kind: 'json', size, contentType: contentType as string, json: JSON.parse(text) });
				} catch (error) {
					finish({ kind: 'json', size, contentType: contentType as string, error: `the body is not valid JSON: ${(error as Error).message}` });
				}
			});
			return;
		}

		if (type === 'multipart/form-data') {
			const fields: TextPair[] = [];
			const files: ReceivedFile[] = [];
			const keepers: Array<{ file: ReceivedFile; data: HeadTail }> = [];
			let parseError: string | undefined;
			let fatal = false;
			const done = (): void => {
				for (const { file, data } of keepers) {
					file.size = data.size;
					file.head = data.head();
					file.tail = data.tail();
					file.markers = data.markers.texts;
					file.mp3Seconds = data.mp3Seconds();
				}
				finish({ kind: 'multipart', size, contentType: contentType as string, fields, files, error: parseError });
			};
			const drainThenDone = (message: string): void => {
				if (fatal) return;
				fatal = true;
				parseError = message;
				req.unpipe();
				req.resume();
				if (req.complete) done();
				else req.once('end', done);
			};
			let parser: busboy.Busboy;
			try {
				parser = busboy({
					headers: req.headers,
					defParamCharset: 'utf8',
					limits: { fieldSize: FIELD_LIMIT_BYTES, fieldNameSize: 500 },
				});
			} catch (error) {
				drainThenDone(`malformed multipart request: ${(error as Error).message}`);
				return;
			}
			parser.on('field', (name, value, info) => {
				if (info.valueTruncated || info.nameTruncated) {
					parseError ??= `multipart field "${name}" is larger than ${FIELD_LIMIT_BYTES} bytes (a file part needs a filename)`;
				}
				fields.push({ name, value, mimeType: info.mimeType });
			});
			parser.on('file', (name, stream, info) => {
				const file: ReceivedFile = {
					field: name,
					filename: info.filename,
					contentType: info.mimeType,
					size: 0,
					head: Buffer.alloc(0),
					tail: Buffer.alloc(0),
					markers: [],
				};
				const data = new HeadTail();
				files.push(file);
				keepers.push({ file, data });
				stream.on('data', (chunk: Buffer) => data.add(chunk));
				stream.on('error', () => undefined);
			});
			parser.on('error', (error) => drainThenDone(`malformed multipart body: ${(error as Error).message}`));
			parser.on('close', () => {
				if (!fatal) done();
			});
			req.pipe(parser);
			return;
		}

		req.on('end', () => finish({ kind: 'none', size, contentType }));
		req.resume();
	});
}
