import { Agent, ProxyAgent, type Dispatcher } from 'undici';

import { boundedMemo } from './boundedMemo';
import { isLoopbackHost } from './url';

export interface ConnectionTimeouts {
	/** Time allowed to open the TCP/TLS connection. */
	connectTimeoutMs: number;
	/** Longest silence allowed on an open connection, while sending or receiving. */
	idleTimeoutMs: number;
}

type Environment = Record<string, string | undefined>;

function envValue(env: Environment, name: string): string | undefined {
	// Proxy variables are conventionally honoured in both cases; the lower-case one wins, as in curl.
	const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
	return value?.trim() ? value.trim() : undefined;
}

/** NO_PROXY entries: `*`, host names (with or without a leading dot), optionally with `:port`. */
function bypassedByNoProxy(url: URL, noProxy: string | undefined): boolean {
	if (!noProxy) return false;
	const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	return noProxy
		.split(/[\s,]+/)
		.filter(Boolean)
		.some((rawEntry) => {
			if (rawEntry === '*') return true;
			const [entryHost, entryPort] = rawEntry.toLowerCase().replace(/^\*/, '').split(/:(?=\d+$)/);
			if (entryPort && entryPort !== port) return false;
			const bare = entryHost.replace(/^\./, '');
			return hostname === bare || hostname.endsWith(`.${bare}`);
		});
}

/**
 * The proxy a request to `url` should go through, from HTTP_PROXY / HTTPS_PROXY / NO_PROXY as n8n
 * honours them; undefined for a direct connection. Loopback addresses never go through a proxy.
 */
export function proxyFor(url: URL, env: Environment = process.env): string | undefined {
	if (isLoopbackHost(url.hostname)) return undefined;
	if (bypassedByNoProxy(url, envValue(env, 'no_proxy'))) return undefined;
	return url.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy');
}

const dispatchers = new Map<string, Dispatcher>();

/** A keep-alive connection pool per proxy and timeout setting, shared by every execution. */
export function dispatcherFor(url: URL, timeouts: ConnectionTimeouts, env: Environment = process.env): Dispatcher {
	const proxy = proxyFor(url, env);
	const key = `${proxy ?? 'direct'}|${timeouts.connectTimeoutMs}|${timeouts.idleTimeoutMs}`;
	let dispatcher = dispatchers.get(key);
	if (!dispatcher) {
		const common = {
			connect: { timeout: timeouts.connectTimeoutMs },
			headersTimeout: timeouts.idleTimeoutMs,
			bodyTimeout: timeouts.idleTimeoutMs,
		};
		dispatcher = proxy ? new ProxyAgent({ uri: proxy, ...common }) : new Agent(common);
		dispatchers.set(key, dispatcher);
	}
	return dispatcher;
}

/** Timeouts from expressions can make keys many; clearing costs only a new lookup (the pools stay). */
const byBaseUrl = boundedMemo<Dispatcher>(64);

/**
 * dispatcherFor every request to `baseUrl`: whether it goes through a proxy is decided at the first
 * request there, not read from the environment again for every item.
 */
export function dispatcherForBaseUrl(baseUrl: string, timeouts: ConnectionTimeouts): Dispatcher {
	return byBaseUrl(`${baseUrl}|${timeouts.connectTimeoutMs}|${timeouts.idleTimeoutMs}`, () => dispatcherFor(new URL(baseUrl), timeouts));
}
