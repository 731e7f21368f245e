/**
 * The voice library: list, get, update, delete, clone, localize, mix, create (docs/wire-format.md
 * §2.7 – §2.14).
 */
import { type ApiVersion, type VersionedFeature, versionSupports } from '../../../nodes/Cartesia/versions';
import { audioBody, planAudio, secondsForText } from '../audio';
import { operation, type RequestContext } from '../context';
import {
	CLONE_MODES,
	EMBEDDING_LENGTH,
	GENDER_PRESENTATIONS,
	LOCALIZE_BASE_LANGUAGES,
	LOCALIZE_DIALECTS,
	LOCALIZE_EXTRA_LANGUAGES,
	SPEAKER_GENDERS,
} from '../enums';
import { ACCENT_CATALOG, accentIdOfName, catalogAccent } from '../accents';
import { notFound } from '../errors';
import type { GenderPresentation, StoredVoice } from '../types';
import { type FieldReader, type JsonReader, type TextReader, defined, notAcceptedMessage } from '../validation';
import { ttsLanguages } from '../versionFacts';
import { voiceMetadata, voiceObject } from '../voices';

// ---- shared -------------------------------------------------------------------------------------

const EXPAND_OPTIONS: ReadonlyArray<[string, VersionedFeature]> = [
	['embedding', 'expandEmbedding'],
	['is_starred', 'expandIsStarred'],
	['preview_file_url', 'expandPreviewFileUrl'],
];

/** `expand[]` values: per version on the list (2.7); only `preview_file_url` on get, from 2025-11-04 (2.8). */
function readExpand(query: TextReader, version: ApiVersion, where: 'list' | 'get'): Set<string> {
	const options = where === 'get' ? EXPAND_OPTIONS.filter(([name]) => name === 'preview_file_url') : EXPAND_OPTIONS;
	const values = query.list('expand', where === 'get' ? { feature: 'expandPreviewFileUrl' } : {}) ?? [];
	const accepted = options.filter(([, feature]) => versionSupports(version, feature)).map(([name]) => name);
	for (const value of values) {
		const option = options.find(([name]) => name === value);
		const label = `query parameter "expand[]" value "${value}"`;
		if (!option) query.problems.add(`${label} must be one of ${accepted.join(', ')}`);
		else if (!versionSupports(version, option[1])) query.problems.add(notAcceptedMessage(label, version, option[1]));
	}
	return new Set(values);
}

function existingVoice(ctx: RequestContext, id: string): StoredVoice {
	const voice = ctx.state.store.get(id);
	if (!voice) throw notFound(`voice "${id}" not found`);
	return voice;
}

/** A voice id inside a request body or query that must name a stored voice (400 when it does not). */
function referencedVoice(ctx: RequestContext, label: string, id: string): StoredVoice {
	return ctx.state.store.get(id) ?? ctx.invalid(`${label}: no voice with id "${id}"`);
}

function readEmbedding(reader: JsonReader, key: string, options: { required?: boolean } = {}): number[] | undefined {
	const items = reader.array(key, options);
	if (items === undefined) return undefined;
	if (items.length !== EMBEDDING_LENGTH || !items.every((item) => typeof item === 'number' && Number.isFinite(item))) {
		reader.problems.add(`${reader.label(key)} must be an array of ${EMBEDDING_LENGTH} numbers; got ${items.length} items`);
		return undefined;
	}
	return items as number[];
}

/**
 * `accent` (7.3), returned as its catalog ID: a catalog ID from 2026-08-14 ("Display names are rejected
 * on this API version"), a display name on 2025-11-04 and 2026-03-01, absent before.
 */
