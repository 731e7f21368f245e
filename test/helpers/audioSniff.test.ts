import { Readable } from 'node:stream';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sniffAudio } from '../../nodes/Cartesia/helpers/audioSniff';
import { binaryUpload } from '../../nodes/Cartesia/helpers/binary';
import { wavLike } from './wav';

const bytes = (hex: string, padTo = 64) => {
	const head = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
	return Buffer.concat([head, Buffer.alloc(Math.max(0, padTo - head.length), 0x11)]);
};
const text = (value: string) => Buffer.from(value, 'latin1');

describe('sniffAudio', () => {
	it.each([
		['WAV', wavLike(64)],
		['MP3 (ID3)', Buffer.concat([text('ID3'), bytes('04 00 00')])],
		['MPEG audio', bytes('ff fb 90 64')],
		['MPEG audio', bytes('ff f1 50 80')],
		['FLAC', Buffer.concat([text('fLaC'), bytes('00 00 00 22')])],
		['Ogg', Buffer.concat([text('OggS'), bytes('00 02')])],
		['M4A/MP4', Buffer.concat([bytes('00 00 00 20', 4), text('ftypM4A '), bytes('')])],
		['WebM', bytes('1a 45 df a3 9f 42 86 81')],
		['MPEG program stream', bytes('00 00 01 ba 44')],
	])('accepts %s', (format, head) => {
		expect(sniffAudio(head)).toEqual({ audio: true, format });
	});

	it.each([
		['a PNG image', bytes('89 50 4e 47 0d 0a 1a 0a')],
		['a JPEG image', bytes('ff d8 ff e0')],
		['a GIF image', text('GIF89a....')],
		['a WebP image', Buffer.concat([text('RIFF'), bytes('00 10 00 00', 4), text('WEBPVP8 ')])],
		['a RIFF file that is not WAVE', Buffer.concat([text('RIFF'), bytes('00 10 00 00', 4), text('AVI LIST')])],
		['a PDF document', text('%PDF-1.7\n')],
		['a ZIP archive (or an Office document)', bytes('50 4b 03 04')],
		['text ("{"transcript": "Hello th…")', text('{"transcript": "Hello there, this is not audio"}')],
		['text ("Grüße aus Köln")', Buffer.from('Grüße aus Köln', 'utf8')],
		['no audio format Cartesia reads (it starts with 00 00 00 00 00 00 00 00)', Buffer.alloc(64)],
	])('refuses %s', (looksLike, head) => {
		expect(sniffAudio(head)).toEqual({ audio: false, looksLike });
	});

	it('does not mistake a frame-sync-like JPEG start for MPEG audio', () => {
		expect(sniffAudio(bytes('ff d8 ff db')).audio).toBe(false);
	});
});

/** A stand-in for the n8n context, with one stored binary read through a stream that counts. */
function storedBinaryContext(content: Buffer) {
	const stream = { bytesServed: 0, destroyed: false, opened: 0 };
	const context = {
		getNode: () => ({ name: 'Cartesia', type: 'cartesia', typeVersion: 1, position: [0, 0], parameters: {} }),
		getInputData: () => [{ json: {}, binary: { data: { id: 'filesystem-v2:clip', data: '', mimeType: 'audio/wav', fileName: 'clip.wav' } } }],
		helpers: {
			getBinaryMetadata: async () => ({ fileSize: content.length }),
			getBinaryStream: async (_id: string, chunkSize = 64 * 1024) => {
				stream.opened++;
				let offset = 0;
				const readable = new Readable({
					read() {
						if (offset >= content.length) {
							this.push(null);
							return;
						}
						const chunk = content.subarray(offset, offset + chunkSize);
						offset += chunk.length;
						stream.bytesServed += chunk.length;
						this.push(chunk);
					},
				});
				readable.on('close', () => (stream.destroyed = true));
				return readable;
			},
		},
	};
	return { context: context as unknown as IExecuteFunctions, stream };
}

describe('binaryUpload checks a stored binary by its first bytes only', () => {
	const bigWav = wavLike(8 * 1024 * 1024);

	it('reads a few bytes through a stream it then closes, and keeps the upload for later', async () => {
		const { context, stream } = storedBinaryContext(bigWav);
		const upload = await binaryUpload(context, 0, 'data', 'Input Binary Field');
		await new Promise((resolve) => setImmediate(resolve));
		expect(stream.opened).toBe(1);
		expect(stream.destroyed).toBe(true);
		// At most a stream's read-ahead of small chunks, never the 8 MB file.
		expect(stream.bytesServed).toBeLessThan(64 * 1024);
		expect(upload.size).toBe(bigWav.length);
	});

	it('fails the item for a stored PNG, naming the parameter and the field', async () => {
		const png = Buffer.concat([bytes('89 50 4e 47 0d 0a 1a 0a'), Buffer.alloc(1024 * 1024)]);
		const { context, stream } = storedBinaryContext(png);
		const failure = binaryUpload(context, 0, 'data', 'Input Binary Field');
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toThrow('"Input Binary Field" ("data") does not hold audio: its bytes look like a PNG image');
		expect(stream.bytesServed).toBeLessThan(64 * 1024);
	});

	it('lets headerless PCM through when the user declared it', async () => {
		const { context } = storedBinaryContext(Buffer.alloc(4096));
		await expect(binaryUpload(context, 0, 'data', 'Input Binary Field', { rawPcm: true })).resolves.toMatchObject({ size: 4096 });
	});
});
