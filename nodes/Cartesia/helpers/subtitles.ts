/**
 * Subtitles (SRT and WebVTT) from the word timestamps Cartesia's speech-to-text returns
 * (`words: [{ word, start, end }]`, in seconds).
 *
 * How words become cues (`buildCues`):
 * - Words are trimmed and runs of whitespace inside a word become one space; empty words are skipped.
 *   A word is never split, even when it holds a space.
 * - Times are worked out in whole milliseconds (rounded), so a gap of exactly 0.6 s is 0.6 s.
 *   A time that is not a finite number (missing, NaN, Infinity, a string) counts as missing; a negative
 *   time becomes 0. A missing start takes the word's end; a missing end takes its start; when both are
 *   missing, the word sits at the end of the word before it in the input (0 for the first word).
 *   An end before the start becomes the start.
 * - Words are then sorted by start; words with the same start keep their input order.
 * - A new cue starts before a word when any of these holds:
 *   - the previous word ends a sentence: it ends with `.`, `!`, `?` or `…`, optionally followed by
 *     closing quotes or brackets (`"`, `'`, `”`, `’`, `»`, `›`, `)`, `]`, `}`), so `etc.` and `Dr.` split too;
 *   - the silence between the previous word's end and this word's start is longer than `maxGapSeconds`;
 *   - adding the word would make the cue last longer than `maxCueSeconds` (first start to this word's end);
 *   - the cue's text would no longer fit in `maxLines` lines of `maxLineLength` characters.
 *   A single word longer than `maxCueSeconds` still gets a cue of its own, which is then longer.
 * - Lengths are counted in Unicode code points. A word longer than `maxLineLength` gets a line of its own.
 * - Line breaking: a cue uses as few lines as possible; within that number of lines, the longest line
 *   is made as short as possible; any slack goes to the top line (lines are filled from the bottom up,
 *   a bottom-heavy pyramid). So a 50-character cue becomes two lines of about 25, and text that fits
 *   on one line stays on one line.
 * - A cue starts at its first word's start and ends at its last word's end. When that end is after the
 *   next cue's start (overlapping words), it is moved back to the next cue's start, so cues never
 *   overlap; a cue can end up with zero duration that way.
 *
 * Output: `toSrt` and `toWebVtt` write LF line endings, a blank line between cues and one final newline.
 * Lines of a cue are cleaned the same way words are (line breaks inside a line become spaces), empty
 * lines are dropped, and a cue left without text is left out (SRT numbering stays consecutive).
 * Times are rounded to milliseconds, negative or non-finite times print as 0, an end before its start
 * prints as the start, and hours take as many digits as needed (at least two). WebVTT text escapes
 * `&`, `<` and `>`, so `-->` cannot appear in it; SRT has no escaping and keeps text as it is.
 */

export interface TimedWord {
	word: string;
	start: number;
	end: number;
}

export interface SubtitleCue {
	/** Seconds, rounded to milliseconds. */
	start: number;
	/** Seconds, rounded to milliseconds; never before `start`. */
	end: number;
	lines: string[];
}

export interface CueLimits {
	/** Characters (Unicode code points) per line; a whole number of at least 1. */
	maxLineLength: number;
	/** Lines per cue; a whole number of at least 1. */
	maxLines: number;
	/** Longest cue in seconds; at least 0 (Infinity turns the limit off). */
	maxCueSeconds: number;
	/** A silence longer than this starts a new cue; at least 0 (Infinity turns the rule off). */
	maxGapSeconds: number;
}

export const DEFAULT_CUE_LIMITS: CueLimits = Object.freeze({
	maxLineLength: 42,
	maxLines: 2,
	maxCueSeconds: 7,
	maxGapSeconds: 0.6,
});

/** A cleaned word; times in whole milliseconds. */
interface Word {
	text: string;
	width: number;
	start: number;
	end: number;
}