function readAccent(ctx: RequestContext, reader: FieldReader, key: string, raw: unknown): string | undefined {
	const label = reader.label(key);
	if (versionSupports(ctx.version, 'accentCatalogId')) {
		if (typeof raw === 'string' && catalogAccent(raw)) return raw;
		const name = typeof raw === 'string' ? accentIdOfName(raw) : undefined;
		ctx.problems.add(
			name === undefined
				? `${label} must be a catalog accent id from GET /accents; got ${JSON.stringify(raw)}`
				: `${label} must be a catalog accent id ("${name}"); display names are rejected by Cartesia-Version ${ctx.version}`,
		);
		return undefined;
	}
	if (!versionSupports(ctx.version, 'accentDisplayName')) {
		ctx.problems.add(notAcceptedMessage(label, ctx.version, 'accentDisplayName'));
		return undefined;
	}
	const id = typeof raw === 'string' ? accentIdOfName(raw) : undefined;
	if (id === undefined) {
		ctx.problems.add(`${label} must be an accent display name such as "British English" with Cartesia-Version ${ctx.version}; got ${JSON.stringify(raw)}`);
	}
	return id;
}

// ---- list (2.7) ---------------------------------------------------------------------------------

interface ListPlan {
	limit: number;
	startingAfter?: string;
	endingBefore?: string;
	isOwner?: boolean;
	isStarred?: boolean;
	gender?: GenderPresentation;
	search?: string;
	expand: Set<string>;
}

export const listVoices = operation<ListPlan>({
	auth: 'api-key',
	body: 'none',
	validate(ctx) {
		const query = ctx.query;
		const limit = query.number('limit', { integer: true, min: 1, max: 100 });
		const startingAfter = query.string('starting_after');
		const endingBefore = query.string('ending_before');
		if (startingAfter !== undefined && endingBefore !== undefined) {
			ctx.problems.add('send at most one of query parameters "starting_after" and "ending_before"');
		}
		const plan: ListPlan = {
			limit: limit ?? 10,
			startingAfter,
			endingBefore,
			isOwner: query.boolean('is_owner'),
			isStarred: query.boolean('is_starred', { feature: 'voiceListStarred' }),
			gender: query.enumOf('gender', GENDER_PRESENTATIONS),
			search: query.string('q', { feature: 'voiceListSearch' }),
			expand: readExpand(query, ctx.version, 'list'),
		};
		ctx.settle();
		if (startingAfter !== undefined) referencedVoice(ctx, 'query parameter "starting_after"', startingAfter);
		if (endingBefore !== undefined) referencedVoice(ctx, 'query parameter "ending_before"', endingBefore);
		return plan;
	},
	async respond(ctx, plan) {
		const { store, baseUrl } = ctx.state;
		const all = store.all();
		const search = plan.search?.toLowerCase();
		const matches = (voice: StoredVoice): boolean =>
			(plan.isOwner === undefined || voice.isOwner === plan.isOwner) &&
			(plan.isStarred === undefined || voice.isStarred === plan.isStarred) &&
			(plan.gender === undefined || voice.gender === plan.gender) &&
			(search === undefined ||
				[voice.name, voice.description, voice.id].some((text) => text.toLowerCase().includes(search)));
		let page: StoredVoice[];
		let hasMore: boolean;
		if (plan.endingBefore !== undefined) {
			const before = all.slice(0, store.indexOf(plan.endingBefore)).filter(matches);
			page = before.slice(Math.max(0, before.length - plan.limit));
			hasMore = before.length > plan.limit;
		} else {
			const from = plan.startingAfter === undefined ? 0 : store.indexOf(plan.startingAfter) + 1;
			const after = all.slice(from).filter(matches);
			page = after.slice(0, plan.limit);
			hasMore = after.length > plan.limit;
		}
		await ctx.writer.json(200, {
			data: page.map((voice) => voiceObject(voice, ctx.version, plan.expand, baseUrl)),
			has_more: hasMore,
			next_page: hasMore && page.length > 0 ? page[page.length - 1].id : null,
		});
	},
});

// ---- get, update, delete (2.8 – 2.10) ------------------------------------------------------------

