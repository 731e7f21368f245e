import type { INodePropertyOptions } from 'n8n-workflow';

/** English names of every language code the reference lists (sections 3.3, 3.4, 3.7). */
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
	my: 'Burmese', ne: 'Nepali', nl: 'Dutch', nn: 'Norwegian Nynorsk', no: 'Norwegian', oc: 'Occitan',
	pa: 'Punjabi', pl: 'Polish', ps: 'Pashto', pt: 'Portuguese', ro: 'Romanian', ru: 'Russian',
	sa: 'Sanskrit', sd: 'Sindhi', si: 'Sinhala', sk: 'Slovak', sl: 'Slovenian', sn: 'Shona',
	so: 'Somali', sq: 'Albanian', sr: 'Serbian', su: 'Sundanese', sv: 'Swedish', sw: 'Swahili',
	ta: 'Tamil', te: 'Telugu', tg: 'Tajik', th: 'Thai', tk: 'Turkmen', tl: 'Tagalog', tr: 'Turkish',
	tt: 'Tatar', uk: 'Ukrainian', ur: 'Urdu', uz: 'Uzbek', vi: 'Vietnamese', yi: 'Yiddish',
	yo: 'Yoruba', yue: 'Cantonese', zh: 'Chinese',
};

/** 3.3: the 15 languages of 2024-11-13, then those sonic-3 added. */
export const TTS_LANGUAGES = [
	'en', 'fr', 'de', 'es', 'pt', 'zh', 'ja', 'hi', 'it', 'ko', 'nl', 'pl', 'ru', 'sv', 'tr',
	'tl', 'bg', 'ro', 'ar', 'cs', 'el', 'fi', 'hr', 'ms', 'sk', 'da', 'ta', 'uk', 'hu', 'no', 'vi',
	'bn', 'th', 'he', 'ka', 'id', 'te', 'gu', 'kn', 'ml', 'mr', 'pa',
];

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

export function languageName(code: string): string {
	return LANGUAGE_NAMES[code] ?? code;
}

/** Dropdown options sorted by name, with the code in the description. */
export function languageOptions(codes: readonly string[]): INodePropertyOptions[] {
	return codes
		.map((code) => ({ name: languageName(code), value: code, description: `Code: ${code}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
