import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Cartesia sends the webhook's secret verbatim in this header on every delivery (docs/wire-format.md §9.6). */
export const SECRET_HEADER = 'x-webhook-secret';

/** A new secret for a webhook the trigger creates: 256 random bits. */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('hex');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether the header holds one of the expected secrets, compared in constant time: both sides are
 * hashed first, so neither a secret's characters nor its length show in the time taken.
 */
export function secretMatches(received: string | string[] | undefined, expected: Array<string | undefined>): boolean {
	if (typeof received !== 'string' || received === '') return false;
	const got = digest(received);
	let matched = false;
	for (const secret of expected) {
		if (!secret) continue;
		// No early exit: every expected secret is compared whatever the outcome.
		if (timingSafeEqual(got, digest(secret))) matched = true;
	}
	return matched;
}
