/** The agent and From Number pickers (methods/agentSearch.ts) against the stand-in. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchAgentPhoneNumbers, searchAgents } from '../../nodes/Cartesia/methods/agentSearch';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { useStandIn } from '../helpers/cartesia';
import { cartesiaNode } from '../helpers/node';

const standIn = useStandIn({ voiceCount: 3 });

function context(apiVersion: ApiVersion, agent?: unknown): ILoadOptionsFunctions {
	return {
		getCredentials: async () => ({ apiKey: standIn().apiKey, apiVersion, baseUrl: standIn().url }),
		getNode: cartesiaNode,
		getCurrentNodeParameter: (name: string) => (name === 'agent' ? agent : undefined),
	} as unknown as ILoadOptionsFunctions;
}

describe('the agent picker (searchAgents)', () => {
	it('lists every agent by name and ID, and filters on either', async () => {
		const agents = standIn().agents();
		const all = await searchAgents.call(context('2026-08-14'));
		expect(all.results).toEqual(agents.map((agent) => ({ name: `${agent.name} (${agent.id})`, value: agent.id })));
		const sales = await searchAgents.call(context('2026-08-14'), 'SALES');
		expect(sales.results.map((result) => result.value)).toEqual([agents[1].id]);
	});

	it('on 2024-11-13, says which version has agents, without a request', async () => {
		await expect(searchAgents.call(context('2024-11-13'))).rejects.toThrow('needs Cartesia-Version 2025-04-16 and later');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('the From Number picker (searchAgentPhoneNumbers)', () => {
	it("lists the chosen agent's phone numbers", async () => {
		const [agent] = standIn().agents();
		const page = await searchAgentPhoneNumbers.call(context('2026-08-14', { __rl: true, mode: 'list', value: agent.id }));
		expect(page.results).toEqual([{ name: `${agent.phoneNumbers[0].number} (${agent.phoneNumbers[0].id})`, value: agent.phoneNumbers[0].id }]);
		expect(standIn().requests[0].path).toBe(`/agents/${agent.id}/phone-numbers`);
	});

	it('asks for the agent first when none is chosen', async () => {
		await expect(searchAgentPhoneNumbers.call(context('2026-08-14', { __rl: true, mode: 'list', value: '' }))).rejects.toThrow('Choose the agent first');
	});
});
