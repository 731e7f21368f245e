import { pipeline } from 'node:stream';

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { audioOutputOptionsProperty, outputBinaryProperty } from '../../descriptions/binaryData';
import { callAudioPath } from '../../helpers/agents';
import { AudioMeter } from '../../helpers/audioMeter';
import { mergeJson, readAudioOutputSettings } from '../../helpers/audioOutput';
import type { CartesiaClient } from '../../transport';
import { callIdProperty, readCallId } from './shared';

const properties: INodeProperties[] = [callIdProperty, outputBinaryProperty, audioOutputOptionsProperty];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['downloadAudio'] } }, properties);

/** Cartesia documents the recording as a WAV (§9.3); another audio type it may send keeps its own extension. */
const EXTENSIONS: Record<string, string> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3' };

/** The JSON keys this operation owns on the output item. */
const OWNED_KEYS = ['callId', 'fileName', 'mimeType', 'bytes', 'durationSeconds'];

/**
 * The call's recording, streamed from Cartesia through a meter straight into n8n's binary store (to disk
 * in filesystem mode), never held whole. A connection that breaks mid-file fails the item.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]> {
	const callId = readCallId(this, itemIndex, client, 'Call → Download Audio');
	const settings = readAudioOutputSettings(this, itemIndex);
	const response = await client.stream({ method: 'GET', path: callAudioPath(callId), retry: 'repeatable', accept: 'audio/wav, */*' });
	const mimeType = response.contentType?.split(';')[0].trim().toLowerCase() || 'audio/wav';
	const extension = EXTENSIONS[mimeType] ?? 'wav';
	const base = (settings.fileName ?? `call-${callId}`).replace(/\.(wav|wave|mp3)$/i, '');
	const fileName = `${base}.${extension}`;
	// The sample rate is read from the WAV header; 8000 is only the fallback for a header without one.
	const meter = new AudioMeter({ container: extension === 'mp3' ? 'mp3' : 'wav', sample_rate: 8000 });
	pipeline(response.body, meter, () => undefined);
	try {
		const binaryData = await this.helpers.prepareBinaryData(meter, fileName, mimeType);
		const input = this.getInputData()[itemIndex];
		const measured = meter.measure();
		const result = { callId, fileName, mimeType, bytes: measured.bytes, durationSeconds: measured.durationSeconds };
		return [
			{
				json: mergeJson(settings.keepInputData ? input.json : undefined, result, OWNED_KEYS),
				binary: { ...(settings.keepInputData ? input.binary : {}), [settings.property]: binaryData },
				pairedItem: { item: itemIndex },
			},
		];
	} catch (error) {
		response.body.destroy();
		meter.destroy();
		throw client.streamError(error);
	}
}
