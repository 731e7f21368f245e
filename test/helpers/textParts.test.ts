import { BYTES_PART_CHARACTERS, MIN_PART_CHARACTERS, partCount, splitByParagraph, splitEvenly, splitText } from '../../nodes/Cartesia/helpers/textParts';

const codePoints = (text: string) => [...text].length;

/** What every split must keep: the text whole, no part blank or over the size. */
function expectSound(text: string, parts: string[], max: number): void {
	expect(parts.join('')).toBe(text);
	for (const part of parts) {
		expect(part.trim()).not.toBe('');
		expect(codePoints(part)).toBeLessThanOrEqual(max);
	}
}

const sentence = (index: number) => `Sentence number ${index} tells a small part of the story, and it goes on a little. `;
const paragraph = (sentences: number, from = 0) =>
	Array.from({ length: sentences }, (_, index) => sentence(from + index)).join('').trimEnd();

describe('splitText', () => {
	it('leaves a text within one part alone', () => {
		expect(splitText('Good morning.')).toEqual(['Good morning.']);
		expect(splitText('x'.repeat(BYTES_PART_CHARACTERS))).toHaveLength(1);
	});

	it('has a part size of about 2,000 characters for /tts/bytes', () => {
		expect(BYTES_PART_CHARACTERS).toBe(2000);
	});

	it('cuts at paragraph breaks first, keeping the blank line at the end of the part before', () => {
		const text = [paragraph(3, 0), paragraph(3, 10), paragraph(3, 20)].join('\n\n');
		const parts = splitText(text, codePoints(paragraph(3, 20)) + 2);
		expect(parts).toEqual([`${paragraph(3, 0)}\n\n`, `${paragraph(3, 10)}\n\n`, paragraph(3, 20)]);
	});

	it('packs several short paragraphs into one part', () => {
		const text = ['One.', 'Two.', 'Three.', 'Four.'].join('\n\n');
		expect(splitText(text, 13)).toEqual(['One.\n\nTwo.\n\n', 'Three.\n\nFour.']);
	});

	it('cuts a paragraph too long for a part at sentence ends, the space staying before the cut', () => {
		const text = paragraph(10);
		const parts = splitText(text, 200);
		expectSound(text, parts, 200);
		for (const part of parts.slice(0, -1)) expect(part).toMatch(/\. $/);
		expect(parts[1]).toMatch(/^Sentence number/);
	});

	it('counts CJK sentence ends', () => {
		const text = '今天的天气很好。我们去公园散步吧！你觉得怎么样？明天也许会下雨。';
		const parts = splitText(text, 10);
		expect(parts).toEqual(['今天的天气很好。', '我们去公园散步吧！', '你觉得怎么样？', '明天也许会下雨。']);
	});

	it('counts the spaces between Thai sentences', () => {
		const text = 'วันนี้อากาศดีมาก เราไปเดินเล่นในสวนกันเถอะ';
		expect(splitText(text, 25)).toEqual(['วันนี้อากาศดีมาก ', 'เราไปเดินเล่นในสวนกันเถอะ']);
	});

	it('cuts a long sentence at clauses', () => {
		const text = 'First we went to the market, then we walked along the river; later, tired, we sat down.';
		const parts = splitText(text, 40);
		expect(parts).toEqual(['First we went to the market, ', 'then we walked along the river; later, ', 'tired, we sat down.']);
	});

	it('cuts a 5,000-character sentence without punctuation between words', () => {
		const words = Array.from({ length: 850 }, (_, index) => `word${index % 10}`);
		const text = words.join(' ');
		expect(codePoints(text)).toBeGreaterThan(5000);
		const parts = splitText(text);
		expectSound(text, parts, BYTES_PART_CHARACTERS);
		expect(parts.length).toBe(3);
		for (const part of parts) expect(part).toMatch(/^word\d/);
		for (const part of parts.slice(0, -1)) expect(part).toMatch(/word\d $/);
	});

	it('never cuts inside an inline tag', () => {
		const text = `Hold on <break time="1s"/> and then, <emotion value="excited"/> here we go with more words.`;
		for (let max = 10; max < 40; max++) {
			const parts = splitText(text, max);
			expect(parts.join('')).toBe(text);
			for (const part of parts) expect(part).not.toMatch(/<[^>]*$|^[^<]*>/);
		}
	});

	it('cuts a run of letters longer than a part between characters, and never a surrogate pair', () => {
		const text = '😀'.repeat(25);
		const parts = splitText(text, 10);
		expect(parts.map(codePoints)).toEqual([10, 10, 5]);
		expect(parts.join('')).toBe(text);
	});

	it('never makes a blank part, even around leading and trailing blank lines', () => {
		const text = `\n\n${paragraph(6)}\n\n  \n`;
		const parts = splitText(text, 150);
		expect(parts.join('')).toBe(text);
		for (const part of parts) expect(part.trim()).not.toBe('');
	});

	it('splits a long article with a CJK paragraph and tags into whole parts within the size', () => {
		const text = [
			paragraph(30, 0),
			`A pause here <break time="1s"/> then on. ${paragraph(20, 30)}`,
			'这是一个很长的段落。'.repeat(120),
			paragraph(30, 50),
		].join('\n\n');
		const parts = splitText(text);
		expectSound(text, parts, BYTES_PART_CHARACTERS);
		expect(parts.length).toBeGreaterThanOrEqual(4);
		expect(parts.some((part) => part.includes('<break time="1s"/>'))).toBe(true);
	});
});

