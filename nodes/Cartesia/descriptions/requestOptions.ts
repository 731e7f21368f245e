import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TransportOptions } from '../transport';

/** Retry and time-limit settings, shown once for every operation. Defaults match DEFAULT_TRANSPORT_OPTIONS. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Connect Timeout (Seconds)',
			name: 'connectTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How long to wait for a connection to Cartesia',
		},
		{
			displayName: 'Idle Timeout (Seconds)',
			name: 'idleTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'How long an open connection (or a narration’s WebSocket) may stay silent. There is no limit on total time, so large uploads take as long as they need.',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How many items may wait on Cartesia at once. 0 (automatic) finds your plan’s concurrency limit from Cartesia’s answers and settles there (text to speech starts at 15, the largest plan, and narrows at the first refusals), one window shared by every execution of this credential in the same n8n process; a number caps this execution’s requests on top of that.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 2,
			description:
				'How often to retry a request Cartesia refused for load (429) or, for reads and generation, a server error or dropped connection',
		},
		{
			displayName: 'Max Retry-After Wait (Seconds)',
			name: 'maxRetryAfter',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: 'The longest Retry-After wait to honour; a longer one fails the item instead',
		},
		{
			displayName: 'Max Wait for Capacity (Seconds)',
			name: 'maxCapacityWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description:
				'With Max Concurrent Requests at 0 (automatic): how long an item keeps waiting for your plan to have room after Cartesia first refuses it for concurrency, before it fails',
		},
	],
};

/** Each option's display name, its bounds, and how it maps onto the transport. */
const NUMERIC_OPTIONS = [
	{ name: 'connectTimeout', displayName: 'Connect Timeout (Seconds)', min: 0, exclusiveMin: true, key: 'connectTimeoutMs', unit: 1000 },
	{ name: 'idleTimeout', displayName: 'Idle Timeout (Seconds)', min: 0, exclusiveMin: true, key: 'idleTimeoutMs', unit: 1000 },
	{ name: 'maxRetries', displayName: 'Max Retries', min: 0, max: 10, integer: true, key: 'maxRetries', unit: 1 },
	{ name: 'maxRetryAfter', displayName: 'Max Retry-After Wait (Seconds)', min: 0, key: 'maxRetryAfterMs', unit: 1000 },
	{ name: 'maxCapacityWait', displayName: 'Max Wait for Capacity (Seconds)', min: 0, key: 'maxCapacityWaitMs', unit: 1000 },
] as const satisfies ReadonlyArray<{
	name: string;
	displayName: string;
	min: number;
	exclusiveMin?: boolean;
	max?: number;
	integer?: boolean;
	key: keyof TransportOptions;
	unit: number;
}>;

/**
 * The transport options per item. When no option is an expression they are the same for every item,
 * so they are read once (resolving parameters is a large share of a node's per-item cost); a bad value
 * then fails every item, each under its own index.
 */
export function transportOptionsReader(context: IExecuteFunctions): (itemIndex: number) => Partial<TransportOptions> {
	const raw = context.getNode().parameters.requestOptions;
	const usesExpressions = JSON.stringify(raw ?? {}).includes('"=');
	if (usesExpressions) return (itemIndex) => readTransportOptions(context, itemIndex);
	let shared: Partial<TransportOptions> | undefined;
	let problem: string | undefined;
	try {
		shared = readTransportOptions(context, 0);
	} catch (error) {
		problem = (error as Error).message;
	}
	return (itemIndex) => {
		if (problem !== undefined) throw new NodeOperationError(context.getNode(), problem, { itemIndex });
		return shared!;
	};
}

/** Request Options for one item; a value outside its bounds (from an expression, say) fails the item. */
export function readTransportOptions(context: IExecuteFunctions, itemIndex: number): Partial<TransportOptions> {
	const raw = context.getNodeParameter('requestOptions', itemIndex, {}) as Record<string, unknown>;
	const options: Partial<Record<keyof TransportOptions, number>> = {};
	for (const option of NUMERIC_OPTIONS) {
		const value = raw[option.name];
		if (value === undefined || value === '') continue;
		const number = typeof value === 'number' ? value : Number(value);
		const tooLow = 'exclusiveMin' in option ? number <= option.min : number < option.min;
		const tooHigh = 'max' in option && number > option.max;
		const notWhole = 'integer' in option && !Number.isInteger(number);
		if (!Number.isFinite(number) || tooLow || tooHigh || notWhole) {
			const bounds =
				'max' in option
					? `a whole number from ${option.min} to ${option.max}`
					: 'exclusiveMin' in option
						? `more than ${option.min}`
						: `${option.min} or more`;
			throw new NodeOperationError(
				context.getNode(),
				`"${option.displayName}" in Request Options must be ${bounds}, not ${JSON.stringify(value)}`,
				{ itemIndex, description: `Set "${option.displayName}" to ${bounds}, or remove the option to use its default.` },
			);
		}
		options[option.key] = Math.round(number * option.unit);
	}
	return options;
}

/** Concurrency is one setting for the whole execution, read from the first item. */
export function readMaxConcurrentRequests(context: IExecuteFunctions): number {
	const raw = context.getNodeParameter('requestOptions', 0, {}) as { maxConcurrentRequests?: unknown };
	const value = raw.maxConcurrentRequests === undefined || raw.maxConcurrentRequests === '' ? 0 : Number(raw.maxConcurrentRequests);
	if (!Number.isFinite(value) || value < 0) {
		throw new NodeOperationError(
			context.getNode(),
			`"Max Concurrent Requests" in Request Options must be 0 (automatic) or more, not ${JSON.stringify(raw.maxConcurrentRequests)}`,
			{ itemIndex: 0 },
		);
	}
	return Math.floor(value);
}
