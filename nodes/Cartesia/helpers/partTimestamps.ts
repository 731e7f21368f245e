/**
 * Timestamps of a long text's parts on one time line: each part's are moved by the audio joined
 * before it (the parts before, and the pauses between paragraphs), measured from the PCM actually
 * joined, never estimated from the text.
 */

/** Rounds away float noise (0.1 + 0.2) without losing anything a caption or player can use. */
const roundMicroseconds = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;

/** The entries with `start` and `end` moved `seconds` later; the list itself is left as it was. */
export function shiftTimestamps<T extends { start: number; end: number }>(list: T[], seconds: number): T[] {
	return list.map((entry) => ({ ...entry, start: roundMicroseconds(entry.start + seconds), end: roundMicroseconds(entry.end + seconds) }));
}
