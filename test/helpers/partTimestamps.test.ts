import { shiftTimestamps } from '../../nodes/Cartesia/helpers/partTimestamps';

describe('shiftTimestamps', () => {
	it('moves start and end by the seconds before the part, keeping the other fields', () => {
		const words = [
			{ word: 'Hello', start: 0, end: 0.4 },
			{ word: 'again', start: 0.4, end: 0.9 },
		];
		expect(shiftTimestamps(words, 12.5)).toEqual([
			{ word: 'Hello', start: 12.5, end: 12.9 },
			{ word: 'again', start: 12.9, end: 13.4 },
		]);
	});

	it('reads without floating-point noise (1.1 + 2.2 is 3.3)', () => {
		expect(shiftTimestamps([{ phoneme: 'a', start: 1.1, end: 1.2 }], 2.2)).toEqual([{ phoneme: 'a', start: 3.3, end: 3.4 }]);
	});

	it('leaves the input as it is and gives an empty list for an empty list', () => {
		const words = [{ word: 'x', start: 1, end: 2 }];
		shiftTimestamps(words, 5);
		expect(words).toEqual([{ word: 'x', start: 1, end: 2 }]);
		expect(shiftTimestamps([], 3)).toEqual([]);
	});
});
