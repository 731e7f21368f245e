/** transport/boundedMemo.ts: a value computed once per key, undefined included, in a map cleared at its bound. */
import { boundedMemo } from '../../nodes/Cartesia/transport/boundedMemo';

describe('boundedMemo', () => {
	it('computes once per key, remembers undefined too, and starts afresh once it holds `limit` keys', () => {
		const computed: string[] = [];
		const remember = boundedMemo<string | undefined>(3);
		const lookUp = (key: string) => remember(key, () => (computed.push(key), key === 'none' ? undefined : key.toUpperCase()));
		expect(lookUp('a')).toBe('A');
		expect(lookUp('none')).toBeUndefined();
		expect(lookUp('a')).toBe('A');
		expect(lookUp('none')).toBeUndefined();
		expect(computed).toEqual(['a', 'none']);
		lookUp('b');
		// Full at three keys: the fourth clears the map, so 'a' is computed again.
		lookUp('c');
		lookUp('a');
		expect(computed).toEqual(['a', 'none', 'b', 'c', 'a']);
	});
});
