import type { SubtitleCue, TimedWord } from '../../nodes/Cartesia/helpers/subtitles';
import { DEFAULT_CUE_LIMITS, buildCues, toSrt, toWebVtt } from '../../nodes/Cartesia/helpers/subtitles';

/** Words spoken back to back, each `duration` seconds long, starting at `from`. */
function spoken(text: string, from = 0, duration = 0.3): TimedWord[] {
	return text.split(' ').map((word, index) => ({
		word,
		start: from + index * duration,
		end: from + (index + 1) * duration,
	}));
}

function texts(cues: SubtitleCue[]): string[] {
	return cues.map((cue) => cue.lines.join(' / '));
}

const example: TimedWord[] = [
	...spoken('Hello world.', 0, 0.5),
	...spoken('This sentence is long enough to need two lines on screen.', 1.2, 0.3),
];

describe('subtitle output', () => {
	it('writes SRT: numbered from 1, comma before milliseconds, blank line between cues, LF', () => {
		expect(toSrt(buildCues(example))).toBe(
			'1\n' +
				'00:00:00,000 --> 00:00:01,000\n' +
				'Hello world.\n' +
				'\n' +
				'2\n' +
				'00:00:01,200 --> 00:00:04,500\n' +
				'This sentence is long enough\n' +
				'to need two lines on screen.\n',
		);
	});

	it('writes WebVTT: header and blank line, dot before milliseconds, blank line between cues, LF', () => {
		expect(toWebVtt(buildCues(example))).toBe(
			'WEBVTT\n' +
				'\n' +
				'00:00:00.000 --> 00:00:01.000\n' +
				'Hello world.\n' +
				'\n' +
				'00:00:01.200 --> 00:00:04.500\n' +
				'This sentence is long enough\n' +
				'to need two lines on screen.\n',
		);
	});

	it('gives no cues for no words, an empty SRT and a header-only WebVTT', () => {
		expect(buildCues([])).toEqual([]);
		expect(toSrt([])).toBe('');
		expect(toWebVtt([])).toBe('WEBVTT\n');
	});

	it('formats times past one hour, and past 99 hours with more digits', () => {
		const cues: SubtitleCue[] = [
			{ start: 3723.456, end: 3725, lines: ['late'] },
			{ start: 360000, end: 360001.5, lines: ['very late'] },
		];
		expect(toSrt(cues)).toContain('01:02:03,456 --> 01:02:05,000');
		expect(toSrt(cues)).toContain('100:00:00,000 --> 100:00:01,500');
		expect(toWebVtt(cues)).toContain('01:02:03.456 --> 01:02:05.000');
		expect(toWebVtt(cues)).toContain('100:00:00.000 --> 100:00:01.500');
	});

	it('rounds times to milliseconds, carrying into seconds and minutes', () => {
		const cues: SubtitleCue[] = [{ start: 59.9996, end: 60.0004, lines: ['tick'] }];
		expect(toSrt(cues)).toContain('00:01:00,000 --> 00:01:00,000');
	});

	it('escapes &, < and > in WebVTT text, so --> never appears in it', () => {
		const cues = buildCues(spoken('<b>Tom & Jerry</b> -->'));
		const vtt = toWebVtt(cues);
		expect(vtt).toContain('&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; --&gt;\n');
		expect(vtt.split('\n').filter((line) => line.includes('-->'))).toEqual(['00:00:00.000 --> 00:00:01.200']);
	});

	it('keeps SRT text as it is', () => {
		expect(toSrt(buildCues(spoken('Tom & Jerry <3')))).toContain('\nTom & Jerry <3\n');
	});

	it('drops empty lines and cues without text, keeping SRT numbering consecutive', () => {
		const cues: SubtitleCue[] = [
			{ start: 0, end: 1, lines: ['  ', ''] },
			{ start: 1, end: 2, lines: ['first\nline', ' '] },
			{ start: 2, end: 3, lines: ['second'] },
		];
		expect(toSrt(cues)).toBe('1\n00:00:01,000 --> 00:00:02,000\nfirst line\n\n2\n00:00:02,000 --> 00:00:03,000\nsecond\n');
	});
});

