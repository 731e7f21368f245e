import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { silence, wavHeader } from '../../helpers/audio';
import { silentMp3Frames } from '../../helpers/mp3Frames';
import { countCharacters, readAudioOutputSettings, storeAudioStream, type AudioSent } from '../../helpers/audioOutput';
import { AudioPartSpool } from '../../helpers/audioParts';
import { mapInOrder } from '../../helpers/mapInOrder';
import { BYTES_PART_CHARACTERS, splitByParagraph, splitText, type TextPart } from '../../helpers/textParts';
import { inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';

/** The longest pause between paragraphs: a narration's breath, not a gap. */
const MAX_PARAGRAPH_PAUSE_SECONDS = 10;

/** How Generate and Generate With Timestamps treat a long transcript. */
export const longTextProperty: INodeProperties = {
	displayName: 'Long Text Settings',
	name: 'longText',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: [
		{
			displayName: 'Paragraph Pause (Seconds)',
			name: 'paragraphPause',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_PARAGRAPH_PAUSE_SECONDS, numberPrecision: 2 },
			default: 0,
			description:
				'Silence to put between paragraphs (separated by a blank line); each paragraph is then generated as a part of its own. In MP3 the pause is whole silent frames, so it is rounded to a frame (26 ms at 44.1 kHz, up to 72 ms at 8 kHz).',
		},
	],
};

interface LongTextSettings {
	paragraphPause?: number;
}

/** Whether the transcript goes in parts; reads and checks the Long Text Settings. */
export function readLongText(
	context: IExecuteFunctions,
	itemIndex: number,
	transcript: string,
): { parts: TextPart[]; pauseSeconds: number } | undefined {
	const settings = context.getNodeParameter('longText', itemIndex, {}) as LongTextSettings;
	const pauseSeconds = settings.paragraphPause ?? 0;
	if (typeof pauseSeconds !== 'number' || !(pauseSeconds >= 0 && pauseSeconds <= MAX_PARAGRAPH_PAUSE_SECONDS)) {
		throw inputError(context, itemIndex, `"Paragraph Pause (Seconds)" must be from 0 to ${MAX_PARAGRAPH_PAUSE_SECONDS}, not ${String(pauseSeconds)}`);
	}
	if (pauseSeconds > 0) {
		const parts = splitByParagraph(transcript);
		return parts.length > 1 ? { parts, pauseSeconds } : undefined;
	}
	if (countCharacters(transcript) <= BYTES_PART_CHARACTERS) return undefined;
	return { parts: splitText(transcript).map((text) => ({ text, endsParagraph: false })), pauseSeconds: 0 };
}

/** n8n's own errors as they are (a refusal, a cancel, a bad setting); anything else is a broken connection. */
export function asNodeError(client: CartesiaClient, error: unknown) {
	return error instanceof NodeOperationError ? error : client.streamError(error);
}

/** What a part's request runs with: a client its siblings' failure stops, and the way to fail. */
export interface PartRun {
	client: CartesiaClient;
	/**
	 * Stops the other parts and returns the error to throw. Call it where the request's error is first
	 * caught: the slot it frees must not start a queued part before the stop.
	 */
	fail(error: unknown): Error;
}

/**
 * Runs one request per part, side by side under the execution's concurrency limit, and returns their
 * results by part. The first part to fail stops the others, queued or in flight (their audio would be
 * thrown away), and its error is the one thrown.
 */
export async function runParts<T>(client: CartesiaClient, count: number, work: (index: number, run: PartRun) => Promise<T>): Promise<T[]> {
	const stopParts = new AbortController();
	const partsClient = client.withSignal(stopParts.signal);
	let failure: Error | undefined;
	const run: PartRun = {
		client: partsClient,
		fail(error) {
			const nodeError = asNodeError(partsClient, error);
			// Only the first failure is the item's; the others are the stop it caused.
			if (!stopParts.signal.aborted) {
				failure = nodeError;
				stopParts.abort();
			}
			return nodeError;
		},
	};
	try {
		return await mapInOrder(count, Math.min(count, client.parallelRequests), async (index) => {
			try {
				return await work(index, run);
			} catch (error) {
				throw run.fail(error);
			}
		});
	} catch (error) {
		throw asNodeError(client, failure ?? error);
	}
}

