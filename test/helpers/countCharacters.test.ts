/** helpers/audioOutput.ts countCharacters: Unicode code points, as Cartesia counts characters. */
import { countCharacters } from '../../nodes/Cartesia/helpers/audioOutput';

describe('countCharacters', () => {
	it.each([
		['', 0],
		['Hello, world.', 13],
		['日本語のテキスト', 8],
		['👋 hi', 4],
		['👨‍👩‍👧', 5],
		['𝄞𝄞', 2],
		['\ud83d', 1],
		['a\udc4bb', 3],
		['\ud83d\ud83d\udc4b', 2],
	])('counts %j as %i, as iterating by code point does', (text, expected) => {
		expect(countCharacters(text)).toBe(expected);
		expect(countCharacters(text)).toBe([...text].length);
	});
});
