/**
 * Authentication by version (docs/wire-format.md §1.1): `X-API-Key: <key>` for 2024-11-13,
 * `Authorization: Bearer <key>` from 2025-04-16, where an access token with the right grant may replace
 * the key on /tts/bytes, /tts/sse (grant tts) and /stt (grant stt). The header the version does not use
 * must not be sent. Every failure is a 401 whose message says what to send instead.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { type ApiVersion, versionSupports } from '../../nodes/Cartesia/versions';
import type { Operation } from './context';
import { unauthorized } from './errors';
import type { TokenStore } from './tokens';

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

export function authenticate(
	headers: IncomingHttpHeaders,
	version: ApiVersion,
	operation: Operation,
	endpoint: string,
	apiKey: string,
	tokens: TokenStore,
): void {
	if (operation.auth === 'none') return;
	const apiKeyHeader = single(headers['x-api-key']);
	const authorization = single(headers.authorization);

	if (versionSupports(version, 'apiKeyHeader')) {
		if (authorization !== undefined) {
			throw unauthorized(`Cartesia-Version ${version} authenticates with the X-API-Key header; do not send an Authorization header`);
		}
		if (apiKeyHeader === undefined) throw unauthorized(`missing X-API-Key header (Cartesia-Version ${version} authenticates with X-API-Key: <API key>)`);
		if (apiKeyHeader !== apiKey) throw unauthorized('invalid API key in the X-API-Key header');
		return;
	}

	if (apiKeyHeader !== undefined) {
		throw unauthorized(`Cartesia-Version ${version} authenticates with "Authorization: Bearer <API key>"; do not send an X-API-Key header`);
	}
	if (authorization === undefined) {
		throw unauthorized(`missing Authorization header (Cartesia-Version ${version} authenticates with "Authorization: Bearer <API key>")`);
	}
	const match = /^Bearer (\S+)$/i.exec(authorization);
	if (!match) throw unauthorized('the Authorization header must be "Bearer <API key or access token>"');
	const credential = match[1];
	if (credential === apiKey) return;
	if (!tokens.isToken(credential)) throw unauthorized('invalid API key or access token in the Authorization header');
	if (operation.auth === 'api-key') {
		throw unauthorized(`access tokens are not accepted on ${endpoint}; authenticate with the API key`);
	}
	const check = tokens.check(credential, operation.auth.grant);
	if (!check.ok) throw unauthorized(`${check.reason}; ${endpoint} needs an API key or an access token with the "${operation.auth.grant}" grant`);
}
