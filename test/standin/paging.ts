/** Cartesia's cursor lists (docs/wire-format.md §1.5): `limit`, then `starting_after` or `ending_before` an id. */
import type { RequestContext } from './context';

export interface CursorQuery {
	limit: number;
	startingAfter?: string;
	endingBefore?: string;
}

/** Reads `limit` (1–100, default 10) and at most one of the two cursors; the caller settles the query. */
export function readCursorQuery(ctx: RequestContext): CursorQuery {
	const limit = ctx.query.number('limit', { integer: true, min: 1, max: 100 });
	const startingAfter = ctx.query.string('starting_after');
	const endingBefore = ctx.query.string('ending_before');
	if (startingAfter !== undefined && endingBefore !== undefined) {
		ctx.problems.add('send at most one of query parameters "starting_after" and "ending_before"');
	}
	return { limit: limit ?? 10, startingAfter, endingBefore };
}

/** The cursors that name nothing in `all`, as `[parameter, id]`, for a 400 naming them. */
export function unknownCursors(all: ReadonlyArray<{ id: string }>, query: CursorQuery): Array<[string, string]> {
	const named: Array<[string, string | undefined]> = [['starting_after', query.startingAfter], ['ending_before', query.endingBefore]];
	return named.filter((entry): entry is [string, string] => entry[1] !== undefined && !all.some((item) => item.id === entry[1]));
}

/** The page a cursor query asks for, and whether more follow in its direction. */
export function cursorPage<T extends { id: string }>(all: readonly T[], query: CursorQuery): { page: T[]; hasMore: boolean } {
	const at = (id: string) => all.findIndex((item) => item.id === id);
	if (query.endingBefore !== undefined) {
		const before = all.slice(0, at(query.endingBefore));
		return { page: before.slice(Math.max(0, before.length - query.limit)), hasMore: before.length > query.limit };
	}
	const after = all.slice(query.startingAfter === undefined ? 0 : at(query.startingAfter) + 1);
	return { page: after.slice(0, query.limit), hasMore: after.length > query.limit };
}
