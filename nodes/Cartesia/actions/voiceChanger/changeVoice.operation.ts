import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryProperty } from '../../descriptions/binaryData';
import { fileOutputFormatProperty, readOutputFormat } from '../../descriptions/outputFormat';
import { requestAudioFile } from '../../helpers/audioOutput';
import type { CartesiaClient } from '../../transport';
import { readVoiceChangerForm, voiceChangerInputProperties, voiceChangerOptionsProperty } from './shared';

const properties: INodeProperties[] = [
	...voiceChangerInputProperties,
	fileOutputFormatProperty,
	outputBinaryProperty,
	voiceChangerOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['voiceChanger'], operation: ['changeVoice'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const outputFormat = readOutputFormat(this, itemIndex, 'file');
	const { form, sent } = await readVoiceChangerForm(this, itemIndex, client, outputFormat);
	return await requestAudioFile(this, itemIndex, client, {
		request: { method: 'POST', path: '/voice-changer/bytes', multipart: form, retry: 'repeatable' },
		format: outputFormat,
		defaultFileName: 'changed-voice',
		sent,
	});
}
