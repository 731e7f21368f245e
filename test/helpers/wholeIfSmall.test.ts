/** helpers/audioOutput.ts wholeIfSmall: a short answer read whole, a long one handed on as one stream. */
import { PassThrough, Readable } from 'node:stream';

import { wholeIfSmall } from '../../nodes/Cartesia/helpers/audioOutput';

const pieces = (count: number, size: number) => Array.from({ length: count }, (_, index) => Buffer.alloc(size, index));

describe('wholeIfSmall', () => {
	it('gives a stream that ends within the limit as one Buffer', async () => {
		const result = await wholeIfSmall(Readable.from(pieces(3, 100)), 1000);
		expect(Buffer.isBuffer(result)).toBe(true);
		expect(result).toEqual(Buffer.concat(pieces(3, 100)));
	});

	it('gives a longer one as a stream of every byte, in order, without reading it all first', async () => {
		const source = new PassThrough();
		const written = pieces(10, 100);
		for (const piece of written.slice(0, 3)) source.write(piece);
		const result = await wholeIfSmall(source, 250);
		expect(result).toBeInstanceOf(Readable);
		for (const piece of written.slice(3)) source.write(piece);
		source.end();
		const read: Buffer[] = [];
		for await (const chunk of result as Readable) read.push(chunk as Buffer);
		expect(Buffer.concat(read)).toEqual(Buffer.concat(written));
	});

	it('fails with the stream’s error, or with a premature close when it is destroyed before its end', async () => {
		const failing = new PassThrough();
		const failed = wholeIfSmall(failing, 1000);
		failing.write(Buffer.alloc(10));
		failing.destroy(new Error('socket reset'));
		await expect(failed).rejects.toThrow('socket reset');

		const cut = new PassThrough();
		const closed = wholeIfSmall(cut, 1000);
		cut.write(Buffer.alloc(10));
		cut.destroy();
		await expect(closed).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
	});
});
