import type { CartesiaClient, QueryValue } from '../transport';

export interface CursorPage<T> {
	items: T[];
	/** The cursor for the page after this one; undefined on the last page. */
	nextCursor?: string;
}

/** Cartesia's page size ceiling for its cursor lists (docs/wire-format.md §1.5). */
export const MAX_PAGE_SIZE = 100;

interface ListAnswer<T> {
	data?: T[];
	has_more?: boolean;
	next_page?: string | null;
}

/**
 * Walks one of Cartesia's cursor lists (voices, pronunciation dictionaries), one page at a time. Each
 * request asks for `min(remaining, 100)`, so a Limit stops the walk as soon as it has enough. The next
 * page starts after the last item's id while `has_more` is true (docs/wire-format.md §1.5).
 */
export async function* cursorPages<T extends { id: string }>(
	client: CartesiaClient,
	path: string,
	query: Record<string, QueryValue>,
	options: { max?: number; startingAfter?: string } = {},
): AsyncGenerator<CursorPage<T>> {
	let remaining = options.max ?? Number.POSITIVE_INFINITY;
	let startingAfter = options.startingAfter;
	while (remaining > 0) {
		const response = await client.json<ListAnswer<T> | T[]>({
			method: 'GET',
			path,
			query: { ...query, limit: Math.min(remaining, MAX_PAGE_SIZE), starting_after: startingAfter },
			retry: 'repeatable',
		});
		// Defensive: 2024-06-10 answered /voices with a bare array and no pagination (docs/wire-format.md §2.7).
		if (Array.isArray(response)) {
			yield { items: response.slice(0, remaining) };
			return;
		}
		const items = (response.data ?? []).slice(0, remaining);
		remaining -= items.length;
		// `has_more` is the documented rule; `next_page` (deprecated) is a fallback should it be missing.
		const hasMore = response.has_more ?? (typeof response.next_page === 'string' && response.next_page !== '');
		const nextCursor = hasMore && items.length > 0 ? items[items.length - 1].id : undefined;
		if (items.length > 0) yield { items, nextCursor };
		if (nextCursor === undefined) return;
		startingAfter = nextCursor;
	}
}
