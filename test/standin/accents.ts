/**
 * The stand-in's `GET /accents` catalog (docs/wire-format.md §7.6): the node's accent table
 * (nodes/Cartesia/accents.ts: IDs, display names, localizable ones) plus the locale of each accent.
 * The locales are the stand-in's own reading of each accent's name; Cartesia's live catalog may differ.
 */
import { ACCENT_IDS, LOCALIZABLE_ACCENT_IDS, accentDisplayName } from '../../nodes/Cartesia/accents';

const LOCALES: Record<string, string> = {
	'abruzzo-italian': 'it-IT', 'african-american': 'en-US', 'african-french': 'fr-SN', arabic: 'ar-SA',
	'arabic-english': 'en-AE', australian: 'en-AU', bagheli: 'hi-IN', 'belgian-french': 'fr-BE',
	'brazilian-portuguese': 'pt-BR', british: 'en-GB', budapest: 'hu-HU', bulgarian: 'bg-BG', california: 'en-US',
	camba: 'es-BO', campania: 'it-IT', 'canadian-english': 'en-CA', 'canadian-french': 'fr-CA', castilian: 'es-ES',
	'central-tamil': 'ta-IN', 'central-thai': 'th-TH', 'central-vietnamese': 'vi-VN', chilean: 'es-CL',
	colombian: 'es-CO', czech: 'cs-CZ', danish: 'da-DK', 'european-portuguese': 'pt-PT', finnish: 'fi-FI',
	'general-american': 'en-US', 'high-german': 'de-DE', hindi: 'hi-IN', 'indian-english': 'en-IN',
	'indian-urdu': 'ur-IN', irish: 'en-IE', israeli: 'he-IL', istanbul: 'tr-TR', italian: 'it-IT', jakarta: 'id-ID',
	japanese: 'ja-JP', jessore: 'bn-BD', khaleeji: 'ar-AE', konkani: 'hi-IN', korean: 'ko-KR', kyiv: 'uk-UA',
	malay: 'ms-MY', mandarin: 'zh-CN', manila: 'tl-PH', mexican: 'es-MX', 'middle-eastern-arabic': 'ar-JO',
	'midwestern-american': 'en-US', 'modern-standard-arabic': 'ar-SA', moldovan: 'ro-MD', 'new-york': 'en-US',
	'new-zealand': 'en-NZ', 'north-kerala': 'ml-IN', odia: 'or-IN', oslo: 'no-NO', parisian: 'fr-FR', parsi: 'gu-IN',
	peruvian: 'es-PE', polish: 'pl-PL', powadhi: 'pa-IN', randstad: 'nl-NL', romanian: 'ro-RO', russian: 'ru-RU',
	singaporean: 'en-SG', slovak: 'sk-SK', 'south-african': 'en-ZA', 'southern-us': 'en-US',
	'southern-karnataka': 'kn-IN', 'southern-vietnamese': 'vi-VN', 'standard-japanese': 'ja-JP',
	stockholm: 'sv-SE', 'swiss-standard': 'de-CH', 'taiwanese-mandarin': 'zh-TW', tbilisi: 'ka-GE',
	telangana: 'te-IN', thessaloniki: 'el-GR', urdu: 'ur-PK', zagreb: 'hr-HR',
};

/** The one accent per locale that is its default (the first of that locale in ID order, or as named). */
const LOCALE_DEFAULTS = new Set(['general-american', 'italian', 'hindi', 'high-german', 'parisian', 'castilian', 'mandarin', 'standard-japanese', 'modern-standard-arabic', 'southern-vietnamese']);

export interface CatalogAccent {
	id: string;
	name: string;
	language: string;
	locale: string;
	is_locale_default: boolean;
	is_localizable: boolean;
}

/** Display names of the IDs new in 2026-08-14 (no older name exists; these are the stand-in's). */
const NEW_NAMES: Record<string, string> = {
	'indian-urdu': 'Indian Urdu', odia: 'Odia', romanian: 'Romanian', 'taiwanese-mandarin': 'Taiwanese Mandarin', urdu: 'Urdu',
};

export const ACCENT_CATALOG: readonly CatalogAccent[] = [...ACCENT_IDS].sort().map((id) => {
	const locale = LOCALES[id] ?? 'en-US';
	return {
		id,
		name: accentDisplayName(id) ?? NEW_NAMES[id] ?? id,
		language: locale.split('-')[0],
		locale,
		is_locale_default: LOCALE_DEFAULTS.has(id),
		is_localizable: LOCALIZABLE_ACCENT_IDS.includes(id),
	};
});

export function catalogAccent(id: string): CatalogAccent | undefined {
	return ACCENT_CATALOG.find((accent) => accent.id === id);
}

/** The catalog ID of a display name (what 2025-11-04 and 2026-03-01 send), or undefined. */
export function accentIdOfName(name: string): string | undefined {
	return ACCENT_CATALOG.find((accent) => accentDisplayName(accent.id) === name)?.id;
}
