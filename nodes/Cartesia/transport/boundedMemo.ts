/**
 * A value computed once per key and then handed out again, in a map cleared whenever it reaches
 * `limit` keys: for what a request derives from its URL (a process sees a handful of base URLs, but a
 * long run may see many paths), remembered without growing for ever. Values may be undefined.
 */
export function boundedMemo<V>(limit: number): (key: string, compute: () => V) => V {
	const values = new Map<string, V>();
	return (key, compute) => {
		const known = values.get(key);
		if (known !== undefined || values.has(key)) return known as V;
		const value = compute();
		if (values.size >= limit) values.clear();
		values.set(key, value);
		return value;
	};
}