/** The silence between paragraphs in the output's encoding: PCM samples, or MPEG frames like the parts'. */
export async function paragraphPause(
	spool: AudioPartSpool,
	format: OutputFormat,
	{ pauseSeconds, partCount }: { pauseSeconds: number; partCount: number },
): Promise<Buffer | undefined> {
	if (!(pauseSeconds > 0)) return undefined;
	if (format.container !== 'mp3') return silence(format.encoding ?? 'pcm_s16le', format.sample_rate, pauseSeconds);
	// Built from the first frame Cartesia sent, so sample rate, bit rate and mode match the parts'.
	for (let index = 0; index < partCount; index++) {
		const frames = silentMp3Frames(await spool.firstBytes(index, 4), pauseSeconds);
		if (frames) return frames;
	}
	return undefined;
}

/** Where each part starts in the joined audio, in bytes of kept audio, and the total. */
export function partLayout(spool: AudioPartSpool, parts: TextPart[], pause: Buffer | undefined) {
	const pauseAfter = (index: number) => (pause && parts[index].endsParagraph && index < parts.length - 1 ? pause : undefined);
	const starts: number[] = [];
	let offset = 0;
	for (const [index] of parts.entries()) {
		starts.push(offset);
		offset += spool.sizeOf(index) + (pauseAfter(index)?.length ?? 0);
	}
	return { pauseAfter, starts, totalBytes: offset };
}

/** The joined parts as one file of the output's container: one WAV header for the sum, or none. */
export function joinedAudio(spool: AudioPartSpool, parts: TextPart[], format: OutputFormat, pause: Buffer | undefined) {
	const { pauseAfter, totalBytes } = partLayout(spool, parts, pause);
	return spool.joined({
		count: parts.length,
		after: pauseAfter,
		...(format.container === 'wav'
			? { head: wavHeader(format.encoding ?? 'pcm_s16le', format.sample_rate, totalBytes), tail: Buffer.alloc(totalBytes % 2) }
			: {}),
	});
}

/**
 * Long text in "Parallel Parts": the transcript's parts (helpers/textParts.ts) go to `/tts/bytes`
 * side by side under the execution's concurrency limit, each part's audio waits on disk, and once
 * every part is in they are joined into one file in n8n's binary store:
 *  - WAV and raw: each part is asked for as WAV (so its samples are known exactly, whatever follows
 *    them), its samples kept, and the whole written after one WAV header for the sum (or none, raw);
 *  - MP3: each part's audio frames are kept, without its ID3 tag or its Xing/Info frame, so players
 *    take the duration from the frames, not from the first part's header.
 * The paragraph pause goes after each paragraph but the last, as silence of the output's encoding.
 * A part that fails (after the transport's retries) fails the item and stops the other parts, and
 * nothing is stored; the temporary files go on success, failure and cancel alike.
 */
export async function generateInParallelParts(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	{ body, format, sent, parts, pauseSeconds }: { body: IDataObject; format: OutputFormat; sent: AudioSent; parts: TextPart[]; pauseSeconds: number },
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const isMp3 = format.container === 'mp3';
	const partFormat: OutputFormat = isMp3 ? format : { ...format, container: 'wav' };
	const spool = await AudioPartSpool.create(isMp3 ? 'frames' : 'samples');
	try {
		await runParts(client, parts.length, async (index, run) => {
			try {
				const response = await run.client.stream({
					method: 'POST',
					path: '/tts/bytes',
					json: { ...body, transcript: parts[index].text, output_format: partFormat },
					retry: 'repeatable',
				});
				try {
					await spool.write(index, response.body);
				} catch (error) {
					response.body.destroy();
					throw run.client.streamError(error);
				}
			} catch (error) {
				throw run.fail(error);
			}
		});
		const pause = await paragraphPause(spool, format, { pauseSeconds, partCount: parts.length });
		const item = await storeAudioStream(context, itemIndex, settings, {
			data: joinedAudio(spool, parts, format, pause),
			format,
			defaultFileName: 'speech',
			sent,
			extraJson: { parts: parts.length, mode: 'parallel' },
		});
		return [item];
	} catch (error) {
		throw asNodeError(client, error);
	} finally {
		await spool.remove();
	}
}
