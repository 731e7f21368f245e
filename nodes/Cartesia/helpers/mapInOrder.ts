/**
 * Runs `work` for indexes 0…count-1, at most `concurrency` at a time, and returns the results by index:
 * whatever order the work finishes in, result i belongs to index i. After a failure no new index
 * starts; the failure of the earliest failing index is the one thrown (the one a sequential loop
 * would have met first).
 */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	work: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	const failure: { index?: number; error?: unknown } = {};
	const worker = async () => {
		while (failure.index === undefined && next < count) {
			const index = next++;
			try {
				results[index] = await work(index);
			} catch (error) {
				if (failure.index === undefined || index < failure.index) Object.assign(failure, { index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(count, Math.max(1, concurrency)) }, worker));
	if (failure.index !== undefined) throw failure.error;
	return results;
}
