/** Reads a WAV file's chunks, as a player would, so tests can check what the node produced. */
export interface ParsedWav {
	formatCode: number;
	channels: number;
	sampleRate: number;
	byteRate: number;
	blockAlign: number;
	bitsPerSample: number;
	dataBytes: number;
	chunkIds: string[];
	/** The RIFF size field matches the file's length. */
	riffSizeConsistent: boolean;
}

export function parseWav(file: Buffer): ParsedWav {
	if (file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WAVE') {
		throw new Error('not a RIFF/WAVE file');
	}
	const chunkIds: string[] = [];
	let fmt: Buffer | undefined;
	let dataBytes: number | undefined;
	let offset = 12;
	while (offset + 8 <= file.length) {
		const id = file.toString('latin1', offset, offset + 4);
		const size = file.readUInt32LE(offset + 4);
		chunkIds.push(id);
		if (id === 'fmt ') fmt = file.subarray(offset + 8, offset + 8 + size);
		if (id === 'data') {
			dataBytes = size;
			if (offset + 8 + size > file.length) throw new Error('data chunk runs past the end of the file');
		}
		offset += 8 + size + (size % 2);
	}
	if (!fmt || dataBytes === undefined) throw new Error(`missing chunks, found ${chunkIds.join(', ')}`);
	return {
		formatCode: fmt.readUInt16LE(0),
		channels: fmt.readUInt16LE(2),
		sampleRate: fmt.readUInt32LE(4),
		byteRate: fmt.readUInt32LE(8),
		blockAlign: fmt.readUInt16LE(12),
		bitsPerSample: fmt.readUInt16LE(14),
		dataBytes,
		chunkIds,
		riffSizeConsistent: file.readUInt32LE(4) === file.length - 8,
	};
}

/**
 * A file of `size` bytes that starts like a WAV (RIFF/WAVE), which the node's audio check accepts:
 * for tests where only the upload matters, not the sound.
 */
export function wavLike(size: number, fill = 0): Buffer {
	const file = Buffer.alloc(size, fill);
	file.write('RIFF', 0, 'latin1');
	file.writeUInt32LE(size - 8, 4);
	file.write('WAVE', 8, 'latin1');
	return file;
}
