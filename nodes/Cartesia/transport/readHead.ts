import type { Readable } from 'node:stream';

/**
 * The first `maxBytes` of a stream, which is then destroyed: the rest is never read. With
 * `keepWhatArrived`, a stream that breaks gives what came before the break instead of its error.
 */
export async function readHead(stream: Readable, maxBytes: number, keepWhatArrived = false): Promise<Buffer> {
	const chunks: Buffer[] = [];
	const read = async () => {
		let length = 0;
		for await (const chunk of stream) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array | string);
			chunks.push(bytes);
			length += bytes.length;
			if (length >= maxBytes) break;
		}
	};
	try {
		if (keepWhatArrived) await read().catch(() => undefined);
		else await read();
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, maxBytes);
}
