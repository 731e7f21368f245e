import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fromNumberLocator } from '../../descriptions/agentLocator';
import { CALLS_PATH, toE164 } from '../../helpers/agents';
import { assertOperationVersion, inputError, requiredPathId } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { agentProperty, readAgentId } from '../agent/shared';

const properties: INodeProperties[] = [
	agentProperty,
	fromNumberLocator,
	{
		displayName: 'Destinations',
		name: 'destinations',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Destination',
		default: { destination: [{ number: '' }] },
		required: true,
		description: 'The numbers to call, each once; every destination gets its own output item',
		options: [
			{
				displayName: 'Destination',
				name: 'destination',
				values: [
					{
						displayName: 'Number',
						name: 'number',
						type: 'string',
						default: '',
						placeholder: 'e.g. +14155559876',
						description: 'In E.164: a plus, the country code and the number (spaces and dashes are taken out)',
					},
					{
						displayName: 'Metadata',
						name: 'metadata',
						type: 'json',
						default: '{}',
						description: "A JSON object handed to the agent's code as call_request.metadata for this call",
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ringing Timeout (Seconds)',
				name: 'ringingTimeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 80 },
				default: 60,
				description: 'How long each destination may ring before the call is given up, 5 to 80 seconds',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['startOutbound'] } }, properties);

const OPERATION = 'Call → Start Outbound Calls';

interface OutboundCall {
	to_number: string;
	metadata?: IDataObject;
}

/** One entry of Cartesia's answer (§9.4): the call's id, or its own error (a string or an object: unconfirmed). */
interface OutboundResult {
	number?: string;
	agent_call_id?: string;
	error?: unknown;
}

function readMetadata(context: IExecuteFunctions, itemIndex: number, raw: unknown, position: number): IDataObject | undefined {
	let value = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return undefined;
		try {
			value = JSON.parse(raw);
		} catch {
			throw inputError(context, itemIndex, `"Destinations" entry ${position}: "Metadata" is not valid JSON`, 'Enter a JSON object, e.g. {"orderId": 42}.');
		}
	}
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(context, itemIndex, `"Destinations" entry ${position}: "Metadata" must be a JSON object`, 'Enter a JSON object, e.g. {"orderId": 42}.');
	}
	return Object.keys(value).length > 0 ? (value as IDataObject) : undefined;
}

/** Every destination checked before anything is dialled: one malformed number fails the item, naming its position. */
function readDestinations(context: IExecuteFunctions, itemIndex: number): OutboundCall[] {
	const raw = context.getNodeParameter('destinations', itemIndex, {}) as { destination?: Array<{ number?: unknown; metadata?: unknown }> };
	const entries = Array.isArray(raw?.destination) ? raw.destination : [];
	if (entries.length === 0) throw inputError(context, itemIndex, '"Destinations" is empty', 'Add at least one number to call.');
	return entries.map((entry, index) => {
		const position = index + 1;
		const typed = String(entry.number ?? '').trim();
		const number = toE164(typed);
		if (!number) {
			throw inputError(
				context,
				itemIndex,
				`"Destinations" entry ${position} is not an E.164 phone number: ${JSON.stringify(typed)}`,
				'Write numbers with a plus and the country code, e.g. +14155559876. Nothing was dialled.',
			);
		}
		const metadata = readMetadata(context, itemIndex, entry.metadata, position);
		return { to_number: number, ...(metadata ? { metadata } : {}) };
	});
}

function errorText(error: unknown): string {
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object') {
		const { message, title } = error as { message?: unknown; title?: unknown };
		if (typeof message === 'string') return message;
		if (typeof title === 'string') return title;
	}
	return JSON.stringify(error);
}

/**
 * Places one call per destination. Destinations succeed or fail on their own (§9.4): each becomes its
 * own output item, paired to the input item, with its call ID or its error. The request is sent with the
 * once-only policy: after a server error or a reset it is never resent, so nobody is dialled twice.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]> {
	assertOperationVersion(this, itemIndex, client.apiVersion, 'outboundCalls', OPERATION);
	const agentId = readAgentId(this, itemIndex, client, OPERATION);
	const fromNumberId = requiredPathId(this, itemIndex, { name: 'fromNumber', displayName: 'From Number', what: 'phone number', example: 'e.g. ap_abc123' });
	const destinations = readDestinations(this, itemIndex);
	const { ringingTimeoutSeconds } = this.getNodeParameter('options', itemIndex, {}) as { ringingTimeoutSeconds?: number };
	if (ringingTimeoutSeconds !== undefined && (!Number.isInteger(ringingTimeoutSeconds) || ringingTimeoutSeconds < 5 || ringingTimeoutSeconds > 80)) {
		throw inputError(this, itemIndex, `"Ringing Timeout (Seconds)" must be a whole number from 5 to 80, not ${ringingTimeoutSeconds}`);
	}
	const answer = await client.json<{ calls?: OutboundResult[] }>({
		method: 'POST',
		path: CALLS_PATH,
		json: { agent_id: agentId, from_number_id: fromNumberId, outbound_calls: destinations, ringing_timeout_seconds: ringingTimeoutSeconds },
		retry: 'once',
	});
	const results = Array.isArray(answer.calls) ? answer.calls : [];
	// Cartesia answers one entry per destination, in order; an entry that is missing is said so, not guessed.
	return destinations.map((destination, index): INodeExecutionData => {
		const result = results[index] ?? { error: 'Cartesia did not answer for this destination' };
		const json: IDataObject = { number: result.number ?? destination.to_number, agentId, fromNumberId };
		if (typeof result.agent_call_id === 'string' && result.error === undefined) json.callId = result.agent_call_id;
		else json.error = result.error === undefined ? 'Cartesia gave no call ID for this destination' : errorText(result.error);
		if (result.error !== undefined && typeof result.error === 'object') json.errorDetails = result.error as IDataObject;
		return { json, pairedItem: { item: itemIndex } };
	});
}
