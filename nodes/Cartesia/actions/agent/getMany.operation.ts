import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readResultLimit, returnAllProperties } from '../../descriptions/returnAll';
import { AGENTS_PATH, type AgentSummary } from '../../helpers/agents';
import { assertOperationVersion } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [...returnAllProperties];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['getMany'] } }, properties);

/** GET /agents answers every agent at once, unpaged (§9.2): the Limit is applied here. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]> {
	assertOperationVersion(this, itemIndex, client.apiVersion, 'agents', 'Agent → Get Many');
	const limit = readResultLimit(this, itemIndex);
	const answer = await client.json<{ summaries?: AgentSummary[] }>({ method: 'GET', path: AGENTS_PATH, retry: 'repeatable' });
	const agents = answer.summaries ?? [];
	return pairedItems(limit === undefined ? agents : agents.slice(0, limit), itemIndex);
}
