import type { ApiVersion } from '../versions';
import { versionSupports } from '../versions';

/**
 * The headers that authenticate a request and pick the API version. The credential's `authenticate`
 * (used by n8n for the credential test) and the transport both call this, so they cannot disagree.
 * Cartesia-Version 2024-11-13 takes `X-API-Key`; 2025-04-16 and later take `Authorization: Bearer`
 * (docs/wire-format.md §1.1).
 */
export function authHeaders(version: ApiVersion, apiKey: string): Record<string, string> {
	const headers: Record<string, string> = { 'Cartesia-Version': version };
	if (versionSupports(version, 'apiKeyHeader')) headers['X-API-Key'] = apiKey;
	else headers.Authorization = `Bearer ${apiKey}`;
	return headers;
}
