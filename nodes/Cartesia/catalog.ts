/**
 * What Cartesia offers, as plain values: containers, encodings, sample rates, models, emotions and
 * the shape of `output_format` (docs/wire-format.md §3). The bottom layer: descriptions, helpers and
 * operations read it; it imports nothing of the node.
 */

export const CONTAINERS = ['raw', 'wav', 'mp3'] as const;
export type Container = (typeof CONTAINERS)[number];

export const RAW_ENCODINGS = ['pcm_s16le', 'pcm_f32le', 'pcm_mulaw', 'pcm_alaw'] as const;
export type RawEncoding = (typeof RAW_ENCODINGS)[number];

/** `output_format` as Cartesia takes it (docs/wire-format.md §3.1). */
export interface OutputFormat {
	container: Container;
	encoding?: RawEncoding;
	sample_rate: number;
	bit_rate?: number;
}

export const SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000] as const;
export const MP3_BIT_RATES = [32000, 64000, 96000, 128000, 192000] as const;

/** 2.4: encodings /stt accepts for headerless PCM (a wider set than TTS produces). */
export const STT_ENCODINGS = ['pcm_s16le', 'pcm_s32le', 'pcm_f16le', 'pcm_f32le', 'pcm_mulaw', 'pcm_alaw'] as const;

/** 3.2: TTS models. `sonic-3` is the default; snapshots pin a release. */
export const TTS_MODELS = [
	{ value: 'sonic-3', name: 'Sonic 3' },
	{ value: 'sonic-3.5', name: 'Sonic 3.5' },
	{ value: 'sonic-latest', name: 'Sonic Latest (Alias)' },
	{ value: 'sonic-3.5-2026-05-04', name: 'Sonic 3.5 (2026-05-04 Snapshot)' },
	{ value: 'sonic-3-2026-01-12', name: 'Sonic 3 (2026-01-12 Snapshot)' },
	{ value: 'sonic-3-2025-10-27', name: 'Sonic 3 (2025-10-27 Snapshot)' },
	{ value: 'sonic-2', name: 'Sonic 2 (Fewer Languages)' },
	{ value: 'sonic-turbo', name: 'Sonic Turbo (Fewer Languages)' },
];

/** 3.2: infill models (2024-11-13 documents sonic-2; the 2025-11-04 OAS lists the sonic-3 family). */
export const INFILL_MODELS = [
	{ value: 'sonic-3', name: 'Sonic 3' },
	{ value: 'sonic-3-2026-01-12', name: 'Sonic 3 (2026-01-12 Snapshot)' },
	{ value: 'sonic-3-2025-10-27', name: 'Sonic 3 (2025-10-27 Snapshot)' },
	{ value: 'sonic-2', name: 'Sonic 2' },
];

export const STT_MODELS = [
	{ value: 'ink-whisper', name: 'Ink Whisper' },
	{ value: 'ink-whisper-2025-06-04', name: 'Ink Whisper (2025-06-04 Snapshot)' },
];

/** 3.6: `generation_config.emotion` values. */
export const GENERATION_EMOTIONS = [
	'neutral', 'happy', 'excited', 'enthusiastic', 'elated', 'euphoric', 'triumphant', 'amazed', 'surprised',
	'flirtatious', 'curious', 'content', 'peaceful', 'serene', 'calm', 'grateful', 'affectionate', 'trust',
	'sympathetic', 'anticipation', 'mysterious', 'angry', 'mad', 'outraged', 'frustrated', 'agitated',
	'threatened', 'disgusted', 'contempt', 'envious', 'sarcastic', 'ironic', 'sad', 'dejected', 'melancholic',
	'disappointed', 'hurt', 'guilty', 'bored', 'tired', 'rejected', 'nostalgic', 'wistful', 'apologetic',
	'hesitant', 'insecure', 'confused', 'resigned', 'anxious', 'panicked', 'alarmed', 'scared', 'proud',
	'confident', 'distant', 'skeptical', 'contemplative', 'determined',
] as const;

/** 3.6: the emotions Cartesia says work best. */
export const PRIMARY_EMOTIONS = ['neutral', 'angry', 'excited', 'content', 'sad', 'scared'];

export const GENERATION_VOLUME = { min: 0.5, max: 2 };
export const GENERATION_SPEED = { min: 0.6, max: 1.5 };

/** 3.5: the deprecated top-level TTS speed. */
export const LEGACY_SPEEDS = ['slow', 'normal', 'fast'] as const;

/** 3.5: infill's experimental controls (2024-11-13, sonic-2-2025-03-07 and older). */
export const EXPERIMENTAL_SPEEDS = ['slowest', 'slow', 'normal', 'fast', 'fastest'] as const;
export const EXPERIMENTAL_EMOTIONS = ['anger', 'positivity', 'surprise', 'sadness', 'curiosity'] as const;
export const EXPERIMENTAL_EMOTION_LEVELS = ['lowest', 'low', 'high', 'highest'] as const;
export const EXPERIMENTAL_EMOTION_TAGS: string[] = EXPERIMENTAL_EMOTIONS.flatMap((emotion) => [
	emotion,
	...EXPERIMENTAL_EMOTION_LEVELS.map((level) => `${emotion}:${level}`),
]);

export function capitalize(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}
