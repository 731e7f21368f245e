import { apiPath } from '../../nodes/Cartesia/transport/path';

describe('apiPath', () => {
	it('joins segments under the base URL, one slash each', () => {
		expect(apiPath('voices', 'a0e99841-438c-4a64-b679-ae501e7d6091')).toBe('/voices/a0e99841-438c-4a64-b679-ae501e7d6091');
	});

	it('encodes each segment, so an ID cannot add a segment, a query or a fragment', () => {
		expect(apiPath('voices', '../access-token')).toBe('/voices/..%2Faccess-token');
		expect(apiPath('voices', 'a?limit=1#x')).toBe('/voices/a%3Flimit%3D1%23x');
		expect(apiPath('voices', '%2e%2e')).toBe('/voices/%252e%252e');
	});

	it.each(['', '.', '..'])('refuses the segment %j, which a URL parser would drop or resolve', (segment) => {
		expect(() => apiPath('voices', segment)).toThrow(`Refused to build an API path with the segment ${JSON.stringify(segment)}`);
	});

	it('keeps the path it builds when the URL is parsed', () => {
		const url = new URL(`https://api.cartesia.ai${apiPath('voices', 'x/../../')}`);
		expect(url.pathname).toBe('/voices/x%2F..%2F..%2F');
	});
});
