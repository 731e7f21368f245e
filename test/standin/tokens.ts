/**
 * Access tokens minted by POST /access-token: opaque strings the stand-in remembers with their grants
 * and expiry. (Cartesia's are JWTs; a client must treat them as opaque anyway.)
 */
import { randomBytes } from 'node:crypto';

export type Grant = 'tts' | 'stt' | 'agent';

/** UNCONFIRMED: docs/wire-format.md §2.2 gives the maximum (3600 s) but not the default lifetime. */
export const DEFAULT_TOKEN_SECONDS = 60;

interface TokenRecord {
	grants: ReadonlySet<Grant>;
	expiresAt: number;
}

export type TokenCheck = { ok: true } | { ok: false; reason: string };

export class TokenStore {
	private readonly tokens = new Map<string, TokenRecord>();

	mint(grants: Iterable<Grant>, expiresInSeconds = DEFAULT_TOKEN_SECONDS): string {
		const token = `standin_at_${randomBytes(24).toString('base64url')}`;
		this.tokens.set(token, { grants: new Set(grants), expiresAt: Date.now() + expiresInSeconds * 1000 });
		return token;
	}

	isToken(value: string): boolean {
		return this.tokens.has(value);
	}

	check(token: string, grant: Grant): TokenCheck {
		const record = this.tokens.get(token);
		if (!record) return { ok: false, reason: 'unknown access token' };
		if (Date.now() >= record.expiresAt) return { ok: false, reason: 'the access token has expired' };
		if (!record.grants.has(grant)) {
			const held = [...record.grants].join(', ') || 'none';
			return { ok: false, reason: `the access token lacks the "${grant}" grant (it has: ${held})` };
		}
		return { ok: true };
	}

	clear(): void {
		this.tokens.clear();
	}
}
