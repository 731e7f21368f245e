import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readResultLimit, returnAllProperties } from '../../descriptions/returnAll';
import { CALLS_PATH, callOutput, type AgentCall } from '../../helpers/agents';
import { cursorPages } from '../../helpers/cursorPages';
import type { CartesiaClient } from '../../transport';
import { agentProperty, readAgentId } from '../agent/shared';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	agentProperty,
	...returnAllProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Transcript',
				name: 'includeTranscript',
				type: 'boolean',
				default: false,
				description: "Whether to include each call's transcript, as turns of role, text, start and end",
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getMany'] } }, properties);

/** An agent's calls, newest first, through the cursor; `expand=transcript` is a plain parameter here, not `expand[]` (§9.3). */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]> {
	const agentId = readAgentId(this, itemIndex, client, 'Call → Get Many');
	const limit = readResultLimit(this, itemIndex);
	const { includeTranscript = false } = this.getNodeParameter('options', itemIndex, {}) as { includeTranscript?: boolean };
	const query = { agent_id: agentId, expand: includeTranscript ? 'transcript' : undefined };
	const calls: AgentCall[] = [];
	for await (const page of cursorPages<AgentCall>(client, CALLS_PATH, query, { max: limit })) calls.push(...page.items);
	return pairedItems(calls.map(callOutput), itemIndex);
}
