/**
 * A deterministic article for long-text tests: English paragraphs of varied sentences, a CJK paragraph
 * now and then, and inline tags (`<break time="1s"/>`) inside paragraphs, separated by blank lines.
 * The same length always gives the same text; it is at most `characters` code points long and ends at
 * a sentence end within a sentence of that length.
 */
import { seededRandom } from '../standin/voices';

const SUBJECTS = ['The city council', 'Our weather desk', 'The harbour master', 'A local bakery', 'The school board', 'Commuters', 'The library', 'Farmers upstate'];
const VERBS = ['announced', 'reported', 'confirmed', 'celebrated', 'questioned', 'described', 'welcomed', 'postponed'];
const OBJECTS = [
	'a new timetable for the morning trains',
	'the calmest week of the season',
	'plans for a second bridge across the river',
	'record sales of rye bread',
	'a longer lunch break for the pupils',
	'delays on the northern line',
	'an exhibition of old maps',
	'an early harvest of apples',
];
const TAILS = ['after a long debate', 'on Tuesday', 'to general surprise', 'without much fuss', 'for the third time this year', 'in a short statement'];
const CJK_SENTENCES = ['今天的天气很好，我们去公园散步吧。', '明天也许会下雨，记得带伞。', '図書館は午前九時に開きます。', '市場は静かに始まりました。'];
const TAGS = ['<break time="1s"/>', '<break time="500ms"/>'];

const codePoints = (text: string) => [...text].length;

/** The article, at most `characters` code points long. */
export function makeArticle(characters = 30_000, seed = 11): string {
	const next = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const paragraphs: string[] = [];
	let length = 0;
	for (let index = 0; ; index++) {
		const sentences: string[] = [];
		if (index % 5 === 3) {
			const count = 6 + Math.floor(next() * 6);
			for (let s = 0; s < count; s++) sentences.push(pick(CJK_SENTENCES));
		} else {
			const count = 4 + Math.floor(next() * 6);
			for (let s = 0; s < count; s++) sentences.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`);
			if (index % 3 === 1) sentences.splice(1, 0, pick(TAGS));
		}
		const separator = index % 5 === 3 ? '' : ' ';
		// Sentence by sentence, so the article stops at a sentence end within its length.
		let paragraph = '';
		for (const sentence of sentences) {
			const candidate = paragraph ? `${paragraph}${separator}${sentence}` : sentence;
			const added = codePoints(candidate) + (paragraphs.length ? 2 : 0);
			if (length + added > characters) break;
			paragraph = candidate;
		}
		if (!paragraph || /^<[^>]*>$/.test(paragraph)) break;
		length += codePoints(paragraph) + (paragraphs.length ? 2 : 0);
		paragraphs.push(paragraph);
		if (paragraph.length < sentences.join(separator).length) break;
	}
	return paragraphs.join('\n\n');
}
