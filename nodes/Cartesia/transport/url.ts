/**
 * Which base URLs the API key may be sent to. The key travels in a header, so over `http://` anyone on
 * the path could read it: only loopback addresses (a local gateway or stand-in) may use plain HTTP.
 * The same rule covers `ws://` beside `wss://` for the TTS WebSocket (websocket.ts).
 */

import { boundedMemo } from './boundedMemo';

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const SECURE_PROTOCOLS = new Set(['https:', 'wss:']);
const PLAIN_PROTOCOLS = new Set(['http:', 'ws:']);

/** Why `baseUrl` may not carry the API key, or undefined when it may. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	// Checked before every request: the answer for a URL is kept (a process sees a handful of them).
	return checkedBaseUrls(baseUrl, () => findBaseUrlProblem(baseUrl));
}

const checkedBaseUrls = boundedMemo<string | undefined>(64);

function findBaseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `The Base URL "${baseUrl}" is not a URL: use https://api.cartesia.ai, or your gateway's https:// address`;
	}
	if (SECURE_PROTOCOLS.has(url.protocol)) return undefined;
	if (PLAIN_PROTOCOLS.has(url.protocol)) {
		if (isLoopbackHost(url.hostname)) return undefined;
		return (
			`The Base URL ${url.origin} would send the API key in clear text: use https://. ` +
			'Plain http:// is allowed only for loopback addresses (127.0.0.1, ::1, localhost), and there is no setting to allow it elsewhere'
		);
	}
	return `The Base URL "${baseUrl}" uses ${url.protocol.replace(/:$/, '')}://, which Cartesia does not speak: use https://`;
}

/**
 * Why Cartesia could not deliver agent events to `webhookUrl`, or undefined when it could. Cartesia
 * requires https (docs/wire-format.md §9.5); plain http is allowed for loopback addresses only, where a
 * local stand-in or a test instance listens, as for the base URL above.
 */
export function webhookUrlProblem(webhookUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return `The webhook URL "${webhookUrl}" is not a URL`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
	return (
		`Cartesia delivers agent events to https:// URLs only, and this trigger's URL is ${url.origin}. ` +
		"Serve n8n over https (set n8n's WEBHOOK_URL to its https:// address), then activate again"
	);
}

/** Where undici sends a request: the URL's origin, and its path with the query. */
export interface RequestTarget {
	origin: string;
	path: string;
}

/** Voice IDs make paths many; the bound keeps a long-running process from collecting them all. */
const parsedTargets = boundedMemo<RequestTarget>(256);

/**
 * `url` split as undici needs it, parsed once: most items of a run ask for the same few URLs, and a
 * URL parse costs more than the rest of building the request.
 */
export function requestTarget(url: string): RequestTarget {
	return parsedTargets(url, () => {
		const parsed = new URL(url);
		return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
	});
}
