/** Pronunciation dictionaries: list, create, get, update, delete (docs/wire-format.md §2.15). */
import { operation, type RequestContext } from '../context';
import { dictionaryObject, type StoredDictionary, type StoredDictionaryItem } from '../dictionaries';
import { notFound } from '../errors';
import { cursorPage, readCursorQuery, unknownCursors, type CursorQuery } from '../paging';
import type { JsonReader } from '../validation';

/** F0416: a replacement is at most 100 characters. */
const MAX_PRONUNCIATION_LENGTH = 100;

function existingDictionary(ctx: RequestContext, id: string): StoredDictionary {
	const dictionary = ctx.state.dictionaries.get(id);
	if (!dictionary) throw notFound(`pronunciation dictionary "${id}" not found`);
	return dictionary;
}

/**
 * `items`: each `{text, pronunciation, alias?, case_sensitive?}`. `alias` is the deprecated name of
 * `pronunciation`: either may come alone, and when both come they must agree. `case_sensitive` only from
 * 2026-08-14.
 */
function readItems(body: JsonReader): StoredDictionaryItem[] | undefined {
	const raw = body.array('items');
	if (raw === undefined) return undefined;
	const items: StoredDictionaryItem[] = [];
	raw.forEach((value, index) => {
		const item = body.element('items', index, value);
		if (!item) return;
		const text = item.string('text', { required: true });
		const pronunciation = item.string('pronunciation');
		const alias = item.string('alias');
		const caseSensitive = item.boolean('case_sensitive', { feature: 'pronunciationCaseSensitive' });
		const said = pronunciation ?? alias;
		if (pronunciation === undefined && alias === undefined && !item.has('pronunciation') && !item.has('alias')) {
			body.problems.add(`${item.label('pronunciation')} is required`);
		}
		if (pronunciation !== undefined && alias !== undefined && pronunciation !== alias) {
			body.problems.add(`${item.label('alias')} must equal ${item.label('pronunciation')} (it is its deprecated name)`);
		}
		if (said !== undefined && [...said].length > MAX_PRONUNCIATION_LENGTH) {
			body.problems.add(`${item.label('pronunciation')} must be at most ${MAX_PRONUNCIATION_LENGTH} characters; got ${[...said].length}`);
		}
		if (text !== undefined && said !== undefined) items.push({ text, pronunciation: said, ...(caseSensitive !== undefined ? { caseSensitive } : {}) });
	});
	return items;
}

// ---- list ---------------------------------------------------------------------------------------

export const listDictionaries = operation<CursorQuery>({
	auth: 'api-key',
	body: 'none',
	gate: 'pronunciationDicts',
	validate(ctx) {
		const query = readCursorQuery(ctx);
		ctx.settle();
		for (const [name, id] of unknownCursors(ctx.state.dictionaries.all(), query)) {
			ctx.invalid(`query parameter "${name}": no pronunciation dictionary with id "${id}"`);
		}
		return query;
	},
	async respond(ctx, query) {
		const { page, hasMore } = cursorPage(ctx.state.dictionaries.all(), query);
		await ctx.writer.json(200, { data: page.map((dictionary) => dictionaryObject(dictionary, ctx.version)), has_more: hasMore });
	},
});

// ---- create -------------------------------------------------------------------------------------

export const createDictionary = operation<{ name: string; description?: string; items: StoredDictionaryItem[] }>({
	auth: 'api-key',
	body: 'json',
	gate: 'pronunciationDicts',
	validate(ctx) {
		const body = ctx.json();
		const name = body.string('name', { required: true });
		const description = body.string('description', { allowEmpty: true });
		const items = readItems(body);
		ctx.settle();
		return { name: name as string, description, items: items ?? [] };
	},
	async respond(ctx, plan) {
		await ctx.writer.json(200, dictionaryObject(ctx.state.dictionaries.add(plan), ctx.version));
	},
});

// ---- get, update, delete ------------------------------------------------------------------------

export const getDictionary = operation<{ dictionary: StoredDictionary }>({
	auth: 'api-key',
	body: 'none',
	gate: 'pronunciationDicts',
	validate(ctx) {
		ctx.settle();
		return { dictionary: existingDictionary(ctx, ctx.params.id) };
	},
	async respond(ctx, plan) {
		await ctx.writer.json(200, dictionaryObject(plan.dictionary, ctx.version));
	},
});

interface UpdatePlan {
	dictionary: StoredDictionary;
	name?: string;
	description?: string;
	items?: StoredDictionaryItem[];
}

/** PATCH: `items`, when sent, replaces the whole list (F0416: "Updated list of ... mappings"). */
export const updateDictionary = operation<UpdatePlan>({
	auth: 'api-key',
	body: 'json',
	gate: 'pronunciationDicts',
	validate(ctx) {
		const body = ctx.json();
		const name = body.string('name');
		const description = body.string('description', { allowEmpty: true });
		const items = readItems(body);
		ctx.settle();
		return { dictionary: existingDictionary(ctx, ctx.params.id), name, description, items };
	},
	async respond(ctx, plan) {
		const { dictionary } = plan;
		if (plan.name !== undefined) dictionary.name = plan.name;
		if (plan.description !== undefined) dictionary.description = plan.description;
		if (plan.items !== undefined) dictionary.items = plan.items;
		await ctx.writer.json(200, dictionaryObject(dictionary, ctx.version));
	},
});

export const deleteDictionary = operation<{ dictionary: StoredDictionary }>({
	auth: 'api-key',
	body: 'none',
	gate: 'pronunciationDicts',
	validate(ctx) {
		ctx.settle();
		return { dictionary: existingDictionary(ctx, ctx.params.id) };
	},
	async respond(ctx, plan) {
		ctx.state.dictionaries.remove(plan.dictionary.id);
		await ctx.writer.head(204);
		await ctx.writer.end();
	},
});
