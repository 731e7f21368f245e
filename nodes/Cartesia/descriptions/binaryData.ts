import type { INodeProperties } from 'n8n-workflow';

/** The input binary field holding audio to upload. */
export function inputBinaryProperty(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>,
): INodeProperties {
	return {
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field holding the audio',
		...overrides,
	};
}

/** Where the audio a request returns goes. */
export const outputBinaryProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the output binary field. If it names the input audio field (both "data" by default), the result replaces the input audio.',
};

/** Options every operation that returns audio shares. */
export const audioOutputOptions: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. narration',
		description: 'Name of the output file; the extension follows the format (.wav, .mp3 or .pcm)',
	},
	{
		displayName: 'Keep Input Data',
		name: 'keepInputData',
		type: 'boolean',
		default: true,
		description: "Whether to keep the input item's JSON and binary fields on the output item",
	},
];

/** The Options collection of operations that return audio and have no other options. */
export const audioOutputOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: audioOutputOptions,
};
