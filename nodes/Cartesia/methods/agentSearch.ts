import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { AGENTS_PATH, agentPhoneNumbersPath, type AgentSummary } from '../helpers/agents';
import { locatorRawValue } from '../helpers/validation';
import { CartesiaClient } from '../transport';
import { CREDENTIAL_TYPE, toCartesiaCredentials } from '../transport/credentials';
import { operationVersionProblem, versionSupports } from '../versions';

async function agentClient(context: ILoadOptionsFunctions): Promise<CartesiaClient> {
	const credentials = toCartesiaCredentials(await context.getCredentials(CREDENTIAL_TYPE));
	if (!versionSupports(credentials.apiVersion, 'agents')) {
		const { message, description } = operationVersionProblem('Listing agents', 'agents', credentials.apiVersion);
		throw new Error(`${message}. ${description}`);
	}
	return new CartesiaClient({ credentials, node: context.getNode() });
}

function filtered(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase() ?? '';
	if (!needle) return { results: items };
	return { results: items.filter((item) => [item.name, String(item.value)].some((text) => text.toLowerCase().includes(needle))) };
}

/** The agent picker's list: GET /agents has no paging or search (§9.2), so one call and a local filter. */
export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await agentClient(this);
	const answer = await client.json<{ summaries?: AgentSummary[] }>({ method: 'GET', path: AGENTS_PATH, retry: 'repeatable' });
	const items = (answer.summaries ?? []).map((agent) => ({ name: agent.name ? `${agent.name} (${agent.id})` : agent.id, value: agent.id }));
	return filtered(items, filter);
}

/** The From Number picker's list: the chosen agent's phone numbers (GET /agents/{id}/phone-numbers). */
export async function searchAgentPhoneNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agentId = locatorRawValue(this.getCurrentNodeParameter('agent'));
	if (typeof agentId !== 'string' || !agentId.trim() || agentId.startsWith('=')) {
		throw new Error('Choose the agent first: the list shows its phone numbers');
	}
	const client = await agentClient(this);
	const numbers = await client.json<Array<{ id: string; number?: string }> | IDataObject>({
		method: 'GET',
		path: agentPhoneNumbersPath(agentId.trim()),
		retry: 'repeatable',
	});
	const list = Array.isArray(numbers) ? numbers : [];
	return filtered(list.map((entry) => ({ name: entry.number ? `${entry.number} (${entry.id})` : entry.id, value: entry.id })), filter);
}
