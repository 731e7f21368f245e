import { Readable } from 'node:stream';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { bytesPerSample } from '../../helpers/audio';
import { readAudioOutputSettings, storeAudioStream, type AudioSent, type StreamedResult } from '../../helpers/audioOutput';
import { AudioPartSpool, joinedAudio, paragraphPause, partLayout } from '../../helpers/audioParts';
import { shiftTimestamps } from '../../helpers/partTimestamps';
import { streamedAudioChunks, type StreamedTimings } from '../../helpers/streamedAudio';
import type { TextPart } from '../../helpers/textParts';
import type { CartesiaClient } from '../../transport';
import { asNodeError, runParts } from './parallelParts';

export interface TimestampedPartsRequest {
	/** The `/tts/sse` body, transcript aside. */
	body: IDataObject;
	format: OutputFormat;
	wrapAsWav: boolean;
	sent: AudioSent;
	parts: TextPart[];
	pauseSeconds: number;
	/** What the operation makes of the joined timestamps (as for one stream), and the JSON keys it owns. */
	result: (timings: StreamedTimings) => Promise<StreamedResult>;
	resultKeys: readonly string[];
}

/**
 * Long text in Generate With Timestamps ("Parallel Parts"): each part goes to `/tts/sse` as a request
 * of its own, side by side under the concurrency limit (runParts, as for `/tts/bytes`); its PCM waits
 * on disk and its timestamps in memory. Once every part is in, the PCM is joined (paragraph pauses as
 * silence, one WAV header for the sum when asked) and each part's timestamps, which start at 0 in
 * each request, are moved by the audio joined before the part, measured in bytes of PCM actually
 * kept, not estimated. A part that fails fails the item, and nothing is stored.
 */
export async function generateWithTimestampsInParallelParts(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	{ body, format, wrapAsWav, sent, parts, pauseSeconds, result, resultKeys }: TimestampedPartsRequest,
): Promise<INodeExecutionData[]> {
	const settings = readAudioOutputSettings(context, itemIndex);
	const outputFormat: OutputFormat = { ...format, container: wrapAsWav ? 'wav' : 'raw' };
	const spool = await AudioPartSpool.create('pcm');
	try {
		const partTimings = await runParts(client, parts.length, async (index, run) => {
			const timings: StreamedTimings = { words: [], phonemes: [] };
			try {
				const events = run.client.events({ method: 'POST', path: '/tts/sse', json: { ...body, transcript: parts[index].text }, retry: 'repeatable' });
				await spool.write(index, Readable.from(streamedAudioChunks(events, timings)));
			} catch (error) {
				throw run.fail(error);
			}
			return timings;
		});
		const pause = await paragraphPause(spool, outputFormat, { pauseSeconds, partCount: parts.length });
		const { starts } = partLayout(spool, parts, pause);
		const bytesPerSecond = bytesPerSample(format.encoding ?? 'pcm_s16le') * format.sample_rate;
		const joinedTimings: StreamedTimings = {
			words: partTimings.flatMap((timings, index) => shiftTimestamps(timings.words, starts[index] / bytesPerSecond)),
			phonemes: partTimings.flatMap((timings, index) => shiftTimestamps(timings.phonemes, starts[index] / bytesPerSecond)),
			contextId: partTimings.find((timings) => timings.contextId)?.contextId,
		};
		const extra = await result(joinedTimings);
		const item = await storeAudioStream(context, itemIndex, settings, {
			data: joinedAudio(spool, parts, outputFormat, pause),
			format: outputFormat,
			defaultFileName: 'speech',
			sent,
			extraJson: { ...extra.json, parts: parts.length, mode: 'parallel' },
			extraBinary: extra.binary,
			resultKeys,
		});
		return [item];
	} catch (error) {
		throw asNodeError(client, error);
	} finally {
		await spool.remove();
	}
}
