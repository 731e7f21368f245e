/** Timestamps of a long text's parts moved onto the joined file's time line (helpers/partTimestamps.ts). */
import { shiftTimestamps } from '../../nodes/Cartesia/helpers/partTimestamps';

describe('shiftTimestamps', () => {
	it('moves start and end, keeps the other fields, and leaves the list given as it was', () => {
		const words = [{ word: 'Hello', start: 0.1, end: 0.2 }];
		expect(shiftTimestamps(words, 0.2)).toEqual([{ word: 'Hello', start: 0.3, end: 0.4 }]);
		expect(words).toEqual([{ word: 'Hello', start: 0.1, end: 0.2 }]);
	});
});