const SENTENCE_END = /[.!?…]["'”’»›)\]}]*$/u;

/**
 * Groups words into subtitle cues (rules in the module comment).
 * Throws a RangeError when a limit is out of range.
 */
export function buildCues(words: TimedWord[], limits: CueLimits = DEFAULT_CUE_LIMITS): SubtitleCue[] {
	checkLimits(limits);
	const maxCueMs = Math.round(limits.maxCueSeconds * 1000);
	const maxGapMs = Math.round(limits.maxGapSeconds * 1000);

	const groups: Word[][] = [];
	let current: Word[] = [];
	for (const word of normalizeWords(words)) {
		const previous = current[current.length - 1];
		if (previous !== undefined) {
			const startsNewCue =
				SENTENCE_END.test(previous.text) ||
				word.start - previous.end > maxGapMs ||
				word.end - current[0].start > maxCueMs ||
				countLines([...current, word].map((w) => w.width), limits.maxLineLength) > limits.maxLines;
			if (startsNewCue) {
				groups.push(current);
				current = [];
			}
		}
		current.push(word);
	}
	if (current.length > 0) groups.push(current);

	return groups.map((group, index) => {
		const start = group[0].start;
		let end = Math.max(start, group[group.length - 1].end);
		const next = groups[index + 1];
		if (next !== undefined) end = Math.min(end, next[0].start);
		return { start: start / 1000, end: end / 1000, lines: breakLines(group, limits.maxLineLength) };
	});
}

/** SubRip: cues numbered from 1, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, LF line endings. `''` for no cues. */
export function toSrt(cues: SubtitleCue[]): string {
	const blocks: string[] = [];
	for (const cue of cues) {
		const lines = cleanLines(cue.lines);
		if (lines.length === 0) continue;
		blocks.push(`${blocks.length + 1}\n${timing(cue, ',')}\n${lines.join('\n')}\n`);
	}
	return blocks.join('\n');
}

/** WebVTT: `WEBVTT`, then one block per cue, `HH:MM:SS.mmm --> HH:MM:SS.mmm`, LF line endings. */
export function toWebVtt(cues: SubtitleCue[]): string {
	let output = 'WEBVTT\n';
	for (const cue of cues) {
		const lines = cleanLines(cue.lines);
		if (lines.length === 0) continue;
		output += `\n${timing(cue, '.')}\n${lines.map(escapeWebVtt).join('\n')}\n`;
	}
	return output;
}

function checkLimits(limits: CueLimits): void {
	for (const name of ['maxLineLength', 'maxLines'] as const) {
		const value = limits[name];
		if (!Number.isInteger(value) || value < 1) {
			throw new RangeError(`${name} must be a whole number of at least 1 (got ${String(value)})`);
		}
	}
	for (const name of ['maxCueSeconds', 'maxGapSeconds'] as const) {
		const value = limits[name];
		if (typeof value !== 'number' || !(value >= 0)) {
			throw new RangeError(`${name} must be a number of at least 0 (got ${String(value)})`);
		}
	}
}

function cleanText(text: unknown): string {
	return typeof text === 'string' ? text.replace(/\s+/gu, ' ').trim() : '';
}

/** Whole milliseconds, at least 0; undefined for anything but a finite number. */
function toMs(seconds: unknown): number | undefined {
	if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
	return Math.round(Math.max(0, seconds) * 1000);
}

function normalizeWords(words: readonly TimedWord[]): Word[] {
	const result: Word[] = [];
	let previousEnd = 0;
	for (const entry of Array.isArray(words) ? words : []) {
		if (typeof entry !== 'object' || entry === null) continue;
		const text = cleanText(entry.word);
		if (!text) continue;
		const rawStart = toMs(entry.start);
		const rawEnd = toMs(entry.end);
		const start = rawStart ?? rawEnd ?? previousEnd;
		const end = Math.max(start, rawEnd ?? start);
		previousEnd = end;
		result.push({ text, width: Array.from(text).length, start, end });
	}
	// Array.prototype.sort is stable, so words with the same start keep their input order.
	return result.sort((a, b) => a.start - b.start);
}

/**
 * The fewest lines words of these widths need when a line holds at most `maxWidth` characters
 * (a single wider word takes a line of its own). Filling each line greedily gives the fewest lines.
 */
function countLines(widths: readonly number[], maxWidth: number): number {
	let lines = 0;
	let used = -1;
	for (const width of widths) {
		if (used >= 0 && used + 1 + width <= maxWidth) {
			used += 1 + width;
		} else {
			lines++;
			used = width;
		}
	}
	return lines;
}

/**
 * Breaks a cue into its fewest lines with the longest line as short as possible: finds the narrowest
 * width that needs no more lines than `maxLineLength` does, then fills lines from the bottom up at it.
 */
function breakLines(words: readonly Word[], maxLineLength: number): string[] {
	const widths = words.map((word) => word.width);
	const lineCount = countLines(widths, maxLineLength);
	let low = 1;
	let high = maxLineLength;
	while (low < high) {
		const middle = Math.floor((low + high) / 2);
		if (countLines(widths, middle) <= lineCount) high = middle;
		else low = middle + 1;
	}

	const lines: string[] = [];
	let line: string[] = [];
	let used = 0;
	for (let index = words.length - 1; index >= 0; index--) {
		const word = words[index];
		if (line.length > 0 && used + 1 + word.width <= high) {
			line.unshift(word.text);
			used += 1 + word.width;
		} else {
			if (line.length > 0) lines.unshift(line.join(' '));
			line = [word.text];
			used = word.width;
		}
	}
	if (line.length > 0) lines.unshift(line.join(' '));
	return lines;
}

function cleanLines(lines: readonly string[]): string[] {
	if (!Array.isArray(lines)) return [];
	return lines.map(cleanText).filter((line) => line.length > 0);
}

function timing(cue: SubtitleCue, separator: ',' | '.'): string {
	const start = toMs(cue.start) ?? 0;
	const end = Math.max(start, toMs(cue.end) ?? 0);
	return `${timestamp(start, separator)} --> ${timestamp(end, separator)}`;
}

function timestamp(ms: number, separator: ',' | '.'): string {
	const hours = Math.floor(ms / 3_600_000);
	const minutes = Math.floor(ms / 60_000) % 60;
	const seconds = Math.floor(ms / 1000) % 60;
	const millis = ms % 1000;
	const pad = (value: number, digits: number) => String(value).padStart(digits, '0');
	return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${separator}${pad(millis, 3)}`;
}

function escapeWebVtt(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
