import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { silence, wavHeader } from '../../helpers/audio';
import { countCharacters, readAudioOutputSettings, storeAudioStream, type AudioSent } from '../../helpers/audioOutput';
import { AudioPartSpool } from '../../helpers/audioParts';
import { mapInOrder } from '../../helpers/mapInOrder';
import { BYTES_PART_CHARACTERS, splitByParagraph, splitText, type TextPart } from '../../helpers/textParts';
import { inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';

/** The longest pause between paragraphs: a narration's breath, not a gap. */
const MAX_PARAGRAPH_PAUSE_SECONDS = 10;

/** How Generate treats a long transcript. */
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
				'Silence to put between paragraphs (separated by a blank line). WAV and raw output only for now; each paragraph is then generated as a part of its own.',
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
	format: OutputFormat,
): { parts: TextPart[]; pauseSeconds: number } | undefined {
	const settings = context.getNodeParameter('longText', itemIndex, {}) as LongTextSettings;
	const pauseSeconds = settings.paragraphPause ?? 0;
	if (typeof pauseSeconds !== 'number' || !(pauseSeconds >= 0 && pauseSeconds <= MAX_PARAGRAPH_PAUSE_SECONDS)) {
		throw inputError(context, itemIndex, `"Paragraph Pause (Seconds)" must be from 0 to ${MAX_PARAGRAPH_PAUSE_SECONDS}, not ${String(pauseSeconds)}`);
	}
	if (pauseSeconds > 0 && format.container === 'mp3') {
		throw inputError(
			context,
			itemIndex,
			'"Paragraph Pause (Seconds)" works with WAV and raw output only for now',
			'Set "Container" to WAV or Raw PCM, or set "Paragraph Pause (Seconds)" to 0.',
		);
	}
	if (pauseSeconds > 0) {
		const parts = splitByParagraph(transcript);
		return parts.length > 1 ? { parts, pauseSeconds } : undefined;
	}
	if (countCharacters(transcript) <= BYTES_PART_CHARACTERS) return undefined;
	return { parts: splitText(transcript).map((text) => ({ text, endsParagraph: false })), pauseSeconds: 0 };
}

/** n8n's own errors as they are (a refusal, a cancel, a bad setting); anything else is a broken connection. */
function asNodeError(client: CartesiaClient, error: unknown) {
	return error instanceof NodeOperationError ? error : client.streamError(error);
}

/**
 * Long text in "Parallel Parts": the transcript's parts (helpers/textParts.ts) go to `/tts/bytes`
 * side by side under the execution's concurrency limit, each part's audio waits on disk, and once
 * every part is in they are joined into one file in n8n's binary store:
 *  - WAV and raw: each part is asked for as WAV (so its samples are known exactly, whatever follows
 *    them), its samples kept, and the whole written after one WAV header for the sum (or none, raw),
 *    with the paragraph pause as silence after each paragraph but the last;
 *  - MP3: each part's audio frames are kept, without its ID3 tag or its Xing/Info frame, so players
 *    take the duration from the frames, not from the first part's header.
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
	// The first part to fail stops the others, queued or in flight: their audio would be thrown away.
	const stopParts = new AbortController();
	const partsClient = client.withSignal(stopParts.signal);
	let failure: unknown;
	try {
		await mapInOrder(parts.length, Math.min(parts.length, client.parallelRequests), async (index) => {
			try {
				const response = await partsClient.stream({
					method: 'POST',
					path: '/tts/bytes',
					json: { ...body, transcript: parts[index].text, output_format: partFormat },
					retry: 'repeatable',
				});
				try {
					await spool.write(index, response.body);
				} catch (error) {
					response.body.destroy();
					throw partsClient.streamError(error);
				}
			} catch (error) {
				// Only the first failure is the item's; the others are the stop it caused.
				const nodeError = asNodeError(partsClient, error);
				if (!stopParts.signal.aborted) {
					failure = nodeError;
					stopParts.abort();
				}
				throw nodeError;
			}
		});
		const pause = !isMp3 && pauseSeconds > 0 ? silence(format.encoding ?? 'pcm_s16le', format.sample_rate, pauseSeconds) : undefined;
		const pauseAfter = (index: number) => (pause && parts[index].endsParagraph && index < parts.length - 1 ? pause : undefined);
		const pauseBytes = parts.reduce((total, _part, index) => total + (pauseAfter(index)?.length ?? 0), 0);
		const dataBytes = spool.totalBytes + pauseBytes;
		const data = spool.joined({
			count: parts.length,
			after: pauseAfter,
			...(format.container === 'wav'
				? { head: wavHeader(format.encoding ?? 'pcm_s16le', format.sample_rate, dataBytes), tail: Buffer.alloc(dataBytes % 2) }
				: {}),
		});
		const item = await storeAudioStream(context, itemIndex, settings, {
			data,
			format,
			defaultFileName: 'speech',
			sent,
			extraJson: { parts: parts.length, mode: 'parallel' },
		});
		return [item];
	} catch (error) {
		throw asNodeError(client, failure ?? error);
	} finally {
		await spool.remove();
	}
}
