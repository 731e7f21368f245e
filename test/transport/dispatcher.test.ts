import { Agent, ProxyAgent } from 'undici';

import { dispatcherFor, dispatcherForBaseUrl, proxyFor } from '../../nodes/Cartesia/transport/dispatcher';
import { requestTarget } from '../../nodes/Cartesia/transport/url';

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

describe('dispatcherForBaseUrl', () => {
	it('decides once per base URL and timeouts, and keeps loopback addresses direct', () => {
		const local = dispatcherForBaseUrl('http://127.0.0.1:9', timeouts);
		expect(local).toBeInstanceOf(Agent);
		expect(dispatcherForBaseUrl('http://127.0.0.1:9', timeouts)).toBe(local);
		expect(dispatcherForBaseUrl('http://127.0.0.1:9', { ...timeouts, idleTimeoutMs: timeouts.idleTimeoutMs + 1 })).not.toBe(local);
	});

	it('reads the proxy variables at the first request to a base URL, and keeps that choice', () => {
		const names = ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
		const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
		try {
			for (const name of names) delete process.env[name];
			const direct = dispatcherForBaseUrl('https://decided-once.example', timeouts);
			expect(direct).toBeInstanceOf(Agent);
			process.env.HTTPS_PROXY = 'http://proxy.example:3128';
			// Set after the first request there: the base URL keeps its direct pool.
			expect(dispatcherForBaseUrl('https://decided-once.example', timeouts)).toBe(direct);
			// A base URL first asked for now goes through the proxy.
			expect(dispatcherForBaseUrl('https://decided-later.example', timeouts)).toBeInstanceOf(ProxyAgent);
		} finally {
			for (const name of names) {
				if (saved[name] === undefined) delete process.env[name];
				else process.env[name] = saved[name];
			}
		}
	});
});

describe('requestTarget', () => {
	it('splits a URL into origin and path with its query, as undici takes them, normalized as URL does', () => {
		expect(requestTarget('https://api.cartesia.ai/voices/?limit=10&q=a%20b')).toEqual({ origin: 'https://api.cartesia.ai', path: '/voices/?limit=10&q=a%20b' });
		expect(requestTarget('https://gateway.example.com/cartesia/tts/bytes')).toEqual({ origin: 'https://gateway.example.com', path: '/cartesia/tts/bytes' });
		expect(requestTarget('http://LOCALHOST:8080/a b')).toEqual({ origin: 'http://localhost:8080', path: '/a%20b' });
		expect(requestTarget('https://api.cartesia.ai/tts/bytes')).toBe(requestTarget('https://api.cartesia.ai/tts/bytes'));
	});
});
