import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertOperationVersion, requiredPathId } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';

/** The call Get and Download Audio work on. */
export const callIdProperty: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ac_abc123',
	description: 'The ID of the call, as Get Many or the Cartesia Agent Trigger gives it',
};

/** The chosen call's ID, once the version is known to have agents (2025-04-16 and later). */
export function readCallId(context: IExecuteFunctions, itemIndex: number, client: CartesiaClient, operation: string): string {
	assertOperationVersion(context, itemIndex, client.apiVersion, 'agents', operation);
	return requiredPathId(context, itemIndex, { name: 'callId', displayName: 'Call ID', what: 'call', example: 'e.g. ac_abc123' });
}
