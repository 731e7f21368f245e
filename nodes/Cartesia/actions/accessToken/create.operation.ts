import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assertVersionAccepts, inputError } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

/** Cartesia caps access tokens at one hour (docs/wire-format.md §2.2). */
const MAX_EXPIRY_SECONDS = 3600;

const properties: INodeProperties[] = [
	{
		displayName:
			'The token lets a browser or phone call Cartesia without your API key. Treat it as a secret until it expires.',
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Allow Text to Speech',
		name: 'grantTts',
		type: 'boolean',
		default: true,
		description: 'Whether the token may generate speech (/tts/bytes, /tts/sse, /tts/websocket)',
	},
	{
		displayName: 'Allow Speech to Text',
		name: 'grantStt',
		type: 'boolean',
		default: false,
		description: 'Whether the token may transcribe audio (/stt and its WebSocket)',
	},
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_EXPIRY_SECONDS },
		default: MAX_EXPIRY_SECONDS,
		description: 'How long the token stays valid, at most 3600 seconds (one hour)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Agents',
				name: 'grantAgent',
				type: 'boolean',
				default: true,
				description: 'Whether the token may talk to Cartesia agents (Cartesia-Version 2025-11-04 and later)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['accessToken'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const expiresIn = this.getNodeParameter('expiresIn', itemIndex, MAX_EXPIRY_SECONDS) as number;
	if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRY_SECONDS) {
		throw inputError(
			this,
			itemIndex,
			`"Expires In (Seconds)" must be a whole number from 1 to ${MAX_EXPIRY_SECONDS}, not ${expiresIn}`,
			'Cartesia issues access tokens for at most one hour.',
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as { grantAgent?: boolean };
	if (options.grantAgent) {
		assertVersionAccepts(this, itemIndex, client.apiVersion, 'accessTokenAgentGrant', 'Allow Agents');
	}
	const grants = {
		tts: this.getNodeParameter('grantTts', itemIndex, true) as boolean,
		stt: this.getNodeParameter('grantStt', itemIndex, false) as boolean,
		agent: options.grantAgent || undefined,
	};
	const issuedAt = Date.now();
	const response = await client.json<IDataObject>({
		method: 'POST',
		path: '/access-token',
		json: { grants, expires_in: expiresIn },
		retry: 'once',
	});
	return pairedItems(
		{ ...response, expiresAt: new Date(issuedAt + expiresIn * 1000).toISOString() },
		itemIndex,
	);
}
