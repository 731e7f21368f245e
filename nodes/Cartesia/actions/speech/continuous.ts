import { randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { bytesPerSample } from '../../helpers/audio';
import { readAudioOutputSettings, storeAudioStream, type AudioSent, type StreamedResult } from '../../helpers/audioOutput';
import { AudioPartSpool, joinedAudio, paragraphPause, pausesAfterParagraphs, type Base64PartWriter } from '../../helpers/audioParts';
import { shiftTimestamps } from '../../helpers/partTimestamps';
import { addTimestamps, type StreamedTimings, type TimedPhoneme } from '../../helpers/streamedAudio';
import type { TimedWord } from '../../helpers/subtitles';
import type { TextPart } from '../../helpers/textParts';
import { isDroppedConnection, type CartesiaClient, type TtsConnection, type TtsFrame } from '../../transport';
import { asNodeError } from './parallelParts';

/** Inputs sent ahead of the one being spoken: enough to keep Cartesia busy, few to resend after a drop. */
const INPUTS_AHEAD = 2;

/** Which timestamps to ask for (none for Generate), and what the operation makes of them (captions, say). */
export interface TimestampRequest {
	words: boolean;
	phonemes: boolean;
	normalized?: boolean;
	result: (timings: StreamedTimings) => Promise<StreamedResult>;
	/** The JSON keys the result owns, even when this run leaves them out. */
	resultKeys: readonly string[];
}

export interface ContinuousNarration {
	/** The request body of `/tts/bytes` (docs/wire-format.md §2.5): model, voice, language, settings. */
	body: IDataObject;
	/** The file to store: WAV or raw, PCM in `encoding` at `sample_rate`. */
	format: OutputFormat;
	sent: AudioSent;
	parts: TextPart[];
	pauseSeconds: number;
	timestamps?: TimestampRequest;
}

/** One input's audio on its way to the spool, and the timestamps that came with it. */
class InputAudio {
	readonly words: TimedWord[] = [];
	readonly phonemes: TimedPhoneme[] = [];

	private constructor(private readonly writer: Base64PartWriter) {}

	static async open(spool: AudioPartSpool, index: number): Promise<InputAudio> {
		return new InputAudio(await spool.base64Writer(index));
	}

	/** One chunk frame's `data`: base64 PCM, decoded straight onto the part's file; a promise only when that had to wait for the disk. */
	add(base64: string): Promise<void> | undefined {
		return this.writer.add(base64);
	}

	async finish(): Promise<void> {
		await this.writer.finish();
	}

	/**
	 * Drops what arrived of an input the connection lost; the spool file is rewritten when it is spoken
	 * again.
	 */
	async discard(): Promise<void> {
		await this.writer.discard();
	}
}

/**
 * Long text as one continuous narration over Cartesia's TTS WebSocket (docs/wire-format.md §8): the
 * parts go as inputs of one context (`continue: true`, the last `continue: false`), each followed by
 * a flush, so `flush_done` says which inputs are complete. Their PCM waits on disk and is stored as one
 * WAV (sizes known at the end) or raw file, with the paragraph pause as silence between paragraphs.
 *
 * A dropped or stalled connection is reopened (up to Max Retries) and the text is taken up again from
 * the first incomplete input in a new context, that input's partial audio dropped; the output says how
 * many times (`reconnects`). Anything else (an error frame, a refusal, a cancel) fails the item, and
 * nothing half-joined is stored; the temporary files go on success, failure and cancel alike.
 */
export async function generateContinuously(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	{ body, format, sent, parts, pauseSeconds, timestamps }: ContinuousNarration,
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const encoding = format.encoding ?? 'pcm_s16le';
	const bytesPerSecond = bytesPerSample(encoding) * format.sample_rate;
	// Every input repeats the whole request but its transcript (Cartesia: a context's inputs keep their settings).
	const request = {
		...body,
		// The WebSocket speaks raw PCM only; a WAV header is written here, once, for the whole.
		output_format: { container: 'raw', encoding, sample_rate: format.sample_rate },
		add_timestamps: timestamps?.words || undefined,
		add_phoneme_timestamps: timestamps?.phonemes || undefined,
		use_normalized_timestamps: timestamps ? timestamps.normalized : undefined,
	};
	const words: TimedWord[] = [];
	const phonemes: TimedPhoneme[] = [];
	/** The first input not yet complete; bytes of the file before it (its inputs and pauses). */
	const progress = { next: 0, joinedBytes: 0 };
	let reconnects = 0;
	const spool = await AudioPartSpool.create('pcm');
	// PCM silence: the WebSocket never speaks MP3, so the pause needs no part's frame header.
	const pause = await paragraphPause(spool, format, { pauseSeconds, partCount: parts.length });
	const pauseAfter = pausesAfterParagraphs(parts, pause);
	try {
		while (progress.next < parts.length) {
			const connection = await client.openTtsWebSocket();
			try {
				await narrateContext(connection, `narration-${randomUUID()}`);
				connection.close('done');
			} catch (error) {
				connection.close('failed');
				if (isDroppedConnection(error) && reconnects < client.maxReconnects) {
					reconnects++;
					continue;
				}
				throw asNodeError(client, error);
			}
		}
		const extra = timestamps ? await timestamps.result({ words, phonemes }) : { json: {} };
		const item = await storeAudioStream(context, itemIndex, settings, {
			data: joinedAudio(spool, parts, format, pause),
			format,
			defaultFileName: 'speech',
			sent,
			extraJson: { ...extra.json, parts: parts.length, mode: 'continuous', reconnects },
			extraBinary: extra.binary,
			resultKeys: timestamps?.resultKeys,
		});
		return [item];
	} catch (error) {
		throw asNodeError(client, error);
	} finally {
		await spool.remove();
	}

	/** Speaks the inputs from `progress.next` on one new context, moving `progress` as each completes. */
	async function narrateContext(connection: TtsConnection, contextId: string): Promise<void> {
		const last = parts.length - 1;
		let toSend = progress.next;
		const sendInput = () => {
			const index = toSend++;
			const continues = index < last;
			connection.send({ ...request, context_id: contextId, transcript: parts[index].text, continue: continues });
			// The last input ends the context, and `done` says it is complete.
			if (continues) connection.send({ ...request, context_id: contextId, transcript: '', continue: true, flush: true });
		};
		while (toSend <= last && toSend - progress.next <= INPUTS_AHEAD) sendInput();
		/** Seconds of audio this context sent before the current input (Cartesia's timestamps may run from here). */
		let contextSeconds = 0;
		let input = await InputAudio.open(spool, progress.next);
		try {
			for (;;) {
				// Most frames are already waiting: taken, and their audio decoded, without a promise each.
				const frame: TtsFrame = connection.take() ?? (await connection.receive());
				if (frame.context_id !== undefined && frame.context_id !== contextId) continue;
				if (frame.type === 'chunk' && typeof frame.data === 'string') {
					const writing = input.add(frame.data);
					if (writing) await writing;
				} else if (frame.type === 'timestamps' || frame.type === 'phoneme_timestamps') {
					addTimestamps(frame, input);
				} else if (frame.type === 'flush_done' || frame.type === 'done') {
					if (frame.type === 'done' && progress.next !== last) {
						throw new NodeApiError(context.getNode(), { message: 'Cartesia ended the narration before its last part' }, { message: `Cartesia ended the narration after part ${progress.next} of ${parts.length}; the audio would be incomplete` });
					}
					await input.finish();
					contextSeconds = completeInput(input, contextSeconds);
					if (frame.type === 'done') return;
					input = await InputAudio.open(spool, progress.next);
					if (toSend <= last) sendInput();
				}
			}
		} catch (error) {
			await input.discard();
			throw asNodeError(client, error);
		}
	}

	/**
	 * Puts a complete input's timestamps on the file's time line and moves past it. Whether Cartesia's
	 * timestamps restart at 0 for each input or run from the start of the context is not documented
	 * (docs/wire-format.md §8.5): an input whose first word starts well before the audio the context had
	 * already sent must have restarted; either way the input's own times are then moved by the PCM
	 * actually joined before it.
	 */
	function completeInput(input: InputAudio, contextSeconds: number): number {
		const index = progress.next;
		const inputSeconds = spool.sizeOf(index) / bytesPerSecond;
		const firstStart = input.words[0]?.start ?? input.phonemes[0]?.start;
		const restarted = contextSeconds > 0 && firstStart !== undefined && firstStart < contextSeconds - Math.min(0.25, contextSeconds / 2);
		const shift = progress.joinedBytes / bytesPerSecond - (restarted ? 0 : contextSeconds);
		words.push(...shiftTimestamps(input.words, shift));
		phonemes.push(...shiftTimestamps(input.phonemes, shift));
		progress.joinedBytes += spool.sizeOf(index) + (pauseAfter(index)?.length ?? 0);
		progress.next++;
		return contextSeconds + inputSeconds;
	}
}
