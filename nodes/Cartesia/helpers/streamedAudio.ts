import type { TimedWord } from './subtitles';

export interface TimedPhoneme {
	phoneme: string;
	start: number;
	end: number;
}

/** What an SSE stream carries besides audio. */
export interface StreamedTimings {
	words: TimedWord[];
	phonemes: TimedPhoneme[];
	contextId?: string;
}

export interface StreamedAudio extends StreamedTimings {
	/** The audio chunks, decoded and joined. */
	pcm: Buffer;
}

/** Parallel arrays `{ words|phonemes, start, end }` (docs/wire-format.md §2.5) zipped into objects. */
function zipTimestamps(value: unknown, key: 'words' | 'phonemes'): Array<{ text: string; start: number; end: number }> {
	if (!value || typeof value !== 'object') return [];
	const { start, end } = value as { start?: unknown; end?: unknown };
	const texts = (value as Record<string, unknown>)[key];
	if (!Array.isArray(texts) || !Array.isArray(start) || !Array.isArray(end)) return [];
	return texts.map((text, index) => ({ text: String(text), start: Number(start[index]), end: Number(end[index]) }));
}

/**
 * Adds the word and phoneme timestamps a message carries (an SSE event, a WebSocket frame: both name
 * them `word_timestamps` and `phoneme_timestamps`) to `timings`.
 */
export function addTimestamps(message: Record<string, unknown>, timings: Pick<StreamedTimings, 'words' | 'phonemes'>): void {
	for (const { text, start, end } of zipTimestamps(message.word_timestamps, 'words')) timings.words.push({ word: text, start, end });
	for (const { text, start, end } of zipTimestamps(message.phoneme_timestamps, 'phonemes')) timings.phonemes.push({ phoneme: text, start, end });
}

/**
 * The audio of an SSE stream, chunk by chunk as it arrives, its timestamps gathered into `timings`.
 * TTS events carry `type`; voice-changer events of 2025-11-04 do not (docs/wire-format.md §2.6), so
 * events are recognised by their fields. Error and done events never reach here: the transport ends
 * or fails the stream on them.
 */
export async function* streamedAudioChunks(events: AsyncIterable<Record<string, unknown>>, timings: StreamedTimings): AsyncGenerator<Buffer> {
	for await (const event of events) {
		if (typeof event.context_id === 'string') timings.contextId = event.context_id;
		addTimestamps(event, timings);
		if (typeof event.data === 'string' && event.data) yield Buffer.from(event.data, 'base64');
	}
}

/** Joins the audio of an SSE stream and gathers its timestamps. */
export async function collectStreamedAudio(events: AsyncIterable<Record<string, unknown>>): Promise<StreamedAudio> {
	const timings: StreamedTimings = { words: [], phonemes: [] };
	const chunks: Buffer[] = [];
	for await (const chunk of streamedAudioChunks(events, timings)) chunks.push(chunk);
	return { pcm: Buffer.concat(chunks), ...timings };
}
