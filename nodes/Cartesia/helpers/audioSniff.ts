/**
 * Tells audio Cartesia can decode from anything else by the first bytes of a file, so that a PNG or
 * a text file fails the item before it is uploaded (and billed, or worse, transcribed as noise).
 * docs/wire-format.md §2.4: Cartesia reads flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav and webm.
 */

/** Enough bytes for every signature below, and for a readable description of what they are instead. */
export const SNIFF_BYTES = 64;

export type SniffResult = { audio: true; format: string } | { audio: false; looksLike: string };

const ascii = (head: Buffer, start: number, end: number): string => head.toString('latin1', start, end);
const startsWith = (head: Buffer, bytes: number[]): boolean => bytes.every((byte, at) => head[at] === byte);

/** Audio containers, most common first. */
const AUDIO_SIGNATURES: Array<{ format: string; matches: (head: Buffer) => boolean }> = [
	{ format: 'WAV', matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE' },
	{ format: 'MP3 (ID3)', matches: (head) => ascii(head, 0, 3) === 'ID3' },
	// An MPEG audio frame starts with 11 set bits (0xFFE…): MP3 without tags, or AAC in ADTS.
	{ format: 'MPEG audio', matches: (head) => head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 },
	{ format: 'FLAC', matches: (head) => ascii(head, 0, 4) === 'fLaC' },
	{ format: 'Ogg', matches: (head) => ascii(head, 0, 4) === 'OggS' },
	{ format: 'M4A/MP4', matches: (head) => ascii(head, 4, 8) === 'ftyp' },
	{ format: 'WebM', matches: (head) => startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) },
	{ format: 'MPEG program stream', matches: (head) => startsWith(head, [0x00, 0x00, 0x01, 0xba]) },
];

/** Common files that are not audio, to say what the user gave instead. */
const OTHER_SIGNATURES: Array<{ looksLike: string; matches: (head: Buffer) => boolean }> = [
	{ looksLike: 'a PNG image', matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47]) },
	{ looksLike: 'a JPEG image', matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]) },
	{ looksLike: 'a GIF image', matches: (head) => ascii(head, 0, 4) === 'GIF8' },
	{ looksLike: 'a WebP image', matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP' },
	{ looksLike: 'a PDF document', matches: (head) => ascii(head, 0, 5) === '%PDF-' },
	{ looksLike: 'a ZIP archive (or an Office document)', matches: (head) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) },
	{ looksLike: 'a gzip archive', matches: (head) => startsWith(head, [0x1f, 0x8b]) },
	{ looksLike: 'a RIFF file that is not WAVE', matches: (head) => ascii(head, 0, 4) === 'RIFF' },
];

/** Printable text (UTF-8, no control bytes but tab and line ends), as JSON, HTML or a transcript would be. */
function looksLikeText(head: Buffer): boolean {
	const text = head.toString('utf8');
	// A multi-byte character cut at the end of the head decodes to one replacement character.
	const body = text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
	if (body.length === 0 || body.includes('\uFFFD')) return false;
	return [...body].every((character) => {
		const code = character.charCodeAt(0);
		return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0x7f);
	});
}

function describeOther(head: Buffer): string {
	const known = OTHER_SIGNATURES.find((signature) => signature.matches(head));
	if (known) return known.looksLike;
	if (looksLikeText(head)) {
		const text = head.toString('utf8').replace(/\s+/g, ' ').trim();
		return `text ("${text.length > 24 ? `${text.slice(0, 24)}…` : text}")`;
	}
	const hex = [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
	return `no audio format Cartesia reads (it starts with ${hex})`;
}

/** What the first bytes of a file are: a container Cartesia reads, or what they look like instead. */
export function sniffAudio(head: Buffer): SniffResult {
	const audio = AUDIO_SIGNATURES.find((signature) => signature.matches(head));
	return audio ? { audio: true, format: audio.format } : { audio: false, looksLike: describeOther(head) };
}
