/**
 * Builds an API path from its segments, each percent-encoded, so that a value can never add a
 * segment, a query or a fragment. `.` and `..` are refused: URL parsers resolve them (even encoded as
 * `%2e`), so `/voices/..` would become `/`. Operations check their IDs first, with a message naming
 * the parameter; this is the last line, for an ID that slips past them.
 */
export function apiPath(...segments: string[]): string {
	return segments
		.map((segment) => {
			if (typeof segment !== 'string' || segment === '' || segment === '.' || segment === '..') {
				throw new Error(`Refused to build an API path with the segment ${JSON.stringify(segment)}`);
			}
			return `/${encodeURIComponent(segment)}`;
		})
		.join('');
}