describe('splitByParagraph', () => {
	it('starts every paragraph in a part of its own and marks the last part of each', () => {
		const text = ['One.', 'Two.', `${paragraph(4)}`].join('\n\n');
		const parts = splitByParagraph(text, 200);
		expect(parts.map((part) => part.text).join('')).toBe(text);
		expect(parts.slice(0, 2)).toEqual([
			{ text: 'One.\n\n', endsParagraph: true },
			{ text: 'Two.\n\n', endsParagraph: true },
		]);
		expect(parts.slice(2).map((part) => part.endsParagraph)).toEqual([false, true]);
	});

	it('keeps blank lines that open the text with the first paragraph', () => {
		expect(splitByParagraph('\n\nOne.\n\nTwo.')).toEqual([
			{ text: '\n\nOne.\n\n', endsParagraph: true },
			{ text: 'Two.', endsParagraph: true },
		]);
	});
});

describe('partCount', () => {
	it('rounds the fewest parts up to whole rounds of the window', () => {
		// 29,922 characters: 17 parts of at most 1,800 on average; in rounds of 15, 30; of 3, 18.
		expect(partCount(29_922, 1)).toBe(17);
		expect(partCount(29_922, 3)).toBe(18);
		expect(partCount(29_922, 15)).toBe(30);
		expect(partCount(29_922, 17)).toBe(17);
	});

	it('makes no part smaller than the minimum to fill a wide window', () => {
		expect(partCount(2_500, 15)).toBe(2_500 / MIN_PART_CHARACTERS);
		expect(partCount(29_922, 64)).toBe(Math.floor(29_922 / MIN_PART_CHARACTERS));
		// Nor fewer than the part size allows, whatever the window.
		expect(partCount(3_700, 1)).toBe(3);
		expect(partCount(900, 0)).toBe(1);
	});
});

describe('splitEvenly', () => {
	const article = [paragraph(30, 0), `A pause here <break time="1s"/> then on. ${paragraph(20, 30)}`, '这是一个很长的段落。'.repeat(120), paragraph(30, 50)].join('\n\n');

	it.each([5, 8, 15])('cuts a text into %i parts of about equal size', (count) => {
		const parts = splitEvenly(article, count);
		expectSound(article, parts, BYTES_PART_CHARACTERS);
		expect(parts).toHaveLength(count);
		const average = article.length / count;
		// Each cut within a tenth of a part of its even point, so no part is more than a fifth off (and
		// a little for the rounding of a sentence's length).
		for (const part of parts) expect(Math.abs(part.length - average)).toBeLessThanOrEqual(0.2 * average + 2);
	});

	it('cuts at paragraph breaks where one is near, else at sentence ends', () => {
		const text = [paragraph(10, 0), paragraph(10, 10), paragraph(10, 20), paragraph(10, 30)].join('\n\n');
		expect(splitEvenly(text, 4).map((part) => part.endsWith('\n\n') || part === text.slice(-part.length))).toEqual([true, true, true, true]);
		// Three even points fall inside paragraphs: the cuts are after a sentence's space.
		const thirds = splitEvenly(text, 3);
		expect(thirds).toHaveLength(3);
		for (const part of thirds.slice(0, -1)) expect(part).toMatch(/(\. |\n\n)$/);
	});

	it('never cuts inside an inline tag, nor a surrogate pair', () => {
		const tagged = `${'word '.repeat(60)}<break time="1s"/>${' word'.repeat(60)}`;
		for (let count = 2; count < 6; count++) {
			for (const part of splitEvenly(tagged, count, 200)) expect(part).not.toMatch(/<[^>]*$|^[^<]*>/);
		}
		const emoji = '😀'.repeat(25);
		const parts = splitEvenly(emoji, 3, 10);
		expect(parts.join('')).toBe(emoji);
		for (const part of parts) expect(part).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
	});

	it('splits as splitText does when even parts would not fit the size, or one part is asked for', () => {
		const text = paragraph(60);
		expect(splitEvenly(text, 2, 1000)).toEqual(splitText(text, 1000));
		expect(splitEvenly(text, 1, 1000)).toEqual(splitText(text, 1000));
	});
});
