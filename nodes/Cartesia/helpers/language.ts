import type { IExecuteFunctions } from 'n8n-workflow';

import { languageFeature, languageName, listedLanguages, nearestLanguage, type LanguageUse } from '../languages';
import type { ApiVersion } from '../versions';
import { versionSupports } from '../versions';
import { assertVersionAccepts, inputError, locatorRawValue } from './validation';

const USE_NAMES: Record<LanguageUse, string> = {
	tts: 'Text to speech',
	stt: 'Transcription',
	localize: 'Localize',
};

interface LanguageParameter {
	name: string;
	displayName: string;
	use: LanguageUse;
	version: ApiVersion;
	/** When false, an empty value means "let Cartesia decide" and reads as undefined. */
	required: boolean;
}

/**
 * A language code, trimmed and lower-cased ("EN " from an expression is "en"), that Cartesia lists
 * for this use with this Cartesia-Version. Anything else fails the item before the request, with
 * the nearest listed code as a suggestion: Cartesia would refuse it, or worse, guess.
 */
export function readLanguage(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: LanguageParameter & { required: true },
): string;
export function readLanguage(context: IExecuteFunctions, itemIndex: number, parameter: LanguageParameter): string | undefined;
export function readLanguage(
	context: IExecuteFunctions,
	itemIndex: number,
	{ name, displayName, use, version, required }: LanguageParameter,
): string | undefined {
	const raw = rawParameter(context, itemIndex, name);
	const code = raw.trim().toLowerCase();
	if (!code) {
		if (!required) return undefined;
		throw inputError(context, itemIndex, `"${displayName}" is empty`, `Choose a language for "${displayName}".`);
	}
	return checkedLanguage(context, itemIndex, { displayName, use, version }, code, raw);
}

/** A parameter as text: a picker's value ({ mode, value }) or a bare value (an older workflow, an expression). */
function rawParameter(context: IExecuteFunctions, itemIndex: number, name: string): string {
	// Read unextracted, since n8n extracts a Resource Locator's value only at the top level, not inside a collection.
	const value = locatorRawValue(context.getNodeParameter(name, itemIndex, '') as unknown);
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function checkedLanguage(
	context: IExecuteFunctions,
	itemIndex: number,
	{ displayName, use, version }: Pick<LanguageParameter, 'displayName' | 'use' | 'version'>,
	code: string,
	raw: string,
): string {
	const listed = listedLanguages(use, version);
	if (listed.includes(code)) return code;
	const feature = languageFeature(use, code);
	if (feature) assertVersionAccepts(context, itemIndex, version, feature, `${displayName}: ${languageName(code)}`);

	const suggestion = nearestLanguage(code, listed);
	throw inputError(
		context,
		itemIndex,
		`"${displayName}" cannot be ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}` +
			(suggestion ? `; did you mean "${suggestion}" (${languageName(suggestion)})?` : ''),
		`${USE_NAMES[use]} with Cartesia-Version ${version} takes these codes: ${listed.join(', ')}.`,
	);
}

/** A language code (`en`) or a locale: a language with a region (`en-GB`, `es-419`). */
const LANGUAGE_OR_LOCALE = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}))?$/i;

/** What a Language or Locale field sends: `language`, or `locale`, never both (docs/wire-format.md §7.4). */
export interface LanguageOrLocale {
	language?: string;
	locale?: string;
}

/** "en-gb" → "en-GB", "es_419" → "es-419": BCP-47 casing, as Cartesia writes locales. */
function localeTag(language: string, region: string): string {
	return `${language.toLowerCase()}-${region.toUpperCase()}`;
}

/**
 * Text to speech's one field for a language (`en`) or a locale (`en-GB`). A locale is sent as `locale`
 * where the version takes one (2026-08-14), its language checked against the listed codes. An older
 * version has no locale: the item fails, naming the field, the version and the language to use instead,
 * rather than quietly dropping the region.
 */
export function readLanguageOrLocale(
	context: IExecuteFunctions,
	itemIndex: number,
	{ name, displayName, version }: { name: string; displayName: string; version: ApiVersion },
): LanguageOrLocale {
	const raw = rawParameter(context, itemIndex, name);
	const trimmed = raw.trim();
	if (!trimmed) return {};
	const parts = LANGUAGE_OR_LOCALE.exec(trimmed);
	if (!parts || parts[2] === undefined) {
		return { language: checkedLanguage(context, itemIndex, { displayName, use: 'tts', version }, trimmed.toLowerCase(), raw) };
	}
	const language = parts[1].toLowerCase();
	const locale = localeTag(language, parts[2]);
	if (!versionSupports(version, 'ttsLocale')) {
		const listed = listedLanguages('tts', version);
		const suggestion = listed.includes(language) ? language : nearestLanguage(language, listed);
		throw inputError(
			context,
			itemIndex,
			`"${displayName}" cannot be the locale "${locale}" with Cartesia-Version ${version}` +
				(suggestion ? `; did you mean "${suggestion}" (${languageName(suggestion)})?` : ''),
			`Cartesia-Version ${version} takes a language code only; locales with a region are accepted from 2026-08-14. Use the language code, or pick 2026-08-14 in the Cartesia API credential.`,
		);
	}
	checkedLanguage(context, itemIndex, { displayName, use: 'tts', version }, language, raw);
	return { locale };
}

/**
 * Normalization (2026-08-14): `auto` (Cartesia's default), `off`, or a locale whose rules to use
 * (`en-IN`). Empty means "not set"; anything else fails the item.
 */
export function readNormalization(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	version: ApiVersion,
): string | undefined {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (!text) return undefined;
	assertVersionAccepts(context, itemIndex, version, 'ttsNormalization', 'Normalization');
	const lower = text.toLowerCase();
	if (lower === 'auto' || lower === 'off') return lower;
	const parts = LANGUAGE_OR_LOCALE.exec(text);
	if (!parts) {
		throw inputError(
			context,
			itemIndex,
			`"Normalization" cannot be ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`,
			'Use auto, off, or a locale such as en-IN whose reading of numbers, dates and symbols to follow.',
		);
	}
	return parts[2] === undefined ? parts[1].toLowerCase() : localeTag(parts[1], parts[2]);
}
