/** Where the TTS WebSocket goes (transport/websocket.ts): the credential's base URL, secure unless loopback. */
import { parseFrame, ttsWebSocketUrl } from '../../nodes/Cartesia/transport/websocket';

describe('ttsWebSocketUrl', () => {
	it('turns https into wss and keeps a gateway’s path prefix', () => {
		expect(ttsWebSocketUrl('https://api.cartesia.ai').href).toBe('wss://api.cartesia.ai/tts/websocket');
		expect(ttsWebSocketUrl('https://gateway.example.com/cartesia/').href).toBe('wss://gateway.example.com/cartesia/tts/websocket');
	});

	it('allows plain ws only on loopback, as plain http', () => {
		expect(ttsWebSocketUrl('http://127.0.0.1:8080').href).toBe('ws://127.0.0.1:8080/tts/websocket');
		expect(ttsWebSocketUrl('http://[::1]:9').protocol).toBe('ws:');
		expect(() => ttsWebSocketUrl('http://api.cartesia.ai')).toThrow(/clear text/);
		expect(() => ttsWebSocketUrl('ws://example.com')).toThrow(/clear text/);
	});
});

describe('parseFrame', () => {
	const chunk = { type: 'chunk', context_id: 'c-1', status_code: 206, done: false, data: Buffer.from('some audio').toString('base64'), step_time: 12, flush_id: 1 };

	it('gives a chunk frame exactly as JSON.parse does, whatever the order of its keys', () => {
		expect(parseFrame(JSON.stringify(chunk))).toEqual(chunk);
		const reordered = { data: chunk.data, done: false, type: 'chunk', context_id: 'c-1' };
		expect(parseFrame(JSON.stringify(reordered))).toEqual(reordered);
		expect(parseFrame(JSON.stringify({ ...chunk, data: '' }))).toEqual({ ...chunk, data: '' });
	});

	it('parses whole what it cannot cut safely: an escape in the data, a nested data key, other frame types', () => {
		const escaped = '{"type":"chunk","data":"ab\\/cd==","context_id":"c"}';
		expect(parseFrame(escaped)).toEqual(JSON.parse(escaped));
		expect((parseFrame(escaped) as { data: string }).data).toBe('ab/cd==');
		const nested = { type: 'error', detail: { data: 'x' }, message: 'no' };
		expect(parseFrame(JSON.stringify(nested))).toEqual(nested);
		const nestedChunk = { type: 'chunk', meta: { data: 'x' }, data: 'QUJD' };
		expect(parseFrame(JSON.stringify(nestedChunk))).toEqual(nestedChunk);
		const nestedBeforeEmpty = { type: 'chunk', meta: { data: 'x' }, data: '' };
		expect(parseFrame(JSON.stringify(nestedBeforeEmpty))).toEqual(nestedBeforeEmpty);
		const timestamps = { type: 'timestamps', word_timestamps: { words: ['"data":"'], start: [0], end: [1] } };
		expect(parseFrame(JSON.stringify(timestamps))).toEqual(timestamps);
	});

	it('throws on text that is not JSON, as JSON.parse does', () => {
		expect(() => parseFrame('{"type":"chunk","data":"QUJD"')).toThrow();
		expect(() => parseFrame('not json')).toThrow();
	});
});
