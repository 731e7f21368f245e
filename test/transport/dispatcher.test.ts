import { Agent, ProxyAgent } from 'undici';

import { dispatcherFor, proxyFor } from '../../nodes/Cartesia/transport/dispatcher';

const cartesia = new URL('https://api.cartesia.ai/voices');
const timeouts = { connectTimeoutMs: 10_000, idleTimeoutMs: 60_000 };

describe('proxyFor', () => {
	it('uses HTTPS_PROXY for https URLs and HTTP_PROXY for http ones', () => {
		const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3128' };
		expect(proxyFor(cartesia, env)).toBe('http://secure-proxy:3128');
		expect(proxyFor(new URL('http://gateway.example/voices'), env)).toBe('http://plain-proxy:3128');
	});

	it('prefers the lower-case variable, as curl does', () => {
		expect(proxyFor(cartesia, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })).toBe('http://lower:1');
	});

	it('connects directly when no proxy is set', () => {
		expect(proxyFor(cartesia, {})).toBeUndefined();
	});

	it.each([
		['cartesia.ai', true],
		['.cartesia.ai', true],
		['api.cartesia.ai', true],
		['api.cartesia.ai:443', true],
		['api.cartesia.ai:8443', false],
		['*', true],
		['example.com, other.org', false],
		['tesia.ai', false],
	])('NO_PROXY=%s bypasses the proxy: %s', (noProxy, bypassed) => {
		const proxy = proxyFor(cartesia, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy });
		expect(proxy === undefined).toBe(bypassed);
	});

	it.each(['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010', 'http://127.8.9.1'])(
		'never proxies loopback (%s)',
		(url) => {
			expect(proxyFor(new URL(url), { HTTP_PROXY: 'http://proxy:3128', NO_PROXY: '' })).toBeUndefined();
		},
	);
});

describe('dispatcherFor', () => {
	it('returns a ProxyAgent when a proxy applies, and one shared Agent otherwise', () => {
		expect(dispatcherFor(cartesia, timeouts, { HTTPS_PROXY: 'http://proxy:3128' })).toBeInstanceOf(ProxyAgent);
		const direct = dispatcherFor(cartesia, timeouts, {});
		expect(direct).toBeInstanceOf(Agent);
		expect(dispatcherFor(new URL('https://api.cartesia.ai/tts/bytes'), timeouts, {})).toBe(direct);
	});
});
