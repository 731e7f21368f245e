/** Enumerations from docs/wire-format.md §3. */

// 3.1
export const CONTAINERS = ['raw', 'wav', 'mp3'] as const;
export type Container = (typeof CONTAINERS)[number];
export const RAW_ENCODINGS = ['pcm_f32le', 'pcm_s16le', 'pcm_mulaw', 'pcm_alaw'] as const;
export type RawEncoding = (typeof RAW_ENCODINGS)[number];
export const SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000] as const;
export const MP3_BIT_RATES = [32000, 64000, 96000, 128000, 192000] as const;

// 2.4: encodings STT accepts in its query string (wider than the TTS output encodings).
export const STT_ENCODINGS = ['pcm_s16le', 'pcm_s32le', 'pcm_f16le', 'pcm_f32le', 'pcm_mulaw', 'pcm_alaw'] as const;
export type SttEncoding = (typeof STT_ENCODINGS)[number];
export const STT_MODELS = ['ink-whisper', 'ink-whisper-2025-06-04'] as const;
export const TIMESTAMP_GRANULARITIES = ['word'] as const;

// 3.3: the 15 of 2024-11-13 plus the sonic-3 additions. Languages depend on the model, not the
// Cartesia-Version, so the stand-in accepts the 42 on every version.
export const TTS_LANGUAGES = [
	'en', 'fr', 'de', 'es', 'pt', 'zh', 'ja', 'hi', 'it', 'ko', 'nl', 'pl', 'ru', 'sv', 'tr',
	'tl', 'bg', 'ro', 'ar', 'cs', 'el', 'fi', 'hr', 'ms', 'sk', 'da', 'ta', 'uk', 'hu', 'no', 'vi', 'bn',
	'th', 'he', 'ka', 'id', 'te', 'gu', 'kn', 'ml', 'mr', 'pa',
] as const;
/** 7.9: Odia and Urdu, which versions.ts gates with `ttsLanguages2026` (TTS, Clone and Infill). */
export const TTS_2026_LANGUAGES = ['or', 'ur'] as const;

// 3.4
export const STT_LANGUAGES = (
	'en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg lt ' +
	'la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af oc ' +
	'ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su yue'
).split(' ');

// 3.5
export const EXPERIMENTAL_SPEEDS = ['slowest', 'slow', 'normal', 'fast', 'fastest'] as const;
export const EXPERIMENTAL_EMOTIONS = ['anger', 'positivity', 'surprise', 'sadness', 'curiosity'] as const;
export const EXPERIMENTAL_EMOTION_LEVELS = ['lowest', 'low', 'high', 'highest'] as const;
export const MODEL_SPEEDS = ['slow', 'normal', 'fast'] as const;

export function isExperimentalEmotion(value: string): boolean {
	const [emotion, level, ...rest] = value.split(':');
	if (rest.length > 0) return false;
	if (!(EXPERIMENTAL_EMOTIONS as readonly string[]).includes(emotion)) return false;
	return level === undefined || (EXPERIMENTAL_EMOTION_LEVELS as readonly string[]).includes(level);
}

// 3.6
export const GENERATION_EMOTIONS = (
	'neutral happy excited enthusiastic elated euphoric triumphant amazed surprised flirtatious curious content ' +
	'peaceful serene calm grateful affectionate trust sympathetic anticipation mysterious angry mad outraged ' +
	'frustrated agitated threatened disgusted contempt envious sarcastic ironic sad dejected melancholic ' +
	'disappointed hurt guilty bored tired rejected nostalgic wistful apologetic hesitant insecure confused ' +
	'resigned anxious panicked alarmed scared proud confident distant skeptical contemplative determined'
).split(' ');
export const GENERATION_VOLUME = { min: 0.5, max: 2 };
export const GENERATION_SPEED = { min: 0.6, max: 1.5 };

// 3.7
export const LOCALIZE_BASE_LANGUAGES = [
	'en', 'de', 'es', 'fr', 'ja', 'pt', 'zh', 'hi', 'it', 'ko', 'nl', 'pl', 'ru', 'sv', 'tr',
] as const;
/** Targets that versions.ts gates with `localizeExtraLanguages`. */
export const LOCALIZE_EXTRA_LANGUAGES = ['ar', 'he', 'ta', 'te', 'th'] as const;
export const LOCALIZE_DIALECTS: Record<string, readonly string[]> = {
	en: ['au', 'in', 'so', 'uk', 'us'],
	es: ['mx', 'pe'],
	pt: ['br', 'eu'],
	fr: ['eu', 'ca'],
};
export const SPEAKER_GENDERS = ['male', 'female'] as const;
export const GENDER_PRESENTATIONS = ['masculine', 'feminine', 'gender_neutral'] as const;
export const CLONE_MODES = ['similarity', 'stability'] as const;

export const EMBEDDING_LENGTH = 192;