export const getVoice = operation<{ voice: StoredVoice; expand: Set<string> }>({
	auth: 'api-key',
	body: 'none',
	validate(ctx) {
		const expand = readExpand(ctx.query, ctx.version, 'get');
		ctx.settle();
		return { voice: existingVoice(ctx, ctx.params.id), expand };
	},
	async respond(ctx, plan) {
		await ctx.writer.json(200, voiceObject(plan.voice, ctx.version, plan.expand, ctx.state.baseUrl));
	},
});

interface UpdatePlan {
	voice: StoredVoice;
	name?: string;
	description?: string;
	gender?: GenderPresentation | null;
	genderSent: boolean;
	accent?: string | null;
	accentSent: boolean;
}

export const updateVoice = operation<UpdatePlan>({
	auth: 'api-key',
	body: 'json',
	validate(ctx) {
		const body = ctx.json();
		const required = { requiredWhere: 'voiceUpdateRequiresNameAndDescription' as const };
		const name = body.string('name', required);
		const description = body.string('description', { ...required, allowEmpty: true });
		const gender = body.nullable('gender', { feature: 'voiceUpdateGender' });
		if (gender.value !== undefined && gender.value !== null && !(GENDER_PRESENTATIONS as readonly unknown[]).includes(gender.value)) {
			ctx.problems.add(`${body.label('gender')} must be one of ${GENDER_PRESENTATIONS.join(', ')} or null; got ${JSON.stringify(gender.value)}`);
		}
		const accentField = body.nullable('accent');
		const accent = accentField.present && accentField.value !== null ? readAccent(ctx, body, 'accent', accentField.value) : undefined;
		if (accentField.present && accentField.value === null && !versionSupports(ctx.version, 'accentCatalogId') && !versionSupports(ctx.version, 'accentDisplayName')) {
			ctx.problems.add(notAcceptedMessage(body.label('accent'), ctx.version, 'accentDisplayName'));
		}
		ctx.settle();
		return {
			voice: existingVoice(ctx, ctx.params.id),
			name,
			description,
			gender: gender.value as GenderPresentation | null | undefined,
			genderSent: gender.present,
			accent: accentField.value === null ? null : accent,
			accentSent: accentField.present,
		};
	},
	async respond(ctx, plan) {
		const { voice } = plan;
		if (plan.name !== undefined) voice.name = plan.name;
		if (plan.description !== undefined) voice.description = plan.description;
		if (plan.genderSent) voice.gender = plan.gender ?? null;
		if (plan.accentSent) voice.accent = plan.accent ?? null;
		await ctx.writer.json(200, voiceObject(voice, ctx.version, new Set(), ctx.state.baseUrl));
	},
});

export const deleteVoice = operation<{ voice: StoredVoice }>({
	auth: 'api-key',
	body: 'none',
	validate(ctx) {
		ctx.settle();
		return { voice: existingVoice(ctx, ctx.params.id) };
	},
	async respond(ctx, plan) {
		ctx.state.store.remove(plan.voice.id);
		await ctx.writer.head(204);
		await ctx.writer.end();
	},
});

/**
 * Not an endpoint of docs/wire-format.md §2: where `preview_file_url` (expand, 2025-11-04+) points. It
 * needs the same auth as the API and answers a short WAV saying the voice's name.
 */
export const voicePreview = operation<{ voice: StoredVoice }>({
	auth: 'api-key',
	body: 'none',
	validate(ctx) {
		ctx.settle();
		return { voice: existingVoice(ctx, ctx.params.id) };
	},
	async respond(ctx, plan) {
		const format = { container: 'wav' as const, encoding: 'pcm_s16le' as const, sampleRate: 16000 };
		const audio = planAudio(format, plan.voice.name, secondsForText(plan.voice.name));
		await ctx.writer.head(200, { 'content-type': 'audio/wav' });
		for (const chunk of audioBody(audio)) await ctx.writer.write(chunk);
		await ctx.writer.end();
	},
});

// ---- clone (2.11) -------------------------------------------------------------------------------

