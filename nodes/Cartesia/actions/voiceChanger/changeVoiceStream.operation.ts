import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryProperty } from '../../descriptions/binaryData';
import { readOutputFormat, readWrapAsWav, streamOutputFormatProperty } from '../../descriptions/outputFormat';
import { requestStreamedAudio } from '../../helpers/audioOutput';
import type { CartesiaClient } from '../../transport';
import { readVoiceChangerForm, voiceChangerInputProperties, voiceChangerOptionsProperty } from './shared';

const properties: INodeProperties[] = [
	...voiceChangerInputProperties,
	streamOutputFormatProperty,
	outputBinaryProperty,
	voiceChangerOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['voiceChanger'], operation: ['changeVoiceStream'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const outputFormat = readOutputFormat(this, itemIndex, 'stream');
	const wrapAsWav = readWrapAsWav(this, itemIndex);
	const { form, sent } = await readVoiceChangerForm(this, itemIndex, client, outputFormat);
	return await requestStreamedAudio(this, itemIndex, client, {
		request: { method: 'POST', path: '/voice-changer/sse', multipart: form, retry: 'repeatable' },
		format: outputFormat,
		wrapAsWav,
		defaultFileName: 'changed-voice',
		sent,
	});
}
