/**
 * Per-version facts of docs/wire-format.md that only the stand-in needs (response shapes, mostly), so
 * nodes/Cartesia/versions.ts does not carry them. Everything a request may or may not contain is
 * decided by versions.ts; these only say what the stand-in answers, plus two request rules that
 * versions.ts has no entry for (marked below).
 */
import { API_VERSIONS, type ApiVersion, versionSupports } from '../../nodes/Cartesia/versions';
import { TTS_2026_LANGUAGES, TTS_LANGUAGES } from './enums';

export function atLeast(version: ApiVersion, from: ApiVersion): boolean {
	return API_VERSIONS.indexOf(version) >= API_VERSIONS.indexOf(from);
}

/** 2.7: Voice objects gain `is_public` and `gender` with 2025-04-16. */
export const voiceHasPublicAndGender = (version: ApiVersion): boolean => atLeast(version, '2025-04-16');

/** 7.5: Voice objects say `access` / `visibility` (and `tagline`, `accent` as a catalog ID, `locales`) from 2026-08-14. */
export const voiceHasAccessAndVisibility = (version: ApiVersion): boolean => versionSupports(version, 'voiceAccess');

/** 7.3: Voice objects carry the accent's display name on 2025-11-04 and 2026-03-01 (JS3 `Voice.accent`). */
export const voiceHasAccentName = (version: ApiVersion): boolean => versionSupports(version, 'accentDisplayName');

/** 2.5: SSE error events carry `title/message/error_code/request_id` from 2025-11-04 (before: `error`). */
export const sseErrorIsStructured = (version: ApiVersion): boolean => atLeast(version, '2025-11-04');

/** 2.6: voice-changer SSE chunk/done events have no `type` field from 2025-11-04. */
export const voiceChangerSseUntyped = (version: ApiVersion): boolean => atLeast(version, '2025-11-04');

/** 2.4: the STT response adds `type`, `request_id`, `is_final` with 2025-11-04. */
export const sttResponseIsTyped = (version: ApiVersion): boolean => atLeast(version, '2025-11-04');

/**
 * Request rules versions.ts has no entry for (2.5): TTS `voice.mode = "embedding"` and the voice's
 * `__experimental_controls` exist only in the 2024-11-13 definition.
 */
export const TTS_ONLY_2024_11_13 = '2024-11-13' as const;
export const ttsAcceptsEmbeddingVoice = (version: ApiVersion): boolean => version === TTS_ONLY_2024_11_13;
export const ttsAcceptsExperimentalControls = (version: ApiVersion): boolean => version === TTS_ONLY_2024_11_13;

/** The TTS, Clone and Infill languages this version takes (3.3, 7.9). */
export function ttsLanguages(version: ApiVersion): readonly string[] {
	return versionSupports(version, 'ttsLanguages2026') ? [...TTS_LANGUAGES, ...TTS_2026_LANGUAGES] : TTS_LANGUAGES;
}
