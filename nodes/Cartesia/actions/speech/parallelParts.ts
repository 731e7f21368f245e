import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { readAudioOutputSettings, storeAudioStream, type AudioSent } from '../../helpers/audioOutput';
import { AudioPartSpool, joinedAudio, paragraphPause } from '../../helpers/audioParts';
import { mapInOrder } from '../../helpers/mapInOrder';
import type { TextPart } from '../../helpers/textParts';
import type { CartesiaClient } from '../../transport';

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
