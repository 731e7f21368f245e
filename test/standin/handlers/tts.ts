/** POST /tts/bytes and POST /tts/sse (docs/wire-format.md §2.5). */
import { randomUUID } from 'node:crypto';

import { type AudioFormat, audioBody, bytesPerSample, CONTENT_TYPES, pcmPieces, planAudio, planSeconds, secondsForText } from '../audio';
import { operation, type RequestContext } from '../context';
import {
	EMBEDDING_LENGTH,
	EXPERIMENTAL_SPEEDS,
	GENERATION_EMOTIONS,
	GENERATION_SPEED,
	GENERATION_VOLUME,
	MODEL_SPEEDS,
	isExperimentalEmotion,
} from '../enums';
import { SseStream } from '../sse';
import { versionSupports } from '../../../nodes/Cartesia/versions';
import { type JsonReader, defined, notAcceptedMessage } from '../validation';
import { TTS_ONLY_2024_11_13, ttsAcceptsEmbeddingVoice, ttsAcceptsExperimentalControls, ttsLanguages } from '../versionFacts';
import { readOutputFormat } from './outputFormat';

interface TtsPlan {
	transcript: string;
	format: AudioFormat;
	seconds: number;
	save: boolean;
	contextId?: string;
	wordTimestamps: boolean;
	phonemeTimestamps: boolean;
	normalizedTimestamps: boolean;
}

/** `__experimental_controls` (3.5) inside `voice`, 2024-11-13 only. */
function readExperimentalControls(ctx: RequestContext, voice: JsonReader): void {
	if (!voice.has('__experimental_controls')) return;
	if (!ttsAcceptsExperimentalControls(ctx.version)) {
		voice.forbid(
			'__experimental_controls',
			`is not accepted by Cartesia-Version ${ctx.version} (experimental voice controls: only ${TTS_ONLY_2024_11_13})`,
		);
		return;
	}
	const controls = voice.child('__experimental_controls');
	if (!controls) return;
	const speed = controls.value('speed');
	if (speed !== undefined) {
		const numeric = typeof speed === 'number' && speed >= -1 && speed <= 1;
		const named = typeof speed === 'string' && (EXPERIMENTAL_SPEEDS as readonly string[]).includes(speed);
		if (!numeric && !named) {
			ctx.problems.add(`${controls.label('speed')} must be a number -1..1 or one of ${EXPERIMENTAL_SPEEDS.join(', ')}; got ${JSON.stringify(speed)}`);
		}
	}
	const emotions = controls.array('emotion');
	for (const [index, emotion] of (emotions ?? []).entries()) {
		if (typeof emotion !== 'string' || !isExperimentalEmotion(emotion)) {
			ctx.problems.add(`field "voice.__experimental_controls.emotion[${index}]" must be an emotion tag like "surprise:high"; got ${JSON.stringify(emotion)}`);
		}
	}
}

/**
 * `voice` from 2026-08-14 (7.1): the bare id, or `{id}`. `mode` is refused: the node must never send it
 * there (whether Cartesia refuses it is unconfirmed, 7.10; the stand-in is strict on purpose).
 */
function readCurrentVoice(ctx: RequestContext, body: JsonReader): string | undefined {
	const raw = body.value('voice', { required: true });
	if (raw === undefined) return undefined;
	if (typeof raw === 'string') {
		if (raw === '') ctx.problems.add(`${body.label('voice')} must not be empty`);
		return raw || undefined;
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		ctx.problems.add(`${body.label('voice')} must be a voice id or an object with "id"; got ${JSON.stringify(raw)}`);
		return undefined;
	}
	const voice = body.child('voice');
	if (!voice) return undefined;
	if (voice.has('mode')) {
		voice.forbid('mode', `is not accepted by Cartesia-Version ${ctx.version}: send the voice id as a string (or {"id": …}); ${notAcceptedMessage('voice.mode', ctx.version, 'ttsVoiceMode')}`);
	}
	voice.forbid('embedding', `is not accepted by Cartesia-Version ${ctx.version} (embeddings are not accepted in this version)`);
	return voice.string('id', { required: true });
}

/** `voice` (2.5): `{mode: 'id', id}` or, in 2024-11-13, `{mode: 'embedding', embedding}`. */
export function readVoice(ctx: RequestContext, body: JsonReader): string | undefined {
	if (!versionSupports(ctx.version, 'ttsVoiceMode')) return readCurrentVoice(ctx, body);
	const rawVoice = body.has('voice') ? body.value('voice') : undefined;
	if (typeof rawVoice === 'string') {
		ctx.problems.add(`${body.label('voice')} must be an object {"mode": "id", "id": …} with Cartesia-Version ${ctx.version}; a bare voice id is accepted from 2026-08-14`);
		return undefined;
	}
	const voice = body.child('voice', { required: true });
	if (!voice) return undefined;
	const mode = voice.enumOf('mode', ['id', 'embedding'] as const, { required: true });
	let id: string | undefined;
	if (mode === 'id') {
		id = voice.string('id', { required: true });
		voice.forbid('embedding', 'is only accepted with mode "embedding"');
	} else if (mode === 'embedding') {
		voice.forbid('id', 'is only accepted with mode "id"');
		if (!ttsAcceptsEmbeddingVoice(ctx.version)) {
			ctx.problems.add(`${voice.label('mode')} value "embedding" is not accepted by Cartesia-Version ${ctx.version} (embedding voices: only ${TTS_ONLY_2024_11_13})`);
			voice.skip('embedding');
		} else {
			const embedding = voice.array('embedding', { required: true });
			if (embedding && (embedding.length !== EMBEDDING_LENGTH || !embedding.every((n) => typeof n === 'number' && Number.isFinite(n)))) {
				ctx.problems.add(`${voice.label('embedding')} must be an array of ${EMBEDDING_LENGTH} numbers; got ${embedding.length} items`);
			}
		}
	} else {
		voice.skip('id');
		voice.skip('embedding');
	}
	readExperimentalControls(ctx, voice);
	return id;
}

