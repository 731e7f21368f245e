import type { IExecuteFunctions } from 'n8n-workflow';

import { languageFeature, languageName, listedLanguages, nearestLanguage, type LanguageUse } from '../languages';
import type { ApiVersion } from '../versions';
import { assertVersionAccepts, inputError } from './validation';

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
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const raw = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	const code = raw.trim().toLowerCase();
	if (!code) {
		if (!required) return undefined;
		throw inputError(context, itemIndex, `"${displayName}" is empty`, `Choose a language for "${displayName}".`);
	}
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
