/**
 * The language codes Cartesia lists, per operation and per Cartesia-Version: the one place the node's
 * dropdowns and its checks of typed-in codes both read. Sections (3.3, …) are those of docs/wire-format.md.
 */
import type { ApiVersion, VersionedFeature } from './versions';
import { versionSupports } from './versions';

/** English names of every language code docs/wire-format.md lists (§3.3, §3.4, §3.7). */
const LANGUAGE_NAMES: Record<string, string> = {
	af: 'Afrikaans', am: 'Amharic', ar: 'Arabic', as: 'Assamese', az: 'Azerbaijani', ba: 'Bashkir',
	be: 'Belarusian', bg: 'Bulgarian', bn: 'Bengali', bo: 'Tibetan', br: 'Breton', bs: 'Bosnian',
	ca: 'Catalan', cs: 'Czech', cy: 'Welsh', da: 'Danish', de: 'German', el: 'Greek', en: 'English',
	es: 'Spanish', et: 'Estonian', eu: 'Basque', fa: 'Persian', fi: 'Finnish', fo: 'Faroese',
	fr: 'French', gl: 'Galician', gu: 'Gujarati', ha: 'Hausa', haw: 'Hawaiian', he: 'Hebrew',
	hi: 'Hindi', hr: 'Croatian', ht: 'Haitian Creole', hu: 'Hungarian', hy: 'Armenian',
	id: 'Indonesian', is: 'Icelandic', it: 'Italian', ja: 'Japanese', jw: 'Javanese', ka: 'Georgian',
	kk: 'Kazakh', km: 'Khmer', kn: 'Kannada', ko: 'Korean', la: 'Latin', lb: 'Luxembourgish',
	ln: 'Lingala', lo: 'Lao', lt: 'Lithuanian', lv: 'Latvian', mg: 'Malagasy', mi: 'Maori',
	mk: 'Macedonian', ml: 'Malayalam', mn: 'Mongolian', mr: 'Marathi', ms: 'Malay', mt: 'Maltese',
	my: 'Burmese', ne: 'Nepali', nl: 'Dutch', nn: 'Norwegian Nynorsk', no: 'Norwegian', oc: 'Occitan', or: 'Odia',
	pa: 'Punjabi', pl: 'Polish', ps: 'Pashto', pt: 'Portuguese', ro: 'Romanian', ru: 'Russian',
	sa: 'Sanskrit', sd: 'Sindhi', si: 'Sinhala', sk: 'Slovak', sl: 'Slovenian', sn: 'Shona',
	so: 'Somali', sq: 'Albanian', sr: 'Serbian', su: 'Sundanese', sv: 'Swedish', sw: 'Swahili',
	ta: 'Tamil', te: 'Telugu', tg: 'Tajik', th: 'Thai', tk: 'Turkmen', tl: 'Tagalog', tr: 'Turkish',
	tt: 'Tatar', uk: 'Ukrainian', ur: 'Urdu', uz: 'Uzbek', vi: 'Vietnamese', yi: 'Yiddish',
	yo: 'Yoruba', yue: 'Cantonese', zh: 'Chinese',
};

/**
 * 3.3: the 15 of the 2024-11-13 and 2025-04-16 definitions (`SupportedLanguage`), then the 27 that
 * sonic-3 and the 2025-11-04 definition add. Text to speech, Infill and Clone take these.
 */
const TTS_BASE_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'zh', 'ja', 'hi', 'it', 'ko', 'nl', 'pl', 'ru', 'sv', 'tr'];
const TTS_EXTRA_LANGUAGES = [
	'tl', 'bg', 'ro', 'ar', 'cs', 'el', 'fi', 'hr', 'ms', 'sk', 'da', 'ta', 'uk', 'hu', 'no', 'vi',
	'bn', 'th', 'he', 'ka', 'id', 'te', 'gu', 'kn', 'ml', 'mr', 'pa',
];
/** 7.9: Odia and Urdu, from 2026-08-14 (JS4 and PY4 `SupportedLanguage`). */
const TTS_2026_LANGUAGES = ['or', 'ur'];
export const TTS_LANGUAGES = [...TTS_BASE_LANGUAGES, ...TTS_EXTRA_LANGUAGES, ...TTS_2026_LANGUAGES];

/** 3.4: every language ink-whisper transcribes. */
export const STT_LANGUAGES = [
	'en', 'zh', 'de', 'es', 'ru', 'ko', 'fr', 'ja', 'pt', 'tr', 'pl', 'ca', 'nl', 'ar', 'sv', 'it',
	'id', 'hi', 'fi', 'vi', 'he', 'uk', 'el', 'ms', 'cs', 'ro', 'da', 'hu', 'ta', 'no', 'th', 'ur',
	'hr', 'bg', 'lt', 'la', 'mi', 'ml', 'cy', 'sk', 'te', 'fa', 'lv', 'bn', 'sr', 'az', 'sl', 'kn',
	'et', 'mk', 'br', 'eu', 'is', 'hy', 'ne', 'mn', 'bs', 'kk', 'sq', 'sw', 'gl', 'mr', 'pa', 'si',
	'km', 'sn', 'yo', 'so', 'af', 'oc', 'ka', 'be', 'tg', 'sd', 'gu', 'am', 'yi', 'lo', 'uz', 'fo',
	'ht', 'ps', 'tk', 'nn', 'mt', 'sa', 'lb', 'my', 'bo', 'tl', 'mg', 'as', 'tt', 'haw', 'ln', 'ha',
	'ba', 'jw', 'su', 'yue',
];