describe('cue boundaries', () => {
	it('starts a cue at the first word and ends it at the last word', () => {
		expect(buildCues(spoken('Just one cue', 2.5, 0.25))).toEqual([{ start: 2.5, end: 3.25, lines: ['Just one cue'] }]);
	});

	it.each(['.', '!', '?', '…', '."', '?”', '!)', '.’]'])('starts a new cue after a word ending in %s', (ending) => {
		const cues = buildCues(spoken(`It ends${ending} Next one`));
		expect(texts(cues)).toEqual([`It ends${ending}`, 'Next one']);
	});

	it('does not start a new cue after other punctuation', () => {
		expect(texts(buildCues(spoken('Well, so: yes; "quoted" (aside) - fine')))).toEqual([
			'Well, so: yes; "quoted" (aside) - fine',
		]);
	});

	it('starts a new cue when the silence between two words is longer than 0.6 s', () => {
		const words: TimedWord[] = [
			{ word: 'before', start: 0, end: 1 },
			{ word: 'after', start: 1.601, end: 2 },
		];
		expect(buildCues(words)).toEqual([
			{ start: 0, end: 1, lines: ['before'] },
			{ start: 1.601, end: 2, lines: ['after'] },
		]);
	});

	it('does not start a new cue on a silence of exactly 0.6 s', () => {
		const words: TimedWord[] = [
			{ word: 'before', start: 0.7, end: 1.2 },
			{ word: 'after', start: 1.8, end: 2.1 },
		];
		expect(buildCues(words)).toEqual([{ start: 0.7, end: 2.1, lines: ['before after'] }]);
	});

	it('lets a cue last exactly 7 s and starts a new cue when a word would end later', () => {
		const cues = buildCues(spoken('one two three four five six seven eight', 0, 1));
		expect(cues).toEqual([
			{ start: 0, end: 7, lines: ['one two three four five six seven'] },
			{ start: 7, end: 8, lines: ['eight'] },
		]);
	});

	it('starts a new cue when the text would need more than 2 lines of 42 characters', () => {
		const cues = buildCues(spoken(Array(20).fill('word').join(' '), 0, 0.1));
		const eightWords = Array(8).fill('word').join(' ');
		expect(cues.map((cue) => cue.lines)).toEqual([[eightWords, eightWords], ['word word word word']]);
		for (const cue of cues) for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
	});

	it('moves a cue end back to the next cue start when their words overlap', () => {
		const words: TimedWord[] = [
			{ word: 'Done.', start: 0, end: 2 },
			{ word: 'Next', start: 1.5, end: 2.5 },
		];
		expect(buildCues(words)).toEqual([
			{ start: 0, end: 1.5, lines: ['Done.'] },
			{ start: 1.5, end: 2.5, lines: ['Next'] },
		]);
	});

	it('follows limits passed in', () => {
		const limits = { ...DEFAULT_CUE_LIMITS, maxLineLength: 10, maxLines: 1 };
		expect(texts(buildCues(spoken('one two three four five'), limits))).toEqual(['one two', 'three four', 'five']);
	});

	it('rejects limits out of range', () => {
		expect(() => buildCues([], { ...DEFAULT_CUE_LIMITS, maxLines: 0 })).toThrow(RangeError);
		expect(() => buildCues([], { ...DEFAULT_CUE_LIMITS, maxLineLength: 1.5 })).toThrow(RangeError);
		expect(() => buildCues([], { ...DEFAULT_CUE_LIMITS, maxCueSeconds: Number.NaN })).toThrow(RangeError);
		expect(() => buildCues([], { ...DEFAULT_CUE_LIMITS, maxGapSeconds: -1 })).toThrow(RangeError);
	});
});

