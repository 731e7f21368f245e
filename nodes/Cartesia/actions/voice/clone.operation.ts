import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AUDIO_INPUT, audioInputProperties, maxDownloadSizeOption } from '../../descriptions/audioSource';
import { accentLocator } from '../../descriptions/accentLocator';
import { languageLocator } from '../../descriptions/languages';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { readAccent } from '../../helpers/accent';
import { audioUpload } from '../../helpers/audioSource';
import { readLanguage } from '../../helpers/language';
import { assertVersionAccepts, requiredText } from '../../helpers/validation';
import { resolveVoice } from '../../helpers/voiceName';
import { voiceOutput } from '../../helpers/voicePages';
import type { CartesiaClient } from '../../transport';
import { versionSupports } from '../../versions';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	...audioInputProperties(AUDIO_INPUT, {
		binaryField: {
			hint: 'The name of the input binary field holding the voice sample (5 to 20 seconds of clear speech)',
		},
		urlHint: 'The http:// or https:// address of the voice sample (5 to 20 seconds of clear speech)',
	}),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. My narrator',
	},
	languageLocator('tts', { defaultCode: 'en', description: 'The language spoken in the sample' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			accentLocator({
				name: 'accent',
				displayName: 'Accent',
				description:
					'The accent spoken in the sample (Cartesia-Version 2025-11-04 and later). An accent is the regional way a language is spoken, e.g. British English or Mexican Spanish.',
			}),
			voiceLocator({
				name: 'baseVoice',
				displayName: 'Base Voice',
				required: false,
				description: 'A voice to start from; the clone keeps its character and takes on the sample',
			}),
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. Cloned from the March podcast',
			},
			{
				displayName: 'Enhance',
				name: 'enhance',
				type: 'boolean',
				default: false,
				description:
					'Whether to reduce background noise in the sample first; this lowers similarity (Cartesia-Version up to 2025-04-16)',
			},
			maxDownloadSizeOption,
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				default: 'similarity',
				description: 'Cartesia-Version 2024-11-13 only, where it is required (Similarity when not set)',
				options: [
					{ name: 'Similarity', value: 'similarity', description: 'Closest to the sample; about 5 s of audio' },
					{ name: 'Stability', value: 'stability', description: 'Steadier output; 10 to 20 s of audio' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['clone'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const version = client.apiVersion;
	const name = requiredText(this, itemIndex, 'name', 'Name');
	const language = readLanguage(this, itemIndex, { name: 'language', displayName: 'Language', use: 'tts', version, required: true });
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		accent?: unknown;
		baseVoice?: unknown;
		description?: string;
		enhance?: boolean;
		mode?: string;
	};
	if (options.mode !== undefined) assertVersionAccepts(this, itemIndex, version, 'cloneMode', 'Mode');
	if (options.enhance !== undefined) assertVersionAccepts(this, itemIndex, version, 'cloneEnhance', 'Enhance');
	const accent = readAccent(this, itemIndex, { value: options.accent, displayName: 'Accent', version });
	const baseVoiceId = await resolveVoice(this, itemIndex, client, options.baseVoice, { displayName: 'Base Voice' });
	// Sent once: Clone is not retried after a server error, so a URL is downloaded once (twice only after a 429).
	const clip = await audioUpload(this, itemIndex, client, AUDIO_INPUT);

	const voice = await client.json<IDataObject>({
		method: 'POST',
		path: '/voices/clone',
		multipart: {
			clip,
			name,
			language,
			// 2024-11-13 requires a mode; later versions clone by similarity and refuse the field.
			mode: versionSupports(version, 'cloneMode') ? (options.mode ?? 'similarity') : undefined,
			description: options.description?.trim() || undefined,
			enhance: options.enhance,
			base_voice_id: baseVoiceId,
			accent,
		},
		retry: 'once',
	});
	return pairedItems(voiceOutput(voice), itemIndex);
}
