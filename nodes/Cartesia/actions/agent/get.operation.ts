import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentPath, type AgentSummary } from '../../helpers/agents';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';
import { agentProperty, readAgentId } from './shared';

const properties: INodeProperties[] = [agentProperty];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]> {
	const agentId = readAgentId(this, itemIndex, client, 'Agent → Get');
	const agent = await client.json<AgentSummary>({ method: 'GET', path: agentPath(agentId), retry: 'repeatable' });
	return pairedItems(agent, itemIndex);
}
