import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { audioOutputOptionsProperty, outputBinaryProperty } from '../../descriptions/binaryData';
import { fileOutputFormatProperty, readOutputFormat } from '../../descriptions/outputFormat';
import { requestAudioFile } from '../../helpers/audioOutput';
import type { CartesiaClient } from '../../transport';
import { generateContinuously } from './continuous';
import { longTextProperty, readLongText } from './longText';
import { generateInParallelParts } from './parallelParts';
import { readSpeechRequest, speechGenerationProperty, speechInputProperties, speechSent } from './shared';

const properties: INodeProperties[] = [
	...speechInputProperties,
	fileOutputFormatProperty,
	outputBinaryProperty,
	speechGenerationProperty,
	longTextProperty,
	audioOutputOptionsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['speech'], operation: ['generate'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const outputFormat = readOutputFormat(this, itemIndex, 'file');
	const body = await readSpeechRequest(this, itemIndex, client, outputFormat);
	const longText = readLongText(this, itemIndex, String(body.transcript), outputFormat, client.ttsWindow);
	if (longText?.mode === 'continuous') {
		return await generateContinuously(this, itemIndex, client, { body, format: outputFormat, sent: speechSent(body), ...longText });
	}
	if (longText) {
		return await generateInParallelParts(this, itemIndex, client, { body, format: outputFormat, sent: speechSent(body), ...longText });
	}
	return await requestAudioFile(this, itemIndex, client, {
		request: { method: 'POST', path: '/tts/bytes', json: body, retry: 'repeatable' },
		format: outputFormat,
		defaultFileName: 'speech',
		sent: speechSent(body),
	});
}