describe('line breaking', () => {
	it('keeps a cue that fits on one line on one line', () => {
		const text = 'Lines of exactly forty-two characters fit!';
		expect(text).toHaveLength(42);
		expect(buildCues(spoken(text))[0].lines).toEqual([text]);
	});

	it('balances two lines: a 50-character cue becomes lines of 24 and 25, not 42 and 8', () => {
		const text = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjjj';
		expect(text).toHaveLength(50);
		expect(buildCues(spoken(text))[0].lines).toEqual(['aaaa bbbb cccc dddd eeee', 'ffff gggg hhhh iiii jjjjj']);
	});

	it('makes the longest line as short as possible, not the line counts equal', () => {
		const long = 'x'.repeat(26);
		expect(buildCues(spoken(`a b c d e f g h i j k l m n ${long}`))[0].lines).toEqual([
			'a b c d e f g h i j k l m n',
			long,
		]);
	});

	it('puts the slack on the top line when two breaks give the same longest line', () => {
		const side = 'x'.repeat(20);
		expect(buildCues(spoken(`${side} b ${side}`))[0].lines).toEqual([side, `b ${side}`]);
	});

	it('counts characters, not UTF-16 units, against the line length', () => {
		const word = '😀'.repeat(42);
		expect(buildCues(spoken(`${word} x`))[0].lines).toEqual([word, 'x']);
		expect(buildCues(spoken(`${'😀'.repeat(40)} x`))[0].lines).toEqual([`${'😀'.repeat(40)} x`]);
	});

	it('puts a word longer than 42 characters on a line of its own, unsplit', () => {
		const long = 'Donaudampfschifffahrtsgesellschaftskapitänsmütze';
		expect(long.length).toBeGreaterThan(42);
		const cues = buildCues(spoken(`Say ${long} now please`));
		expect(cues.map((cue) => cue.lines)).toEqual([['Say', long], ['now please']]);
	});

	it('gives a lone long word a single line', () => {
		const long = 'x'.repeat(60);
		expect(buildCues(spoken(long))).toEqual([{ start: 0, end: 0.3, lines: [long] }]);
	});
});

describe('untidy input', () => {
	it('trims words, joins inner whitespace and skips empty words', () => {
		const words: TimedWord[] = [
			{ word: '  Hello ', start: 0, end: 0.4 },
			{ word: '   ', start: 0.4, end: 0.5 },
			{ word: '', start: 0.5, end: 0.6 },
			{ word: 'New\n York', start: 0.6, end: 1 },
		];
		expect(buildCues(words)).toEqual([{ start: 0, end: 1, lines: ['Hello New York'] }]);
	});

	it('sorts words by start', () => {
		const words: TimedWord[] = [
			{ word: 'three', start: 1, end: 1.5 },
			{ word: 'one', start: 0, end: 0.5 },
			{ word: 'two', start: 0.5, end: 1 },
		];
		expect(buildCues(words)).toEqual([{ start: 0, end: 1.5, lines: ['one two three'] }]);
	});

	it('keeps input order for words with the same start', () => {
		const words: TimedWord[] = [
			{ word: 'b', start: 1, end: 1.2 },
			{ word: 'a', start: 0, end: 1 },
			{ word: 'c', start: 1, end: 1.1 },
		];
		expect(texts(buildCues(words))).toEqual(['a b c']);
	});

	it('uses the end for a missing or NaN start, and the start for a missing end', () => {
		const words = [
			{ word: 'a', start: Number.NaN, end: 1 },
			{ word: 'b', start: 1.2, end: undefined },
			{ word: 'c', end: 1.5 },
		] as unknown as TimedWord[];
		expect(buildCues(words)).toEqual([{ start: 1, end: 1.5, lines: ['a b c'] }]);
	});

	it('places a word with no usable times at the end of the word before it in the input', () => {
		const words = [
			{ word: 'a', start: 2, end: 2.5 },
			{ word: 'b', start: null, end: 'soon' },
			{ word: 'c', start: 2.6, end: 3 },
		] as unknown as TimedWord[];
		expect(buildCues(words)).toEqual([{ start: 2, end: 3, lines: ['a b c'] }]);
	});

	it('clamps negative times to 0 and an end before its start to the start', () => {
		const words: TimedWord[] = [
			{ word: 'early', start: -0.5, end: -0.1 },
			{ word: 'backwards', start: 0.4, end: 0.2 },
		];
		expect(buildCues(words)).toEqual([{ start: 0, end: 0.4, lines: ['early backwards'] }]);
	});

	it('rounds word times to milliseconds', () => {
		expect(buildCues([{ word: 'hi', start: 0.12345, end: 0.98765 }])).toEqual([
			{ start: 0.123, end: 0.988, lines: ['hi'] },
		]);
	});

	it('does not crash on input that is not words', () => {
		expect(buildCues([null, 7, { start: 0, end: 1 }] as unknown as TimedWord[])).toEqual([]);
		expect(buildCues(undefined as unknown as TimedWord[])).toEqual([]);
	});
});
