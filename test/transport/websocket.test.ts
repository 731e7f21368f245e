/** Where the TTS WebSocket goes (transport/websocket.ts): the credential's base URL, secure unless loopback. */
import { ttsWebSocketUrl } from '../../nodes/Cartesia/transport/websocket';

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
