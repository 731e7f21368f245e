/**
 * A whole workflow, as n8n stores it, run by n8n-core's WorkflowExecute with the package loaded
 * from dist/ by n8n's own PackageDirectoryLoader.
 */
import { runWorkflow } from './harness';
import { CARTESIA_NODE_TYPE, useStandIn } from './helpers/cartesia';

const standIn = useStandIn();

const credentials = { cartesiaApi: { id: 'cred-1', name: 'Cartesia account' } };

const workflow = {
	name: 'Voice library digest',
	nodes: [
		{ id: 'a', name: 'Start', type: 'harness.itemsTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b',
			name: 'Status',
			type: CARTESIA_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'apiStatus', operation: 'get' },
			credentials,
		},
		{
			id: 'c',
			name: 'Owned Voices',
			type: CARTESIA_NODE_TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters: { resource: 'voice', operation: 'getMany', returnAll: false, limit: 3, filters: { ownedOnly: true } },
			credentials,
		},
		{
			id: 'd',
			name: 'Rename',
			type: CARTESIA_NODE_TYPE,
			typeVersion: 1,
			position: [600, 0],
			parameters: {
				resource: 'voice',
				operation: 'update',
				voice: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { name: '={{ $json.name }} (reviewed {{ $("Status").item.json.version }})' },
			},
			credentials,
		},
	],
	connections: {
		Start: { main: [[{ node: 'Status', type: 'main', index: 0 }]] },
		Status: { main: [[{ node: 'Owned Voices', type: 'main', index: 0 }]] },
		'Owned Voices': { main: [[{ node: 'Rename', type: 'main', index: 0 }]] },
	},
};

describe('a workflow through the n8n engine', () => {
	it('runs trigger → API Status → Get Many → Update, with expressions reading earlier nodes', async () => {
		const result = await runWorkflow({
			workflow: workflow as never,
			credentials: { cartesiaApi: { apiKey: standIn().apiKey, apiVersion: '2025-11-04', baseUrl: standIn().url } },
			triggerItems: [{}],
		});
		expect(result.error).toBeUndefined();
		expect(result.executedNodes).toEqual(['Start', 'Status', 'Owned Voices', 'Rename']);
		const owned = standIn()
			.voices()
			.filter((voice) => voice.isOwner)
			.slice(0, 3);
		const version = result.output('Status')[0].json.version;
		const renamed = result.output('Rename');
		expect(renamed.map((item) => item.json.id)).toEqual(owned.map((voice) => voice.id));
		expect(renamed.map((item) => item.json.name)).toEqual(
			owned.map((voice) => `${voice.name.replace(/ \(reviewed .*\)$/, '')} (reviewed ${version})`),
		);
		expect(renamed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const patches = standIn().requests.filter((request) => request.method === 'PATCH');
		expect(patches).toHaveLength(3);
	});
});
