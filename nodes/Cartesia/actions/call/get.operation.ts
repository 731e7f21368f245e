import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callOutput, callPath, type AgentCall } from '../../helpers/agents';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';
import { callIdProperty, readCallId } from './shared';

const properties: INodeProperties[] = [callIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, properties);

/** GET /agents/calls/{id} carries the transcript without being asked (§9.3). */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]> {
	const callId = readCallId(this, itemIndex, client, 'Call → Get');
	const call = await client.json<AgentCall>({ method: 'GET', path: callPath(callId), retry: 'repeatable' });
	return pairedItems(callOutput(call), itemIndex);
}
