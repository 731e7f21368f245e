import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { buildMultipartBody, flattenMultipart } from '../../nodes/Cartesia/transport/multipart';

const file = (content: string, size?: number) => ({
	open: async () => Readable.from([Buffer.from(content)]),
	fileName: 'clip.wav',
	contentType: 'audio/wav',
	size,
});

describe('flattenMultipart', () => {
	it('names nested fields with brackets and repeats array fields with []', () => {
		const parts = flattenMultipart({
			model_id: 'sonic-3',
			output_format: { container: 'wav', sample_rate: 44100, encoding: 'pcm_s16le' },
			voice: { __experimental_controls: { emotion: ['surprise:high', 'curiosity'] } },
			timestamp_granularities: ['word'],
			enhance: false,
			skipped: undefined,
		});
		expect(parts).toEqual([
			{ name: 'model_id', value: 'sonic-3' },
			{ name: 'output_format[container]', value: 'wav' },
			{ name: 'output_format[sample_rate]', value: '44100' },
			{ name: 'output_format[encoding]', value: 'pcm_s16le' },
			{ name: 'voice[__experimental_controls][emotion][]', value: 'surprise:high' },
			{ name: 'voice[__experimental_controls][emotion][]', value: 'curiosity' },
			{ name: 'timestamp_granularities[]', value: 'word' },
			{ name: 'enhance', value: 'false' },
		]);
	});
});

describe('buildMultipartBody', () => {
	it('sends a Content-Length when every file size is known', async () => {
		const { body, headers } = await buildMultipartBody({ clip: file('RIFF1234', 8), name: 'Voice' });
		const wire = await text(body);
		expect(Number(headers['content-length'])).toBe(Buffer.byteLength(wire));
		expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(wire).toContain('name="clip"; filename="clip.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF1234');
		expect(wire).toContain('name="name"\r\n\r\nVoice');
	});

	it('streams without a Content-Length when a file size is unknown', async () => {
		const { body, headers } = await buildMultipartBody({ clip: file('abc') });
		expect(headers['content-length']).toBeUndefined();
		expect(await text(body)).toContain('\r\n\r\nabc\r\n');
	});

	it('opens the file anew for every body it builds (one per attempt)', async () => {
		const open = jest.fn(async () => Readable.from([Buffer.from('x')]));
		const fields = { clip: { open, fileName: 'a.wav', contentType: 'audio/wav', size: 1 } };
		await text((await buildMultipartBody(fields)).body);
		await text((await buildMultipartBody(fields)).body);
		expect(open).toHaveBeenCalledTimes(2);
	});

	it('fails the body when the file stream fails', async () => {
		const broken = {
			open: async () =>
				new Readable({
					read() {
						this.destroy(new Error('disk gone'));
					},
				}),
			fileName: 'a.wav',
			contentType: 'audio/wav',
		};
		const { body } = await buildMultipartBody({ clip: broken });
		await expect(text(body)).rejects.toThrow('disk gone');
	});

	it('takes the name, type and size the source reports when it opens (a download learns them from its answer)', async () => {
		const downloaded = {
			open: async () => ({ content: Readable.from([Buffer.from('ID3x')]), fileName: 'episode.mp3', contentType: 'audio/mpeg', size: 4 }),
			fileName: 'audio',
			contentType: 'application/octet-stream',
		};
		const { body, headers } = await buildMultipartBody({ file: downloaded });
		const wire = await text(body);
		expect(wire).toContain('name="file"; filename="episode.mp3"\r\nContent-Type: audio/mpeg\r\n\r\nID3x');
		expect(Number(headers['content-length'])).toBe(Buffer.byteLength(wire));
	});

	it('closes a file already opened when a later one fails to open', async () => {
		const left = new Readable({ read() {} });
		const fields = {
			left_audio: { open: async () => left, fileName: 'l.wav', contentType: 'audio/wav' },
			right_audio: {
				open: async () => {
					throw new Error('404');
				},
				fileName: 'r.wav',
				contentType: 'audio/wav',
			},
		};
		await expect(buildMultipartBody(fields)).rejects.toThrow('404');
		expect(left.destroyed).toBe(true);
	});

	it('closes the file streams when the body is destroyed (a failed attempt)', async () => {
		const clip = new Readable({ read() {} });
		const { body } = await buildMultipartBody({ clip: { open: async () => clip, fileName: 'a.wav', contentType: 'audio/wav' } });
		body.destroy();
		await new Promise((resolve) => setImmediate(resolve));
		expect(clip.destroyed).toBe(true);
	});
});
