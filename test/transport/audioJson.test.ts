/** Parsing streamed audio JSON (transport/audioJson.ts): the same result as JSON.parse, the base64 cut out uncopied. */
import { parseAudioJson } from '../../nodes/Cartesia/transport/audioJson';

describe('parseAudioJson', () => {
	const chunk = { type: 'chunk', context_id: 'c-1', status_code: 206, done: false, data: Buffer.from('some audio').toString('base64'), step_time: 12, flush_id: 1 };

	it('gives a chunk frame exactly as JSON.parse does, whatever the order of its keys', () => {
		expect(parseAudioJson(JSON.stringify(chunk))).toEqual(chunk);
		const reordered = { data: chunk.data, done: false, type: 'chunk', context_id: 'c-1' };
		expect(parseAudioJson(JSON.stringify(reordered))).toEqual(reordered);
		expect(parseAudioJson(JSON.stringify({ ...chunk, data: '' }))).toEqual({ ...chunk, data: '' });
	});

	it('parses whole what it cannot cut safely: an escape in the data, a nested data key, other frame types', () => {
		const escaped = '{"type":"chunk","data":"ab\\/cd==","context_id":"c"}';
		expect(parseAudioJson(escaped)).toEqual(JSON.parse(escaped));
		expect((parseAudioJson(escaped) as { data: string }).data).toBe('ab/cd==');
		const nested = { type: 'error', detail: { data: 'x' }, message: 'no' };
		expect(parseAudioJson(JSON.stringify(nested))).toEqual(nested);
		const nestedChunk = { type: 'chunk', meta: { data: 'x' }, data: 'QUJD' };
		expect(parseAudioJson(JSON.stringify(nestedChunk))).toEqual(nestedChunk);
		const nestedBeforeEmpty = { type: 'chunk', meta: { data: 'x' }, data: '' };
		expect(parseAudioJson(JSON.stringify(nestedBeforeEmpty))).toEqual(nestedBeforeEmpty);
		const timestamps = { type: 'timestamps', word_timestamps: { words: ['"data":"'], start: [0], end: [1] } };
		expect(parseAudioJson(JSON.stringify(timestamps))).toEqual(timestamps);
	});

	it('cuts the data out when JSON has whitespace around the colon, as Python writes it', () => {
		const spaced = '{"type": "chunk", "data" : "QUJD", "done": false}';
		expect(parseAudioJson(spaced)).toEqual(JSON.parse(spaced));
		const odd = { 'x"data': 'QUJD', type: 'chunk' };
		expect(parseAudioJson(JSON.stringify(odd))).toEqual(odd);
		const dataAsValue = { kind: 'data', type: 'chunk', data: 'QUJD' };
		expect(parseAudioJson(JSON.stringify(dataAsValue))).toEqual(dataAsValue);
	});

	it('throws on text that is not JSON, as JSON.parse does', () => {
		expect(() => parseAudioJson('{"type":"chunk","data":"QU"JD"}')).toThrow();
		expect(() => parseAudioJson('{"type":"chunk","data":"QUJD"')).toThrow();
		expect(() => parseAudioJson('not json')).toThrow();
	});
});
