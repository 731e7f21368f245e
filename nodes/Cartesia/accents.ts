/**
 * Cartesia's accent catalog as the node needs it without asking Cartesia: each catalog ID with the
 * display name older versions take for the same accent, and which accents Localize and Add Accents can
 * target. docs/wire-format.md §7.3.
 *
 * Sources: the IDs are `VoiceAccent` of @cartesia/cartesia-js 4.2.0 (sends 2026-08-14; 79 IDs); the
 * display names are `VoiceAccent` of @cartesia/cartesia-js 3.5.1 (sends 2025-11-04; 74 names), paired
 * by the accent they name. The five IDs without a name are new in 4.x: no older version can say them.
 * The localizable ones are 4.2.0 `AttachVoiceAccent` ("catalog accent IDs that PATCH /voices/{id}/accents
 * can attach", the accents `GET /accents` marks `is_localizable`).
 */
import type { ApiVersion } from './versions';
import { versionSupports } from './versions';

/** Catalog ID → display name (undefined: the ID is new in 2026-08-14). */
const ACCENT_TABLE: ReadonlyArray<readonly [string, string | undefined]> = [
	['abruzzo-italian', 'Abruzzo Italian'],
	['african-american', 'African American English'],
	['african-french', 'African French'],
	['arabic', 'Arabic'],
	['arabic-english', 'Arabic English'],
	['australian', 'Australian English'],
	['bagheli', 'Bagheli Hindi'],
	['belgian-french', 'Belgian French'],
	['brazilian-portuguese', 'Brazilian Portuguese'],
	['british', 'British English'],
	['budapest', 'Budapest Hungarian'],
	['bulgarian', 'Bulgarian'],
	['california', 'California English'],
	['camba', 'Camba Spanish'],
	['campania', 'Campania Italian'],
	['canadian-english', 'Canadian English'],
	['canadian-french', 'Canadian French'],
	['castilian', 'Castilian Spanish'],
	['central-tamil', 'Central Tamil'],
	['central-thai', 'Central Thai'],
	['central-vietnamese', 'Central Vietnamese'],
	['chilean', 'Chilean Spanish'],
	['colombian', 'Colombian Spanish'],
	['czech', 'Czech'],
	['danish', 'Danish'],
	['european-portuguese', 'European Portuguese'],
	['finnish', 'Finnish'],
	['general-american', 'General American English'],
	['high-german', 'High German'],
	['hindi', 'Hindi'],
	['indian-english', 'Indian English'],
	['indian-urdu', undefined],
	['irish', 'Irish English'],
	['israeli', 'Israeli Hebrew'],
	['istanbul', 'Istanbul Turkish'],
	['italian', 'Italian'],
	['jakarta', 'Jakarta Indonesian'],
	['japanese', 'Japanese'],
	['jessore', 'Jessore Bengali'],
	['khaleeji', 'Khaleeji Arabic'],
	['konkani', 'Konkani'],
	['korean', 'Korean'],
	['kyiv', 'Kyiv Ukrainian'],
	['malay', 'Malay'],
	['mandarin', 'Mandarin Chinese'],
	['manila', 'Manila Filipino'],
	['mexican', 'Mexican Spanish'],
	['middle-eastern-arabic', 'Middle Eastern Arabic'],
	['midwestern-american', 'Midwestern American English'],
	['modern-standard-arabic', 'Modern Standard Arabic'],
	['moldovan', 'Moldovan Romanian'],
	['new-york', 'New York English'],
	['new-zealand', 'New Zealand English'],
	['north-kerala', 'North Kerala Malayalam'],
	['odia', undefined],
	['oslo', 'Oslo Norwegian'],
	['parisian', 'Parisian French'],
	['parsi', 'Parsi Gujarati'],
	['peruvian', 'Peruvian Spanish'],
	['polish', 'Polish'],
	['powadhi', 'Powadhi Punjabi'],
	['randstad', 'Randstad Dutch'],
	['romanian', undefined],
	['russian', 'Russian'],
	['singaporean', 'Singaporean English'],
	['slovak', 'Slovak'],
	['south-african', 'South African English'],
	['southern-karnataka', 'Southern Karnataka Kannada'],
	['southern-us', 'Southern American English'],
	['southern-vietnamese', 'Southern Vietnamese'],
	['standard-japanese', 'Standard Japanese'],
	['stockholm', 'Stockholm Swedish'],
	['swiss-standard', 'Swiss Standard German'],
	['taiwanese-mandarin', undefined],
	['tbilisi', 'Tbilisi Georgian'],
	['telangana', 'Telangana Telugu'],
	['thessaloniki', 'Thessaloniki Greek'],
	['urdu', undefined],
	['zagreb', 'Zagreb Croatian'],
];

export const ACCENT_IDS: readonly string[] = ACCENT_TABLE.map(([id]) => id);

const NAME_BY_ID = new Map(ACCENT_TABLE.filter((row): row is readonly [string, string] => row[1] !== undefined));
const ID_BY_NAME = new Map([...NAME_BY_ID].map(([id, name]) => [name.toLowerCase(), id]));

/** The accents Localize can target (and Add Accents can attach). */
export const LOCALIZABLE_ACCENT_IDS: readonly string[] = [
	'australian', 'brazilian-portuguese', 'british', 'canadian-french', 'castilian', 'central-tamil',
	'central-thai', 'general-american', 'high-german', 'hindi', 'israeli', 'istanbul', 'italian', 'japanese',
	'korean', 'mandarin', 'mexican', 'modern-standard-arabic', 'parisian', 'polish', 'randstad', 'russian',
	'southern-us', 'stockholm', 'telangana',
];

export function accentDisplayName(id: string): string | undefined {
	return NAME_BY_ID.get(id);
}

/** The catalog ID an input names: an ID as is ("british"), or a display name ("British English"). */
export function accentId(input: string): string | undefined {
	const trimmed = input.trim();
	if (ACCENT_IDS.includes(trimmed.toLowerCase())) return trimmed.toLowerCase();
	return ID_BY_NAME.get(trimmed.toLowerCase());
}

/**
 * What `accent` carries on the wire for this version: the catalog ID from 2026-08-14, the display name
 * up to 2026-03-01. Undefined when the version has no word for it (an ID new in 2026-08-14 on an older
 * version). An ID the table does not know passes as typed on 2026-08-14 (the catalog may have grown).
 */
export function accentOnWire(version: ApiVersion, input: string): string | undefined {
	const id = accentId(input);
	if (versionSupports(version, 'accentCatalogId')) return id ?? input.trim();
	return id === undefined ? undefined : accentDisplayName(id);
}
