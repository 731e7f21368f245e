import type { IDataObject } from 'n8n-workflow';

import type { CartesiaClient, QueryValue } from '../transport';

export interface Voice extends IDataObject {
	id: string;
	name?: string;
	description?: string;
	language?: string;
	/** `masculine`, `feminine` or `gender_neutral` (2025-04-16+; may be null). */
	gender?: string | null;
	/** Whether your account owns the voice (every version). */
	is_owner?: boolean;
	/** 2025-04-16 to 2026-03-01; 2026-08-14 says `access` instead. */
	is_public?: boolean;
	/** 2026-08-14: `public` (everyone can use it) or `private` (only its owner). */
	access?: string;
	/** 2026-08-14: `all` (listed for everyone) or `owner` (listed for its owner). */
	visibility?: string;
}

/**
 * "yours", "public", or undefined when the voice does not say: read the same on every version, from
 * `is_owner`, then `is_public` (up to 2026-03-01) or `access` (2026-08-14; docs/wire-format.md §7.5).
 */
export function voiceOwnership(voice: Voice): 'yours' | 'public' | undefined {
	if (voice.is_owner === true) return 'yours';
	if (voice.is_public === true || voice.access === 'public') return 'public';
	return undefined;
}

/**
 * A voice (or VoiceMetadata) as the node outputs it: Cartesia's fields as they came, plus `is_public`
 * read from `access` where 2026-08-14 no longer sends it, so that an expression written for one version
 * keeps working on the next. Nothing is added to older versions' voices.
 */
export function voiceOutput<T extends IDataObject>(voice: T): T {
	if (voice.is_public !== undefined || typeof voice.access !== 'string') return voice;
	return { ...voice, is_public: voice.access === 'public' };
}

export interface VoicePageResult {
	voices: Voice[];
	/** The cursor for the page after this one; undefined on the last page. */
	nextCursor?: string;
}

/** Cartesia's page size ceiling for GET /voices (docs/wire-format.md §1.5). */
export const MAX_PAGE_SIZE = 100;

interface VoicePage {
	data?: Voice[];
	has_more?: boolean;
	next_page?: string | null;
}

/**
 * Walks GET /voices through its cursor, yielding one page at a time. Each request asks
 * for `min(remaining, 100)`, so a Limit stops the walk as soon as it has enough. The next page starts
 * after the last voice's id, while `has_more` is true (docs/wire-format.md §1.5).
 */
export async function* voicePages(
	client: CartesiaClient,
	filters: Record<string, QueryValue>,
	options: { max?: number; startingAfter?: string } = {},
): AsyncGenerator<VoicePageResult> {
	let remaining = options.max ?? Number.POSITIVE_INFINITY;
	let startingAfter = options.startingAfter;
	while (remaining > 0) {
		const response = await client.json<VoicePage | Voice[]>({
			method: 'GET',
			path: '/voices',
			query: { ...filters, limit: Math.min(remaining, MAX_PAGE_SIZE), starting_after: startingAfter },
			retry: 'repeatable',
		});
		// Defensive: 2024-06-10 answered with a bare array and no pagination (docs/wire-format.md §2.7).
		if (Array.isArray(response)) {
			yield { voices: response.slice(0, remaining) };
			return;
		}
		const voices = (response.data ?? []).slice(0, remaining);
		remaining -= voices.length;
		// `has_more` is the documented rule; `next_page` (deprecated) is a fallback should it be missing.
		const hasMore =
			response.has_more ?? (typeof response.next_page === 'string' && response.next_page !== '');
		const nextCursor = hasMore && voices.length > 0 ? voices[voices.length - 1].id : undefined;
		if (voices.length > 0) yield { voices, nextCursor };
		if (nextCursor === undefined) return;
		startingAfter = nextCursor;
	}
}