interface ClonePlan {
	name: string;
	description: string;
	language: string;
	accent?: string;
}

export const cloneVoice = operation<ClonePlan>({
	auth: 'api-key',
	body: 'multipart',
	validate(ctx) {
		const form = ctx.multipart();
		form.file('clip', { required: true });
		const name = form.string('name', { required: true });
		const language = form.enumOf('language', ttsLanguages(ctx.version), { required: true });
		const accent = form.has('accent') ? readAccent(ctx, form, 'accent', form.string('accent')) : undefined;
		form.enumOf('mode', CLONE_MODES, { feature: 'cloneMode', requiredWhere: 'cloneMode' });
		const description = form.string('description', { allowEmpty: true });
		form.boolean('enhance', { feature: 'cloneEnhance' });
		const baseVoiceId = form.string('base_voice_id');
		ctx.settle();
		if (baseVoiceId !== undefined) referencedVoice(ctx, 'multipart field "base_voice_id"', baseVoiceId);
		return { name: defined(name), description: description ?? '', language: defined(language), accent };
	},
	async respond(ctx, plan) {
		const voice = ctx.state.store.add(plan);
		await ctx.writer.json(200, voiceMetadata(voice, ctx.version));
	},
});

// ---- localize (2.12, 7.2) -----------------------------------------------------------------------

interface LocalizePlan {
	name: string;
	description: string;
	language: string;
	gender: GenderPresentation | null;
	accent?: string;
	tagline?: string;
}

/** The target language (3.7): required up to 2026-03-01, optional from 2026-08-14. */
function readLocalizeLanguage(ctx: RequestContext, body: JsonReader, required: boolean): string | undefined {
	const extraAllowed = versionSupports(ctx.version, 'localizeExtraLanguages');
	const targets: readonly string[] = extraAllowed ? [...LOCALIZE_BASE_LANGUAGES, ...LOCALIZE_EXTRA_LANGUAGES] : LOCALIZE_BASE_LANGUAGES;
	const rawLanguage = body.has('language') ? body.value('language') : undefined;
	if (!extraAllowed && typeof rawLanguage === 'string' && (LOCALIZE_EXTRA_LANGUAGES as readonly string[]).includes(rawLanguage)) {
		ctx.problems.add(notAcceptedMessage(`${body.label('language')} value "${rawLanguage}"`, ctx.version, 'localizeExtraLanguages'));
	} else if (rawLanguage === undefined) {
		if (required) ctx.problems.add(`${body.label('language')} is required`);
	} else if (typeof rawLanguage !== 'string' || !targets.includes(rawLanguage)) {
		ctx.problems.add(`${body.label('language')} must be one of ${targets.join(', ')}; got ${JSON.stringify(rawLanguage)}`);
	} else {
		return rawLanguage;
	}
	return undefined;
}

function readDialect(ctx: RequestContext, body: JsonReader, language: string | undefined): void {
	const dialect = body.nullable('dialect').value;
	if (dialect === undefined || dialect === null || language === undefined) return;
	const dialects = LOCALIZE_DIALECTS[language];
	if (!dialects) {
		ctx.problems.add(`${body.label('dialect')} is only accepted when "language" is ${Object.keys(LOCALIZE_DIALECTS).join(', ')}`);
	} else if (typeof dialect !== 'string' || !dialects.includes(dialect)) {
		ctx.problems.add(`${body.label('dialect')} must be one of ${dialects.join(', ')} for language "${language}"; got ${JSON.stringify(dialect)}`);
	}
}

