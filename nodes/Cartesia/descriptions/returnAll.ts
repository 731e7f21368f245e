import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../helpers/validation';

/** Return All / Limit, for every list that pages through Cartesia's cursor. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How many results to collect: undefined for all; a Limit that is not a whole number of at least 1 fails the item. */
export function readResultLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw inputError(context, itemIndex, `"Limit" must be a whole number of at least 1, not ${limit}`);
	}
	return limit;
}
