import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { AUDIO_INPUT, audioInputProperties, maxDownloadSizeOption } from '../../descriptions/audioSource';
import { audioOutputOptions, audioOutputOptionsProperty } from '../../descriptions/binaryData';
import { voiceLocator } from '../../descriptions/voiceLocator';
import type { AudioSent } from '../../helpers/audioOutput';
import { audioUpload } from '../../helpers/audioSource';
import { readVoiceId } from '../../helpers/voiceName';
import type { CartesiaClient, MultipartFields } from '../../transport';

/** The clip and the target voice: shared by Change Voice and Change Voice (Stream). */
export const voiceChangerInputProperties: INodeProperties[] = [
	...audioInputProperties(AUDIO_INPUT, {
		binaryField: { hint: 'The name of the input binary field holding the speech to convert' },
		urlHint: 'The http:// or https:// address of the speech to convert',
	}),
	voiceLocator({ name: 'voice', displayName: 'Target Voice', description: 'The voice the speech should take on' }),
];

/** The output options, and the size limit of a clip given by URL. */
export const voiceChangerOptionsProperty: INodeProperties = {
	...audioOutputOptionsProperty,
	options: [...audioOutputOptions, maxDownloadSizeOption],
};

/**
 * The multipart body both voice-changer endpoints take (docs/wire-format.md §2.6), and what it sends
 * for the audio summary: no text and no model, only the target voice.
 */
export async function readVoiceChangerForm(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	outputFormat: OutputFormat,
): Promise<{ form: MultipartFields; sent: AudioSent }> {
	const voiceId = await readVoiceId(context, itemIndex, client, 'voice', 'Target Voice');
	const clip = await audioUpload(context, itemIndex, client, AUDIO_INPUT);
	return {
		form: { clip, voice: { id: voiceId }, output_format: { ...outputFormat } },
		sent: { characters: 0, model: null, voiceId },
	};
}
