/**
 * Splits a long transcript into parts Cartesia speaks one request at a time. A part ends at the
 * largest boundary that keeps it within the size: a paragraph, then a sentence, then a clause, then a
 * word, and only for a "word" longer than a whole part, a character. No boundary ever falls inside an
 * inline tag such as `<break time="1s"/>`.
 *
 * The boundary rule: the parts, joined, are exactly the text. The spaces and punctuation at a
 * boundary stay at the end of the part before it (Cartesia's continuation rules want them kept), so a
 * part never starts with whitespace, except the first when the text does, and no part is blank.
 */

/** Characters (Unicode code points) per `/tts/bytes` part: Cartesia documents no limit; this is safely below what it handles well. */
export const BYTES_PART_CHARACTERS = 2_000;
/**
 * Characters per input on the TTS WebSocket (continuous narration): a few sentences, so a dropped
 * connection repeats little and `flush_done` marks progress often. Cartesia documents no limit.
 */
export const WEBSOCKET_INPUT_CHARACTERS = 500;

/** An inline tag: `<break time="1s"/>`, `<emotion value="sad">`, on one line. */
const TAG = /<[^<>\n]*>/g;
/** A paragraph break: a blank line (the boundary is after the whitespace run). */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/g;
/** A clause end: a Latin comma, semicolon, colon or dash followed by a space, or a CJK one. */
const CLAUSE_END = /(?:[,;:\u2013\u2014](?=\s)|[\u3001\uff0c\uff1b\uff1a])\s*/g;
/** Thai marks sentences with a space, not punctuation. */
const THAI_SENTENCE_SPACE = /(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])/g;
/** Scripts written without spaces between words, where a word may start right after another. */
const NO_SPACE_SCRIPT = /[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/** Code points, as Cartesia counts characters. */
function size(text: string): number {
	let count = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		// The second half of a surrogate pair belongs to the code point before it.
		if (unit < 0xdc00 || unit > 0xdfff) count++;
	}
	return count;
}

function matchEnds(text: string, pattern: RegExp): number[] {
	return [...text.matchAll(pattern)].map((match) => match.index + match[0].length);
}

function paragraphBoundaries(text: string): number[] {
	return matchEnds(text, PARAGRAPH_BREAK);
}

/** Sentence ends as ICU finds them (including CJK 。！？), and the spaces between Thai sentences. */
function sentenceBoundaries(text: string): number[] {
	const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
	const boundaries = [...segmenter.segment(text)].map((segment) => segment.index);
	return [...boundaries, ...matchEnds(text, THAI_SENTENCE_SPACE)].sort((a, b) => a - b);
}

function clauseBoundaries(text: string): number[] {
	return matchEnds(text, CLAUSE_END);
}

/** The start of a word after a space, or after a character of a script that does not use spaces. */
function wordBoundaries(text: string): number[] {
	const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
	const boundaries: number[] = [];
	for (const segment of segmenter.segment(text)) {
		if (!segment.isWordLike || segment.index === 0) continue;
		const before = text[segment.index - 1];
		if (/\s/.test(before) || NO_SPACE_SCRIPT.test(before)) boundaries.push(segment.index);
	}
	return boundaries;
}

/** The last resort for a "word" longer than a part: between any two code points. */
function characterBoundaries(text: string): number[] {
	const boundaries: number[] = [];
	let offset = 0;
	for (const character of text) {
		offset += character.length;
		boundaries.push(offset);
	}
	return boundaries;
}

const LEVELS = [paragraphBoundaries, sentenceBoundaries, clauseBoundaries, wordBoundaries, characterBoundaries];

/** The text cut at the boundaries that are inside it and outside every tag. */
function units(text: string, boundaries: number[]): string[] {
	const tags = [...text.matchAll(TAG)].map((match) => [match.index, match.index + match[0].length]);
	const cuts = [...new Set(boundaries)]
		.filter((at) => at > 0 && at < text.length)
		.filter((at) => !tags.some(([start, end]) => at > start && at < end))
		.sort((a, b) => a - b);
	const pieces: string[] = [];
	let start = 0;
	for (const at of [...cuts, text.length]) {
		pieces.push(text.slice(start, at));
		start = at;
	}
	return pieces;
}

/** Packs the units of one level greedily into parts; a unit too long alone is split at the next level. */
function split(text: string, maxCharacters: number, level: number): string[] {
	if (size(text) <= maxCharacters || level >= LEVELS.length) return [text];
	const parts: string[] = [];
	let current = '';
	let currentSize = 0;
	const flush = () => {
		if (current) parts.push(current);
		current = '';
		currentSize = 0;
	};
	for (let unit of units(text, LEVELS[level](text))) {
		let unitSize = size(unit);
		if (unitSize > maxCharacters) {
			// Leading whitespace alone is no part: it goes with what follows.
			if (current.trim()) flush();
			else [unit, unitSize, current, currentSize] = [current + unit, currentSize + unitSize, '', 0];
			parts.push(...split(unit, maxCharacters, level + 1));
			continue;
		}
		if (currentSize + unitSize > maxCharacters) flush();
		current += unit;
		currentSize += unitSize;
	}
	if (!current.trim() && parts.length) parts[parts.length - 1] += current;
	else flush();
	return parts;
}

/** The parts of `text`, each at most `maxCharacters` code points (a tag longer than that stays whole). */
export function splitText(text: string, maxCharacters = BYTES_PART_CHARACTERS): string[] {
	if (!(maxCharacters >= 1)) throw new RangeError(`maxCharacters must be at least 1, not ${maxCharacters}`);
	return split(text, maxCharacters, 0);
}

export interface TextPart {
	text: string;
	/** The part is the last of its paragraph: a pause between paragraphs goes after it. */
	endsParagraph: boolean;
}

/**
 * The parts of `text` when every paragraph must start a part of its own (so a pause can go between
 * paragraphs): each paragraph split as {@link splitText} splits a text. Joined, they are the text.
 */
export function splitByParagraph(text: string, maxCharacters = BYTES_PART_CHARACTERS): TextPart[] {
	const paragraphs: string[] = [];
	for (const unit of units(text, paragraphBoundaries(text))) {
		// A text that opens with blank lines: they go with the first paragraph.
		if (paragraphs.length === 1 && !paragraphs[0].trim()) paragraphs[0] += unit;
		else paragraphs.push(unit);
	}
	return paragraphs.flatMap((paragraph) =>
		splitText(paragraph, maxCharacters).map((part, index, all) => ({ text: part, endsParagraph: index === all.length - 1 })),
	);
}
