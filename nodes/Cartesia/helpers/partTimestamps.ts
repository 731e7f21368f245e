/**
 * Timestamps of a part moved to where the part sits in the joined audio. Each part of a long text is
 * its own request (or input), whose timestamps may start again at 0: adding the seconds of audio
 * joined before it makes them run on continuously.
 */
export function shiftTimestamps<T extends { start: number; end: number }>(list: T[], seconds: number): T[] {
	// Rounded to the microsecond, so 1.1 + 2.2 reads 3.3 and not 3.3000000000000003.
	const shift = (value: number) => Math.round((value + seconds) * 1e6) / 1e6;
	return list.map((entry) => ({ ...entry, start: shift(entry.start), end: shift(entry.end) }));
}