export const localizeVoice = operation<LocalizePlan>({
	auth: 'api-key',
	body: 'json',
	validate(ctx) {
		const body = ctx.json();
		const byAccent = versionSupports(ctx.version, 'localizeByAccent');
		const voiceId = body.string('voice_id', { required: true });
		const name = body.string('name', { required: true });
		const description = body.string('description', { required: !byAccent, allowEmpty: true });
		const language = readLocalizeLanguage(ctx, body, !byAccent);
		const speakerGender = body.enumOf('original_speaker_gender', SPEAKER_GENDERS, { required: !byAccent });
		readDialect(ctx, body, language);
		let accent: string | undefined;
		if (body.has('accent')) {
			accent = readAccent(ctx, body, 'accent', body.value('accent'));
			if (byAccent && accent !== undefined && !catalogAccent(accent)?.is_localizable) {
				ctx.problems.add(`${body.label('accent')} "${accent}" is not localizable (GET /accents: is_localizable false)`);
			}
		} else if (byAccent) {
			ctx.problems.add(`${body.label('accent')} is required by Cartesia-Version ${ctx.version}`);
		}
		const tagline = body.string('tagline', { feature: 'voiceTagline', allowEmpty: true });
		if (tagline !== undefined && [...tagline].length > 32) ctx.problems.add(`${body.label('tagline')} must be at most 32 characters; got ${[...tagline].length}`);
		ctx.settle();
		const source = existingVoice(ctx, defined(voiceId));
		const catalog = accent === undefined ? undefined : catalogAccent(accent);
		return {
			name: defined(name),
			description: description ?? '',
			language: byAccent && catalog ? catalog.language : defined(language),
			gender: speakerGender === undefined ? source.gender : speakerGender === 'male' ? 'masculine' : 'feminine',
			accent,
			tagline,
		};
	},
	async respond(ctx, plan) {
		const voice = ctx.state.store.add(plan);
		await ctx.writer.json(200, voiceMetadata(voice, ctx.version));
	},
});

// ---- the accent catalog and a voice's added accents (7.6, 7.7) ------------------------------------

export const listAccents = operation<undefined>({
	auth: 'api-key',
	body: 'none',
	gate: 'accentCatalog',
	validate(ctx) {
		ctx.settle();
		return undefined;
	},
	async respond(ctx) {
		await ctx.writer.json(200, { accents: ACCENT_CATALOG });
	},
});

/** "Up to 10 accents in total, including native" (JS4 4.1.0). */
const MAX_VOICE_ACCENTS = 10;

function ownedClone(ctx: RequestContext, id: string): StoredVoice {
	const voice = existingVoice(ctx, id);
	if (!voice.isOwner) ctx.invalid(`voice "${id}" is not yours: only your own instant clones take added accents`);
	if (!voice.accent) ctx.invalid(`voice "${id}" has no accent of its own: set one with PATCH /voices/{id} first`);
	return voice;
}

export const addVoiceAccents = operation<{ voice: StoredVoice; accents: string[] }>({
	auth: 'api-key',
	body: 'json',
	gate: 'voiceAccents',
	validate(ctx) {
		const body = ctx.json();
		const items = body.array('accents', { required: true }) ?? [];
		if (body.has('accents') && Array.isArray(body.value('accents')) && items.length === 0) {
			ctx.problems.add(`${body.label('accents')} must list at least one accent`);
		}
		items.forEach((item, index) => {
			const accent = typeof item === 'string' ? catalogAccent(item) : undefined;
			if (!accent?.is_localizable) {
				ctx.problems.add(`field "accents[${index}]" must be an accent id that can be attached (is_localizable); got ${JSON.stringify(item)}`);
			}
		});
		ctx.settle();
		const voice = ownedClone(ctx, ctx.params.id);
		const accents = [...new Set(items as string[])].filter((id) => id !== voice.accent && !voice.addedAccents.includes(id));
		if (1 + voice.addedAccents.length + accents.length > MAX_VOICE_ACCENTS) {
			ctx.invalid(`a voice can support up to ${MAX_VOICE_ACCENTS} accents in total, including native`);
		}
		return { voice, accents };
	},
	async respond(ctx, plan) {
		plan.voice.addedAccents.push(...plan.accents);
		await ctx.writer.json(200, voiceObject(plan.voice, ctx.version, new Set(), ctx.state.baseUrl));
	},
});

