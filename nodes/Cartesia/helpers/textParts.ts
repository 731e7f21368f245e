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

/** The boundaries that are inside the text and outside every tag, sorted, once each. */
function cutsOf(text: string, boundaries: number[]): number[] {
	const tags = [...text.matchAll(TAG)].map((match) => [match.index, match.index + match[0].length]);
	return [...new Set(boundaries)]
		.filter((at) => at > 0 && at < text.length)
		.filter((at) => !tags.some(([start, end]) => at > start && at < end))
		.sort((a, b) => a - b);
}

/** The text cut at the boundaries that are inside it and outside every tag. */
function units(text: string, boundaries: number[]): string[] {
	const cuts = cutsOf(text, boundaries);
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

/**
 * The largest average part when parts are evened out ({@link splitEvenly}): a cut may fall up to a
 * tenth of a part away from the even point, and must stay within {@link BYTES_PART_CHARACTERS}.
 */
const EVEN_PART_CHARACTERS = 1_800;
/** Parts are not made smaller than this to fill the concurrency window: each stays a paragraph or more of speech. */
export const MIN_PART_CHARACTERS = 500;
/** How far from the even point a cut may fall, as a share of the average part. */
const EVEN_CUT_TOLERANCE = 0.1;

/**
 * How many `/tts/bytes` parts a text of `characters` goes in when `window` requests can run at once:
 * the fewest parts of at most {@link EVEN_PART_CHARACTERS} on average, rounded up to whole rounds of the
 * window (17 parts on a window of 15 take two rounds, the second nearly empty; 30 parts of half the
 * size take the same two rounds of half the time), but no smaller than {@link MIN_PART_CHARACTERS}.
 */
export function partCount(characters: number, window: number): number {
	const fewest = Math.max(1, Math.ceil(characters / EVEN_PART_CHARACTERS));
	const wholeRounds = Math.ceil(fewest / Math.max(1, window)) * Math.max(1, window);
	return Math.max(fewest, Math.min(wholeRounds, Math.floor(characters / MIN_PART_CHARACTERS)));
}

/** Index of the first entry of sorted `list` that is at least `value`. */
function firstAtLeast(list: number[], value: number): number {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (list[middle] < value) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Characters of context on each side of a stretch whose sentence or word ends are looked up. */
const SEGMENT_CONTEXT = 200;

/** The boundary of `cuts` nearest `ideal` within [low, high], if any. */
function nearestCut(cuts: number[], ideal: number, low: number, high: number): number | undefined {
	const index = firstAtLeast(cuts, ideal);
	const candidates = [cuts[index - 1], cuts[index]].filter((at) => at !== undefined && at >= low && at <= high);
	return candidates.sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal))[0];
}

/**
 * `text` in `count` parts of about equal size, so that side-by-side requests (whose time grows with
 * their text) end together. Each cut is the best boundary near its even point, a paragraph before a
 * sentence before a clause before a word (within a tenth of a part; else the nearest word). Joined, the
 * parts are the text, as with {@link splitText}; when even parts cannot all stay within
 * `maxCharacters`, the text is split as {@link splitText} splits it.
 */
export function splitEvenly(text: string, count: number, maxCharacters = BYTES_PART_CHARACTERS): string[] {
	if (count <= 1) return splitText(text, maxCharacters);
	// Boundaries in [low, high] at one level. ICU's segmenters run only around the stretch (with context
	// on both sides), not over the whole text: a long narration has many cuts to place but few to look at.
	const boundaries = (level: number, low: number, high: number): number[] => {
		const from = Math.max(0, low - SEGMENT_CONTEXT);
		const stretch = text.slice(from, Math.min(text.length, high + SEGMENT_CONTEXT));
		const found = LEVELS[level](stretch).map((at) => at + from);
		return cutsOf(text, found.filter((at) => at >= low && at <= high));
	};
	const pieces: string[] = [];
	let start = 0;
	for (let remaining = count; remaining > 1; remaining--) {
		const average = (text.length - start) / remaining;
		const ideal = start + average;
		const tolerance = average * EVEN_CUT_TOLERANCE;
		const [low, high] = [Math.max(start + 1, Math.floor(ideal - tolerance)), Math.ceil(ideal + tolerance)];
		let cut: number | undefined;
		for (let level = 0; level < LEVELS.length && cut === undefined; level++) cut = nearestCut(boundaries(level, low, high), ideal, low, high);
		if (cut === undefined) break;
		pieces.push(text.slice(start, cut));
		start = cut;
	}
	pieces.push(text.slice(start));
	const fits = pieces.every((piece, index) => size(piece) <= maxCharacters && (index === 0 || piece.trim()));
	return fits ? pieces : splitText(text, maxCharacters);
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
