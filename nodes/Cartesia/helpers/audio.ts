import type { Container, RawEncoding } from '../catalog';

/** File extension and MIME type per container: a WAV is never named `.mp3`. */
export const AUDIO_FILE_TYPES: Record<Container, { extension: string; mimeType: string }> = {
	wav: { extension: 'wav', mimeType: 'audio/wav' },
	mp3: { extension: 'mp3', mimeType: 'audio/mpeg' },
	raw: { extension: 'pcm', mimeType: 'application/octet-stream' },
};

/** WAVE format codes and sample widths: PCM 1, IEEE float 3, A-law 6, µ-law 7. */
const WAVE_FORMATS: Record<RawEncoding, { formatCode: number; bytesPerSample: number }> = {
	pcm_s16le: { formatCode: 1, bytesPerSample: 2 },
	pcm_f32le: { formatCode: 3, bytesPerSample: 4 },
	pcm_alaw: { formatCode: 6, bytesPerSample: 1 },
	pcm_mulaw: { formatCode: 7, bytesPerSample: 1 },
};

function chunk(id: string, body: Buffer): Buffer {
	const header = Buffer.alloc(8);
	header.write(id, 0, 'ascii');
	header.writeUInt32LE(body.length, 4);
	return Buffer.concat([header, body]);
}

/**
 * The RIFF/WAVE header for `dataBytes` bytes of mono samples. Formats other than integer PCM carry the
 * 18-byte fmt chunk and the `fact` chunk (sample count) the WAVE specification asks of them.
 */
/** Bytes per sample of a raw encoding, mono. */
export function bytesPerSample(encoding: RawEncoding): number {
	return WAVE_FORMATS[encoding].bytesPerSample;
}

export function wavHeader(encoding: RawEncoding, sampleRate: number, dataBytes: number, channels = 1): Buffer {
	const { formatCode, bytesPerSample } = WAVE_FORMATS[encoding];
	const isIntegerPcm = formatCode === 1;
	const fmt = Buffer.alloc(isIntegerPcm ? 16 : 18);
	fmt.writeUInt16LE(formatCode, 0);
	fmt.writeUInt16LE(channels, 2);
	fmt.writeUInt32LE(sampleRate, 4);
	fmt.writeUInt32LE(sampleRate * channels * bytesPerSample, 8);
	fmt.writeUInt16LE(channels * bytesPerSample, 12);
	fmt.writeUInt16LE(bytesPerSample * 8, 14);
	const chunks = [chunk('fmt ', fmt)];
	if (!isIntegerPcm) {
		const fact = Buffer.alloc(4);
		fact.writeUInt32LE(Math.floor(dataBytes / (channels * bytesPerSample)), 0);
		chunks.push(chunk('fact', fact));
	}
	const dataHeader = Buffer.alloc(8);
	dataHeader.write('data', 0, 'ascii');
	dataHeader.writeUInt32LE(dataBytes, 4);
	const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), ...chunks, dataHeader]);
	const riff = Buffer.alloc(8);
	riff.write('RIFF', 0, 'ascii');
	// The RIFF size counts everything after these 8 bytes; a pad byte keeps odd-sized data aligned.
	riff.writeUInt32LE(body.length + dataBytes + (dataBytes % 2), 4);
	return Buffer.concat([riff, body]);
}

/** Joined PCM wrapped as a WAV file (with the pad byte an odd data size needs). */
export function wrapPcmAsWav(pcm: Buffer, encoding: RawEncoding, sampleRate: number): Buffer {
	const pad = pcm.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
	return Buffer.concat([wavHeader(encoding, sampleRate, pcm.length), pcm, pad]);
}

/** The byte of silence per encoding: zero for linear PCM, the code for zero in µ-law (0xFF) and A-law (0xD5). */
const SILENT_BYTE: Record<RawEncoding, number> = { pcm_s16le: 0, pcm_f32le: 0, pcm_mulaw: 0xff, pcm_alaw: 0xd5 };

/** `seconds` of silence as mono samples of `encoding` (whole samples, rounded). */
export function silence(encoding: RawEncoding, sampleRate: number, seconds: number): Buffer {
	const samples = Math.round(seconds * sampleRate);
	return Buffer.alloc(samples * bytesPerSample(encoding), SILENT_BYTE[encoding]);
}