/** 3.7: localize targets of 2024-11-13; 2025-11-04 adds LOCALIZE_EXTRA_LANGUAGES. */
export const LOCALIZE_LANGUAGES = ['en', 'de', 'es', 'fr', 'ja', 'pt', 'zh', 'hi', 'it', 'ko', 'nl', 'pl', 'ru', 'sv', 'tr'];
export const LOCALIZE_EXTRA_LANGUAGES = ['ar', 'he', 'ta', 'te', 'th'];

/** 3.7: dialects exist for four localize targets only. */
export const LOCALIZE_DIALECTS: Record<string, Array<{ value: string; name: string }>> = {
	en: [
		{ value: 'us', name: 'United States' },
		{ value: 'uk', name: 'United Kingdom' },
		{ value: 'au', name: 'Australia' },
		{ value: 'in', name: 'India' },
		{ value: 'so', name: 'Southern United States' },
	],
	es: [
		{ value: 'mx', name: 'Mexico' },
		{ value: 'pe', name: 'Peru' },
	],
	pt: [
		{ value: 'br', name: 'Brazil' },
		{ value: 'eu', name: 'Europe' },
	],
	fr: [
		{ value: 'eu', name: 'Europe' },
		{ value: 'ca', name: 'Canada' },
	],
};

/** What a language code is for; each use has its own list. */
export type LanguageUse = 'tts' | 'stt' | 'localize';

/** Every code of a use, in tiers: the first in every version, each later one from the version of its feature. */
const LANGUAGE_LISTS: Record<LanguageUse, Array<{ codes: readonly string[]; feature?: VersionedFeature }>> = {
	tts: [
		{ codes: TTS_BASE_LANGUAGES },
		{ codes: TTS_EXTRA_LANGUAGES, feature: 'ttsExtraLanguages' },
		{ codes: TTS_2026_LANGUAGES, feature: 'ttsLanguages2026' },
	],
	stt: [{ codes: STT_LANGUAGES }],
	localize: [{ codes: LOCALIZE_LANGUAGES }, { codes: LOCALIZE_EXTRA_LANGUAGES, feature: 'localizeExtraLanguages' }],
};

/** Every code a use lists in some version: for the dropdowns. */
export function allLanguages(use: LanguageUse): string[] {
	return LANGUAGE_LISTS[use].flatMap((tier) => tier.codes);
}

const listedByUseAndVersion = new Map<string, readonly string[]>();

/** The codes a use lists with this Cartesia-Version (built once per use and version: every item checks its language). */
export function listedLanguages(use: LanguageUse, version: ApiVersion): readonly string[] {
	const key = `${use}|${version}`;
	let listed = listedByUseAndVersion.get(key);
	if (!listed) {
		listed = Object.freeze(LANGUAGE_LISTS[use].filter((tier) => tier.feature === undefined || versionSupports(version, tier.feature)).flatMap((tier) => tier.codes));
		listedByUseAndVersion.set(key, listed);
	}
	return listed;
}

/** The feature a code needs when only later versions list it. */
export function languageFeature(use: LanguageUse, code: string): VersionedFeature | undefined {
	return LANGUAGE_LISTS[use].find((tier) => tier.codes.includes(code))?.feature;
}

export function languageName(code: string): string {
	return LANGUAGE_NAMES[code] ?? code;
}

/** Edit distance with adjacent swaps ("ne" for "en"), enough for codes of two or three letters. */
function editDistance(a: string, b: string): number {
	const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
		}
	}
	return rows[a.length][b.length];
}

/**
 * The listed code a user most likely meant: the language of a locale ("en-us" → en), a listed code
 * the input starts with ("eng" → en), the language's English name ("german" → de), or a code one
 * typing slip away ("ne" → en; the first in list order, which puts the common languages first).
 */
export function nearestLanguage(input: string, listed: readonly string[]): string | undefined {
	const code = input.trim().toLowerCase();
	const primary = code.split(/[-_\s]/)[0];
	if (listed.includes(primary)) return primary;
	const prefixes = listed.filter((candidate) => code.startsWith(candidate)).sort((a, b) => b.length - a.length);
	if (prefixes.length) return prefixes[0];
	if (code.length >= 3) {
		const byName = listed.find((candidate) => languageName(candidate).toLowerCase().startsWith(code));
		if (byName) return byName;
	}
	return listed.find((candidate) => editDistance(code, candidate) === 1);
}
