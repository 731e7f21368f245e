/**
 * Finds the text the stand-in embedded in generated audio (see audio.ts): the payload markers found
 * along the whole upload (a joined file has one per part: their texts in order, joined as they are,
 * since a part keeps the spaces at its end), else a header marker in the first or last bytes.
 * Estimates the audio's duration.
 */
import { ID3_DESCRIPTION, TRANSCRIPT_MARKER } from './audio';
import type { SttEncoding } from './enums';
import type { ReceivedFile } from './validation';

export interface WavInfo {
	byteRate: number;
	/** Bytes of samples, from the data chunk header (or what actually arrived, if the header disagrees). */
	dataBytes: number;
}

export interface AudioProbe {
	text: string | undefined;
	wav: WavInfo | undefined;
	/** Seconds of MPEG frames, when the file is an MP3. */
	mp3Seconds: number | undefined;
	/** Length of a raw transcript trailer at the end of the file (0 when none). */
	trailerBytes: number;
}

function readWav(head: Buffer, size: number): { wav: WavInfo | undefined; comment: string | undefined } {
	if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
		return { wav: undefined, comment: undefined };
	}
	let offset = 12;
	let byteRate = 0;
	let comment: string | undefined;
	while (offset + 8 <= head.length) {
		const id = head.toString('latin1', offset, offset + 4);
		const length = head.readUInt32LE(offset + 4);
		const body = offset + 8;
		if (id === 'fmt ' && body + 12 <= head.length) byteRate = head.readUInt32LE(body + 8);
		if (id === 'LIST' && head.toString('latin1', body, body + 4) === 'INFO') {
			let sub = body + 4;
			const end = Math.min(body + length, head.length);
			while (sub + 8 <= end) {
				const subId = head.toString('latin1', sub, sub + 4);
				const subLength = head.readUInt32LE(sub + 4);
				if (subId === 'ICMT') {
					comment = head.toString('utf8', sub + 8, Math.min(sub + 8 + subLength, end)).replace(/\0+$/, '');
				}
				sub += 8 + subLength + (subLength % 2);
			}
		}
		if (id === 'data') {
			const arrived = Math.max(0, size - body);
			const dataBytes = length > 0 && length <= arrived ? length : arrived;
			return { wav: byteRate > 0 ? { byteRate, dataBytes } : undefined, comment };
		}
		offset = body + length + (length % 2);
	}
	return { wav: undefined, comment };
}

function decodeId3Text(encoding: number, bytes: Buffer): string {
	switch (encoding) {
		case 0:
			return bytes.toString('latin1');
		case 1:
		case 2: {
			let body = bytes;
			let bigEndian = encoding === 2;
			if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) [body, bigEndian] = [body.subarray(2), true];
			else if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) [body, bigEndian] = [body.subarray(2), false];
			if (bigEndian) body = Buffer.from(body).swap16();
			return body.toString('utf16le');
		}
		default:
			return bytes.toString('utf8');
	}
}

/** The text of our `TXXX` frame, or of a `COMM` frame, in an ID3v2.3/2.4 tag at the start. */
function readId3(head: Buffer): string | undefined {
	if (head.length < 10 || head.toString('latin1', 0, 3) !== 'ID3') return undefined;
	const major = head[3];
	const tagSize = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
	const end = Math.min(10 + tagSize, head.length);
	let offset = 10;
	let comment: string | undefined;
	while (offset + 10 <= end) {
		const id = head.toString('latin1', offset, offset + 4);
		if (!/^[A-Z0-9]{4}$/.test(id)) break;
		const size = major >= 4
			? ((head[offset + 4] & 0x7f) << 21) | ((head[offset + 5] & 0x7f) << 14) | ((head[offset + 6] & 0x7f) << 7) | (head[offset + 7] & 0x7f)
			: head.readUInt32BE(offset + 4);
		const body = head.subarray(offset + 10, Math.min(offset + 10 + size, end));
		const encoding = body[0];
		const terminator = encoding === 1 || encoding === 2 ? Buffer.from([0, 0]) : Buffer.from([0]);
		if (id === 'TXXX') {
			const split = body.indexOf(terminator, 1);
			if (split > 0 && decodeId3Text(encoding, body.subarray(1, split)) === ID3_DESCRIPTION) {
				return decodeId3Text(encoding, body.subarray(split + terminator.length));
			}
		}
		if (id === 'COMM' && comment === undefined) {
			const split = body.indexOf(terminator, 4);
			if (split > 0) comment = decodeId3Text(encoding, body.subarray(split + terminator.length));
		}
		offset += 10 + size;
	}
	return comment;
}

/** The raw trailer `CARTESIA-STANDIN-TRANSCRIPT:<base64>\n`, searched from the end. */
function readTrailer(tail: Buffer): { text: string; bytes: number } | undefined {
	const at = tail.lastIndexOf(TRANSCRIPT_MARKER, undefined, 'latin1');
	if (at < 0) return undefined;
	const start = at + TRANSCRIPT_MARKER.length;
	const newline = tail.indexOf(0x0a, start);
	const end = newline < 0 ? tail.length : newline;
	const encoded = tail.toString('latin1', start, end);
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined;
	const atEnd = newline >= 0 && newline + 1 === tail.length;
	return { text: Buffer.from(encoded, 'base64').toString('utf8'), bytes: atEnd ? tail.length - at : 0 };
}

export function probeAudio(file: Pick<ReceivedFile, 'head' | 'tail' | 'size' | 'markers' | 'mp3Seconds'>): AudioProbe {
	const { wav, comment } = readWav(file.head, file.size);
	const trailer = readTrailer(file.tail);
	const marked = file.markers.length > 0 ? file.markers.join('') : undefined;
	const text = marked ?? comment ?? readId3(file.head) ?? trailer?.text;
	return { text, wav, mp3Seconds: file.mp3Seconds, trailerBytes: trailer?.bytes ?? 0 };
}

const STT_SAMPLE_WIDTH: Record<SttEncoding, number> = {
	pcm_s16le: 2,
	pcm_s32le: 4,
	pcm_f16le: 2,
	pcm_f32le: 4,
	pcm_mulaw: 1,
	pcm_alaw: 1,
};

/** Seconds of audio: from the WAV header, else from the declared raw encoding, else MP3 frames, else unknown. */
export function durationOf(
	probe: AudioProbe,
	size: number,
	raw: { encoding: SttEncoding; sampleRate: number } | undefined,
): number | null {
	let seconds: number | undefined;
	if (probe.wav) seconds = probe.wav.dataBytes / probe.wav.byteRate;
	else if (raw) seconds = (size - probe.trailerBytes) / (STT_SAMPLE_WIDTH[raw.encoding] * raw.sampleRate);
	else if (probe.mp3Seconds) seconds = probe.mp3Seconds;
	return seconds === undefined ? null : Math.round(seconds * 1000) / 1000;
}
