import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	capitalize,
	EXPERIMENTAL_EMOTION_TAGS,
	EXPERIMENTAL_SPEEDS,
} from '../../catalog';
import { audioInputProperties, maxDownloadSizeOption } from '../../descriptions/audioSource';
import { audioOutputOptions, audioOutputOptionsProperty, outputBinaryProperty } from '../../descriptions/binaryData';
import { languageLocator } from '../../descriptions/languages';
import { modelProperties, readModel } from '../../descriptions/model';
import { fileOutputFormatProperty, readOutputFormat } from '../../descriptions/outputFormat';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { countCharacters, requestAudioFile } from '../../helpers/audioOutput';
import { optionalAudioUpload, type AudioInputNames } from '../../helpers/audioSource';
import { readLanguage } from '../../helpers/language';
import { assertVersionAccepts, inputError, requiredText } from '../../helpers/validation';
import { readVoiceId } from '../../helpers/voiceName';
import type { CartesiaClient } from '../../transport';

/** The audio before the gap. */
const LEFT_AUDIO: AudioInputNames = {
	source: 'leftAudioSource',
	sourceDisplayName: 'Left Audio Source',
	binaryField: 'leftBinaryPropertyName',
	binaryFieldDisplayName: 'Left Audio Field',
	url: 'leftAudioUrl',
	urlDisplayName: 'Left Audio URL',
};

/** The audio after the gap. */
const RIGHT_AUDIO: AudioInputNames = {
	source: 'rightAudioSource',
	sourceDisplayName: 'Right Audio Source',
	binaryField: 'rightBinaryPropertyName',
	binaryFieldDisplayName: 'Right Audio Field',
	url: 'rightAudioUrl',
	urlDisplayName: 'Right Audio URL',
};

const properties: INodeProperties[] = [
	...audioInputProperties(LEFT_AUDIO, {
		optional: true,
		binaryField: {
			hint: 'The input binary field with the audio before the gap. Leave empty to generate only the start.',
		},
		urlHint: 'The http:// or https:// address of the audio before the gap. Leave empty to generate only the start.',
	}),
	...audioInputProperties(RIGHT_AUDIO, {
		optional: true,
		binaryField: {
			default: '',
			placeholder: 'e.g. after',
			hint: 'The input binary field with the audio after the gap. Leave empty to generate only the end.',
		},
		urlHint: 'The http:// or https:// address of the audio after the gap. Leave empty to generate only the end.',
	}),
	{
		displayName: 'Transcript',
		name: 'transcript',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. and that is how we won the cup',
		description: 'The words to speak between the left and right audio',
	},
	...modelProperties('infill', 'sonic-3'),
	voiceLocator({ name: 'voice', displayName: 'Voice' }),
	languageLocator('tts', { defaultCode: 'en' }),
	fileOutputFormatProperty,
	outputBinaryProperty,
	{
		displayName: 'Experimental Controls',
		name: 'experimentalControls',
		type: 'collection',
		placeholder: 'Add Control',
		default: {},
		description: 'Cartesia-Version 2024-11-13 only, and only on models sunset in 2026',
		options: [
			{
				displayName: 'Emotions',
				name: 'emotions',
				type: 'multiOptions',
				default: [],
				options: EXPERIMENTAL_EMOTION_TAGS.map((tag) => ({ name: capitalize(tag.replace(':', ': ')), value: tag })),
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'options',
				default: 'normal',
				options: EXPERIMENTAL_SPEEDS.map((speed) => ({ name: capitalize(speed), value: speed })),
				description: 'A named speed, or (by expression) a number from -1 (slowest) to 1 (fastest)',
			},
		],
	},
	{ ...audioOutputOptionsProperty, options: [...audioOutputOptions, maxDownloadSizeOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['infill'], operation: ['generate'] } }, properties);

/** The parameter that names a side's audio, as its chosen source has it. */
function sideDisplayName(context: IExecuteFunctions, itemIndex: number, names: AudioInputNames): string {
	const source = context.getNodeParameter(names.source, itemIndex, 'binaryField');
	return source === 'url' ? names.urlDisplayName : names.binaryFieldDisplayName;
}

function readSpeed(context: IExecuteFunctions, itemIndex: number, speed: unknown): string | number | undefined {
	if (speed === undefined || speed === '') return undefined;
	if (typeof speed === 'number' && speed >= -1 && speed <= 1) return speed;
	if (typeof speed === 'string' && (EXPERIMENTAL_SPEEDS as readonly string[]).includes(speed)) return speed;
	throw inputError(
		context,
		itemIndex,
		`"Speed" must be a number from -1 to 1 or one of ${EXPERIMENTAL_SPEEDS.join(', ')}, not ${JSON.stringify(speed)}`,
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const leftAudio = await optionalAudioUpload(this, itemIndex, client, LEFT_AUDIO);
	const rightAudio = await optionalAudioUpload(this, itemIndex, client, RIGHT_AUDIO);
	if (!leftAudio && !rightAudio) {
		const left = sideDisplayName(this, itemIndex, LEFT_AUDIO);
		const right = sideDisplayName(this, itemIndex, RIGHT_AUDIO);
		throw inputError(
			this,
			itemIndex,
			`Infill needs audio on at least one side: "${left}" and "${right}" are both empty`,
			'Give the audio before the gap, after it, or both (a binary field name or a URL).',
		);
	}
	const transcript = requiredText(this, itemIndex, 'transcript', 'Transcript');
	const modelId = readModel(this, itemIndex);
	const voiceId = await readVoiceId(this, itemIndex, client, 'voice', 'Voice');
	const language = readLanguage(this, itemIndex, {
		name: 'language',
		displayName: 'Language',
		use: 'tts',
		version: client.apiVersion,
		required: true,
	});
	const outputFormat = readOutputFormat(this, itemIndex, 'file');
	const controls = this.getNodeParameter('experimentalControls', itemIndex, {}) as { emotions?: string[]; speed?: unknown };
	const speed = readSpeed(this, itemIndex, controls.speed);
	const emotions = controls.emotions?.length ? controls.emotions : undefined;
	for (const emotion of emotions ?? []) {
		if (!EXPERIMENTAL_EMOTION_TAGS.includes(emotion)) {
			throw inputError(
				this,
				itemIndex,
				`"Emotions" has an unknown emotion tag "${emotion}"`,
				`Use one of anger, positivity, surprise, sadness, curiosity, optionally with :lowest, :low, :high or :highest.`,
			);
		}
	}
	if (speed !== undefined || emotions) {
		assertVersionAccepts(this, itemIndex, client.apiVersion, 'infillExperimentalControls', 'Experimental Controls');
	}
	return await requestAudioFile(this, itemIndex, client, {
		request: {
			method: 'POST',
			path: '/infill/bytes',
			multipart: {
				left_audio: leftAudio,
				right_audio: rightAudio,
				model_id: modelId,
				language,
				transcript,
				voice_id: voiceId,
				output_format: { ...outputFormat },
				voice: { __experimental_controls: { speed, emotion: emotions } },
			},
			retry: 'repeatable',
		},
		format: outputFormat,
		defaultFileName: 'infill',
		sent: { characters: countCharacters(transcript), model: modelId, voiceId },
	});
}
