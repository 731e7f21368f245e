import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryProperty } from '../../descriptions/binaryData';
import { fileOutputFormatProperties, readOutputFormat } from '../../descriptions/outputFormat';
import { requestAudioFile } from '../../helpers/audioOutput';
import type { CartesiaClient } from '../../transport';
import { readVoiceChangerForm, voiceChangerInputProperties, voiceChangerOptionsProperty } from './shared';

const properties: INodeProperties[] = [
	...voiceChangerInputProperties,
	...fileOutputFormatProperties,
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
	const outputFormat = readOutputFormat(this, itemIndex, 'file', 'Change Voice');
	const form = await readVoiceChangerForm(this, itemIndex, client, outputFormat);
	return await requestAudioFile(
		this,
		itemIndex,
		client,
		{ method: 'POST', path: '/voice-changer/bytes', multipart: form, retry: 'repeatable' },
		outputFormat,
		'changed-voice',
	);
}
