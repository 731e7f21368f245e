import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputBinaryProperty } from '../../descriptions/binaryData';
import type { OutputFormat } from '../../catalog';
import { voiceLocator } from '../../descriptions/voiceLocator';
import type { AudioSent } from '../../helpers/audioOutput';
import { binaryUpload } from '../../helpers/binary';
import { requiredVoiceId } from '../../helpers/validation';
import type { MultipartFields } from '../../transport';

/** The clip and the target voice: shared by Change Voice and Change Voice (Stream). */
export const voiceChangerInputProperties: INodeProperties[] = [
	inputBinaryProperty({
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		hint: 'The name of the input binary field holding the speech to convert',
	}),
	voiceLocator({ name: 'voice', displayName: 'Target Voice', description: 'The voice the speech should take on' }),
];

/**
 * The multipart body both voice-changer endpoints take (docs/wire-format.md §2.6), and what it sends
 * for the audio summary: no text and no model, only the target voice.
 */
export async function readVoiceChangerForm(
	context: IExecuteFunctions,
	itemIndex: number,
	outputFormat: OutputFormat,
): Promise<{ form: MultipartFields; sent: AudioSent }> {
	const voiceId = requiredVoiceId(context, itemIndex, 'voice', 'Target Voice');
	const binaryPropertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const clip = await binaryUpload(context, itemIndex, binaryPropertyName, 'Input Binary Field');
	return {
		form: { clip, voice: { id: voiceId }, output_format: { ...outputFormat } },
		sent: { characters: 0, model: null, voiceId },
	};
}
