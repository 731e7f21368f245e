import type { ApiVersion } from '../versions';
import { versionSupports } from '../versions';

/**
 * The `voice` of a text-to-speech request, as each version's SDK sends it (docs/wire-format.md §2.5,
 * §7.1): `{ mode: "id", id }` up to 2026-03-01; the bare ID from 2026-08-14, never with `mode`.
 * Every text-to-speech request builds its voice here: `/tts/bytes`, `/tts/sse`, and the WebSocket's
 * generation requests when narration adds it. Infill (`voice_id`) and Voice Changer (`voice[id]`) keep
 * their own shapes on every version.
 */
export function ttsVoice(version: ApiVersion, voiceId: string): string | { mode: 'id'; id: string } {
	return versionSupports(version, 'ttsVoiceMode') ? { mode: 'id', id: voiceId } : voiceId;
}

/** The voice ID of a `voice` built by `ttsVoice`, whichever shape the version took. */
export function ttsVoiceId(voice: unknown): string {
	return typeof voice === 'string' ? voice : String((voice as { id?: unknown } | undefined)?.id ?? '');
}