export const deleteVoiceAccent = operation<{ voice: StoredVoice; accent: string }>({
	auth: 'api-key',
	body: 'none',
	gate: 'voiceAccents',
	validate(ctx) {
		ctx.settle();
		const voice = ownedClone(ctx, ctx.params.id);
		const accent = ctx.params.accent;
		if (!voice.addedAccents.includes(accent)) throw notFound(`voice "${voice.id}" has no added accent "${accent}"`);
		return { voice, accent };
	},
	async respond(ctx, plan) {
		plan.voice.addedAccents = plan.voice.addedAccents.filter((id) => id !== plan.accent);
		await ctx.writer.json(200, voiceObject(plan.voice, ctx.version, new Set(), ctx.state.baseUrl));
	},
});

// ---- mix (2.13) and create (2.14), 2024-11-13 only, sunset 2026-06-01 -----------------------------

export const mixVoices = operation<{ parts: Array<{ embedding: number[]; weight: number }> }>({
	auth: 'api-key',
	body: 'json',
	gate: 'voiceMix',
	retirable: true,
	validate(ctx) {
		const body = ctx.json();
		const items = body.array('voices', { required: true }) ?? [];
		if (body.has('voices') && Array.isArray(body.value('voices')) && items.length < 2) {
			ctx.problems.add(`${body.label('voices')} must list at least 2 voices; got ${items.length}`);
		}
		const specs = items.map((item, index) => {
			const element = body.element('voices', index, item);
			if (!element) return undefined;
			const hasId = element.has('id');
			const hasEmbedding = element.has('embedding');
			if (hasId === hasEmbedding) {
				ctx.problems.add(`field "voices[${index}]" must have exactly one of "id" and "embedding"`);
			}
			const id = hasId ? element.string('id', { required: true }) : undefined;
			const embedding = hasEmbedding ? readEmbedding(element, 'embedding') : undefined;
			if (!hasId && !hasEmbedding) element.skip('id');
			const weight = element.number('weight', { required: true, min: 0 });
			return { id, embedding, weight };
		});
		ctx.settle();
		const parts = specs.map((spec, index) => ({
			embedding: spec?.embedding ?? referencedVoice(ctx, `field "voices[${index}].id"`, defined(spec?.id)).embedding,
			weight: defined(spec?.weight),
		}));
		if (parts.every((part) => part.weight === 0)) ctx.invalid('the weights in field "voices" must not all be 0');
		return { parts };
	},
	async respond(ctx, plan) {
		const total = plan.parts.reduce((sum, part) => sum + part.weight, 0);
		const embedding = Array.from({ length: EMBEDDING_LENGTH }, (_, index) =>
			Math.round((plan.parts.reduce((sum, part) => sum + part.embedding[index] * part.weight, 0) / total) * 1e6) / 1e6,
		);
		await ctx.writer.json(200, { embedding });
	},
});

export const createVoice = operation<{ name: string; description: string; language: string; embedding: number[] }>({
	auth: 'api-key',
	body: 'json',
	gate: 'voiceCreate',
	retirable: true,
	validate(ctx) {
		const body = ctx.json();
		const name = body.string('name', { required: true });
		const description = body.string('description', { required: true, allowEmpty: true });
		const embedding = readEmbedding(body, 'embedding', { required: true });
		const language = body.enumOf('language', ttsLanguages(ctx.version));
		const baseVoiceId = body.string('base_voice_id');
		ctx.settle();
		if (baseVoiceId !== undefined) referencedVoice(ctx, 'field "base_voice_id"', baseVoiceId);
		return { name: defined(name), description: defined(description), language: language ?? 'en', embedding: defined(embedding) };
	},
	async respond(ctx, plan) {
		const voice = ctx.state.store.add(plan);
		await ctx.writer.json(200, voiceObject(voice, ctx.version, new Set(), ctx.state.baseUrl));
	},
});