/** `en`, or `en-GB` / `es-419` (BCP-47 language-region, as Cartesia writes locales). */
const LOCALE = /^([a-z]{2,3})-([A-Z]{2}|\d{3})$/;

/**
 * `language`, or from 2026-08-14 `locale` (7.4): "a request may set language or locale, never both".
 * A locale's language must be one the version speaks. `normalization` is `auto`, `off` or a locale.
 */
export function readLanguageOrLocale(ctx: RequestContext, body: JsonReader): void {
	const languages = ttsLanguages(ctx.version);
	if (body.has('language') && body.has('locale')) {
		ctx.problems.add('fields "language" and "locale" must not both be sent (a request sets one or the other)');
	}
	body.enumOf('language', languages);
	const locale = body.string('locale', { feature: 'ttsLocale' });
	if (locale !== undefined) {
		const parts = LOCALE.exec(locale);
		const language = parts ? parts[1] : locale;
		if (!languages.includes(language)) {
			ctx.problems.add(`${body.label('locale')} must be a language (${languages.join(', ')}) or such a language with a region, e.g. en-GB; got ${JSON.stringify(locale)}`);
		}
	}
	const normalization = body.string('normalization', { feature: 'ttsNormalization' });
	if (normalization !== undefined && normalization !== 'auto' && normalization !== 'off' && !LOCALE.exec(normalization) && !languages.includes(normalization)) {
		ctx.problems.add(`${body.label('normalization')} must be auto, off or a locale such as en-IN; got ${JSON.stringify(normalization)}`);
	}
}

/** `generation_config` (3.6): volume, speed and emotion; returns the speed (1 when not set). */
export function readGenerationConfig(body: JsonReader): number {
	const generation = body.child('generation_config');
	if (!generation) return 1;
	generation.number('volume', GENERATION_VOLUME);
	const speed = generation.number('speed', GENERATION_SPEED) ?? 1;
	generation.enumOf('emotion', GENERATION_EMOTIONS);
	return speed;
}

function readTts(ctx: RequestContext, sse: boolean): TtsPlan {
	const body = ctx.json();
	body.string('model_id', { required: true });
	const transcript = body.string('transcript', { required: true });
	const voiceId = readVoice(ctx, body);
	const format = readOutputFormat(body.child('output_format', { required: true }), { rawOnly: sse ? 'POST /tts/sse' : undefined });
	readLanguageOrLocale(ctx, body);
	const speedFactor = readGenerationConfig(body);
	const duration = body.number('duration', { min: 0, feature: 'ttsDuration' });
	if (duration === 0) ctx.problems.add(`${body.label('duration')} must be greater than 0`);
	body.enumOf('speed', MODEL_SPEEDS);
	const pronunciationDictId = body.string('pronunciation_dict_id', { feature: 'pronunciationDicts' });
	const save = sse ? undefined : body.boolean('save', { feature: 'ttsSave' });
	const sseOptions = sse
		? {
				wordTimestamps: body.boolean('add_timestamps') ?? false,
				phonemeTimestamps: body.boolean('add_phoneme_timestamps') ?? false,
				normalizedTimestamps: body.boolean('use_normalized_timestamps') ?? false,
				contextId: body.string('context_id'),
			}
		: { wordTimestamps: false, phonemeTimestamps: false, normalizedTimestamps: false };
	ctx.settle();
	// Like an unknown voice in the body, an unknown dictionary is a 400 (Cartesia's status is unconfirmed, §2.15).
	if (pronunciationDictId !== undefined && !ctx.state.dictionaries.get(pronunciationDictId)) {
		ctx.invalid(`field "pronunciation_dict_id": no pronunciation dictionary with id "${pronunciationDictId}"`);
	}
	if (voiceId !== undefined && !ctx.state.store.get(voiceId)) ctx.invalid(`field "voice${versionSupports(ctx.version, 'ttsVoiceMode') ? '.id' : ''}": no voice with id "${voiceId}"`);
	const text = defined(transcript);
	const natural = secondsForText(text) / speedFactor;
	return {
		transcript: text,
		format: defined(format),
		seconds: duration === undefined ? natural : Math.min(natural, duration),
		save: save ?? false,
		...sseOptions,
	};
}

