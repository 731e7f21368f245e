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
				'How long an open connection may stay silent. There is no limit on total time, so large uploads take as long as they need.',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How many items may wait on Cartesia at once. 0 (automatic) starts small and settles just under your plan’s concurrency limit; a number sets the limit yourself.',
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
	],
};

/**
 * The transport options per item. When no option is an expression they are the same for every item,
 * so they are read once (resolving parameters is a large share of a node's per-item cost).
 */
export function transportOptionsReader(context: IExecuteFunctions): (itemIndex: number) => Partial<TransportOptions> {
	const raw = context.getNode().parameters.requestOptions;
	const usesExpressions = JSON.stringify(raw ?? {}).includes('"=');
	if (usesExpressions) return (itemIndex) => readTransportOptions(context, itemIndex);
	const shared = readTransportOptions(context, 0);
	return () => shared;
}

export function readTransportOptions(context: IExecuteFunctions, itemIndex: number): Partial<TransportOptions> {
	const raw = context.getNodeParameter('requestOptions', itemIndex, {}) as Record<string, number | undefined>;
	const seconds = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 1000));
	const options: Partial<TransportOptions> = {
		connectTimeoutMs: seconds(raw.connectTimeout),
		idleTimeoutMs: seconds(raw.idleTimeout),
		maxRetries: raw.maxRetries,
		maxRetryAfterMs: seconds(raw.maxRetryAfter),
	};
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Concurrency is one setting for the whole execution, read from the first item. */
export function readMaxConcurrentRequests(context: IExecuteFunctions): number {
	const raw = context.getNodeParameter('requestOptions', 0, {}) as { maxConcurrentRequests?: number };
	const value = raw.maxConcurrentRequests ?? 0;
	if (!Number.isFinite(value) || value < 0) {
		throw new NodeOperationError(context.getNode(), `"Max Concurrent Requests" must be 0 (automatic) or more, not ${value}`, {
			itemIndex: 0,
		});
	}
	return Math.floor(value);
}
