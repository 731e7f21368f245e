import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { voiceLocator } from '../../descriptions/voiceLocator';
import { assertVersionAccepts } from '../../helpers/validation';
import { voiceOutput } from '../../helpers/voicePages';
import { readVoiceId } from '../../helpers/voiceName';
import type { CartesiaClient } from '../../transport';
import { apiPath } from '../../transport/path';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	voiceLocator({ name: 'voice', displayName: 'Voice' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Preview URL',
				name: 'includePreviewUrl',
				type: 'boolean',
				default: true,
				description:
					'Whether to include preview_file_url, a link to a sample of the voice (Cartesia-Version 2025-11-04 and later)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['get'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const voiceId = await readVoiceId(this, itemIndex, client, 'voice', 'Voice');
	const options = this.getNodeParameter('options', itemIndex, {}) as { includePreviewUrl?: boolean };
	if (options.includePreviewUrl) {
		assertVersionAccepts(this, itemIndex, client.apiVersion, 'expandPreviewFileUrl', 'Include Preview URL');
	}
	const voice = await client.json<IDataObject>({
		method: 'GET',
		path: apiPath('voices', voiceId),
		query: { expand: options.includePreviewUrl ? ['preview_file_url'] : undefined },
		retry: 'repeatable',
	});
	return pairedItems(voiceOutput(voice), itemIndex);
}
