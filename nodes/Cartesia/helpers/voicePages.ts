import type { IDataObject } from 'n8n-workflow';

import type { CartesiaClient, QueryValue } from '../transport';
import { cursorPages } from './cursorPages';

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

/** Walks GET /voices through its cursor with the given filters (docs/wire-format.md §2.7). */
export async function* voicePages(
	client: CartesiaClient,
	filters: Record<string, QueryValue>,
	options: { max?: number; startingAfter?: string } = {},
): AsyncGenerator<VoicePageResult> {
	for await (const { items, nextCursor } of cursorPages<Voice>(client, '/voices', filters, options)) {
		yield { voices: items, nextCursor };
	}
}
