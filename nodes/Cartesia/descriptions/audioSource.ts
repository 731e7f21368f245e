import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_DOWNLOAD_MB, type AudioInputNames } from '../helpers/audioSource';
import { inputBinaryProperty } from './binaryData';

/** Transcribe, Clone and Voice Changer: one input. */
export const AUDIO_INPUT: AudioInputNames = {
	source: 'audioSource',
	sourceDisplayName: 'Audio Source',
	binaryField: 'binaryPropertyName',
	binaryFieldDisplayName: 'Input Binary Field',
	url: 'audioUrl',
	urlDisplayName: 'Audio URL',
};

export interface AudioInputOverrides {
	/** The input may be left empty (Infill's sides): neither field is required. */
	optional?: boolean;
	/** The binary field's own settings (hint, default, whether it is required). */
	binaryField?: Partial<INodeProperties>;
	/** What the URL is for, under the field. */
	urlHint?: string;
	/** Extra words for the source selector. */
	sourceDescription?: string;
}

/**
 * An Audio Source selector (Binary Field or URL) followed by the field each choice needs. Both fields are
 * plain strings, so an expression (or an agent's `$fromAI`) can fill them.
 */
export function audioInputProperties(names: AudioInputNames, overrides: AudioInputOverrides = {}): INodeProperties[] {
	const binaryField = inputBinaryProperty({
		displayName: names.binaryFieldDisplayName,
		name: names.binaryField,
		...overrides.binaryField,
		displayOptions: { show: { [names.source]: ['binaryField'] } },
	});
	if (overrides.optional) delete binaryField.required;
	return [
		{
			displayName: names.sourceDisplayName,
			name: names.source,
			type: 'options',
			default: 'binaryField',
			description: overrides.sourceDescription ?? 'Where the audio comes from',
			options: [
				{
					name: 'Binary Field',
					value: 'binaryField',
					description: 'A file on the input item, e.g. from a Read File, HTTP Request or trigger node',
				},
				{
					name: 'URL',
					value: 'url',
					description: 'A web address that n8n downloads and streams on to Cartesia, never storing it',
				},
			],
		},
		binaryField,
		{
			displayName: names.urlDisplayName,
			name: names.url,
			type: 'string',
			default: '',
			...(overrides.optional ? {} : { required: true }),
			placeholder: 'e.g. https://example.com/recording.mp3',
			hint: overrides.urlHint ?? 'The http:// or https:// address of the audio file',
			displayOptions: { show: { [names.source]: ['url'] } },
		},
	];
}

/** The size limit of a URL download, an option beside the operation's others. */
export const maxDownloadSizeOption: INodeProperties = {
	displayName: 'Max Download Size (MB)',
	name: 'maxDownloadSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_DOWNLOAD_MB,
	description:
		'For audio from a URL: the largest file to download, in MB. The default, 2048 (2 GB), is the most Cartesia transcribes.',
};
