import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	capitalize,
	EXPERIMENTAL_EMOTION_TAGS,
	EXPERIMENTAL_SPEEDS,
	INFILL_MODELS,
} from '../../catalog';
import { audioOutputOptionsProperty, outputBinaryProperty } from '../../descriptions/binaryData';
import { languageOptions } from '../../descriptions/languages';
import { modelProperties, readModel } from '../../descriptions/model';
import { fileOutputFormatProperty, readOutputFormat } from '../../descriptions/outputFormat';
import { voiceLocator } from '../../descriptions/voiceLocator';
import { countCharacters, requestAudioFile } from '../../helpers/audioOutput';
import { binaryUpload } from '../../helpers/binary';
import { readLanguage } from '../../helpers/language';
import { assertVersionAccepts, inputError, requiredText, requiredVoiceId } from '../../helpers/validation';
import { allLanguages } from '../../languages';
import type { CartesiaClient, MultipartFile } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Left Audio Field',
		name: 'leftBinaryPropertyName',
		type: 'string',
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The input binary field with the audio before the gap. Leave empty to generate only the start.',
	},
	{
		displayName: 'Right Audio Field',
		name: 'rightBinaryPropertyName',
		type: 'string',
		default: '',
		placeholder: 'e.g. after',
		hint: 'The input binary field with the audio after the gap. Leave empty to generate only the end.',
	},
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
	...modelProperties(INFILL_MODELS, 'sonic-3'),
	voiceLocator({ name: 'voice', displayName: 'Voice' }),
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: languageOptions(allLanguages('tts')),
		default: 'en',
	},
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
	audioOutputOptionsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['infill'], operation: ['generate'] } }, properties);

async function optionalAudio(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	displayName: string,
): Promise<MultipartFile | undefined> {
	const name = String(context.getNodeParameter(parameter, itemIndex, '')).trim();
	return name ? await binaryUpload(context, itemIndex, name, displayName) : undefined;
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
	const leftField = String(this.getNodeParameter('leftBinaryPropertyName', itemIndex, '')).trim();
	const rightField = String(this.getNodeParameter('rightBinaryPropertyName', itemIndex, '')).trim();
	if (!leftField && !rightField) {
		throw inputError(
			this,
			itemIndex,
			'Infill needs audio on at least one side: "Left Audio Field" and "Right Audio Field" are both empty',
			'Name the binary field with the audio before the gap, after it, or both.',
		);
	}
	const transcript = requiredText(this, itemIndex, 'transcript', 'Transcript');
	const modelId = readModel(this, itemIndex);
	const voiceId = requiredVoiceId(this, itemIndex, 'voice', 'Voice');
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
	const leftAudio = await optionalAudio(this, itemIndex, 'leftBinaryPropertyName', 'Left Audio Field');
	const rightAudio = await optionalAudio(this, itemIndex, 'rightBinaryPropertyName', 'Right Audio Field');

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