export const ttsBytes = operation<TtsPlan>({
	auth: { grant: 'tts' },
	body: 'json',
	validate: (ctx) => readTts(ctx, false),
	async respond(ctx, plan) {
		const audio = planAudio(plan.format, plan.transcript, plan.seconds, ctx.state.generatedAudioBytes);
		ctx.audioSeconds = planSeconds(audio);
		const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[plan.format.container] };
		if (plan.save) headers['cartesia-file-id'] = `file_${randomUUID()}`;
		await ctx.writer.head(200, headers);
		const speed = ctx.state.generationSpeed;
		const pacingMs = ctx.state.bodyPacingMs || (speed ? (planSeconds(audio) / speed) * 1000 : 0);
		const started = performance.now();
		let sent = 0;
		for (const chunk of audioBody(audio)) {
			await ctx.writer.write(chunk);
			sent += chunk.length;
			// Paced: each chunk leaves when its share of the pacing time has passed.
			if (pacingMs > 0) await ctx.writer.pause(started + (pacingMs * Math.min(1, sent / Math.max(1, audio.audioBytes))) - performance.now());
		}
		await ctx.writer.end();
	},
});

/** PCM bytes per SSE chunk event: a few KB. */
export const SSE_CHUNK_BYTES = 4096;

export interface TimedWord {
	word: string;
	start: number;
	end: number;
}

export function timedWords(text: string, seconds: number, normalized: boolean): TimedWord[] {
	const words = text.split(/\s+/).filter(Boolean).map((word) => (normalized ? word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '') : word)).filter(Boolean);
	const step = words.length > 0 ? seconds / words.length : 0;
	const round = (value: number): number => Math.round(value * 1000) / 1000;
	return words.map((word, index) => ({ word, start: round(index * step), end: round((index + 1) * step) }));
}

/**
 * Raw PCM pieces carrying the transcript as a payload marker over the first samples (so a saved
 * stream round-trips), and nothing after the samples: the stream's audio is exactly its duration.
 */
export function ssePieces(format: AudioFormat, audioBytes: number, text: string): Generator<Buffer> {
	return pcmPieces(format.encoding ?? 'pcm_s16le', format.sampleRate, audioBytes, SSE_CHUNK_BYTES, text);
}

export const ttsSse = operation<TtsPlan>({
	auth: { grant: 'tts' },
	body: 'json',
	sse: true,
	validate: (ctx) => readTts(ctx, true),
	async respond(ctx, plan) {
		const audio = planAudio(plan.format, plan.transcript, plan.seconds, ctx.state.generatedAudioBytes);
		ctx.audioSeconds = planSeconds(audio);
		const contextId = plan.contextId;
		const withContext = (event: Record<string, unknown>): Record<string, unknown> =>
			contextId === undefined ? event : { ...event, context_id: contextId };
		const stream = new SseStream(ctx.writer, ctx.version, ctx.sseFault, contextId);
		await stream.open();
		const bytesPerSecond = bytesPerSample(plan.format.encoding ?? 'pcm_s16le') * plan.format.sampleRate;
		const words = timedWords(plan.transcript, audio.audioBytes / bytesPerSecond, plan.normalizedTimestamps);
		let sentBytes = 0;
		let nextWord = 0;
		let index = 0;
		const sendTimestamps = async (until: number): Promise<void> => {
			const due: TimedWord[] = [];
			while (nextWord < words.length && words[nextWord].start < until) due.push(words[nextWord++]);
			if (due.length === 0) return;
			if (plan.wordTimestamps) {
				await stream.event(withContext({
					type: 'timestamps',
					done: false,
					status_code: 206,
					word_timestamps: { words: due.map((w) => w.word), start: due.map((w) => w.start), end: due.map((w) => w.end) },
				}));
			}
			if (plan.phonemeTimestamps) {
				const phonemes = due.flatMap((w) => {
					const letters = [...w.word.toLowerCase()].filter((c) => /\p{L}/u.test(c));
					const step = letters.length > 0 ? (w.end - w.start) / letters.length : 0;
					return letters.map((phoneme, i) => ({ phoneme, start: w.start + i * step, end: w.start + (i + 1) * step }));
				});
				const round = (value: number): number => Math.round(value * 1000) / 1000;
				await stream.event(withContext({
					type: 'phoneme_timestamps',
					done: false,
					status_code: 206,
					phoneme_timestamps: {
						phonemes: phonemes.map((p) => p.phoneme),
						start: phonemes.map((p) => round(p.start)),
						end: phonemes.map((p) => round(p.end)),
					},
				}));
			}
		};
		for (const piece of ssePieces(plan.format, audio.audioBytes, plan.transcript)) {
			await stream.event(withContext({
				type: 'chunk',
				data: piece.toString('base64'),
				done: false,
				status_code: 206,
				step_time: 8 + (index++ % 5) * 1.5,
			}));
			sentBytes += piece.length;
			await sendTimestamps(sentBytes / bytesPerSecond);
		}
		await sendTimestamps(Number.POSITIVE_INFINITY);
		await stream.done(withContext({ type: 'done', done: true, status_code: 200 }));
	},
});
