/**
 * The canvas subtitle says what the node does ("Generate speech"), read from the same operation
 * selectors as the node creator's action list, and evaluated as n8n evaluates it.
 */
import type { INode, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Cartesia } from '../nodes/Cartesia/Cartesia.node';
import { ACTIONS, RESOURCES } from '../nodes/Cartesia/actions/resources';

const nodeType = new Cartesia();
const nodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** The subtitle the editor shows for a node with these parameters. */
function subtitle(parameters: INode['parameters']): unknown {
	const node: INode = {
		id: '1',
		name: 'Cartesia',
		type: 'n8n-nodes-cartesia.cartesia',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle!, 'internal', {});
}

describe('the canvas subtitle', () => {
	it.each([
		['speech', 'generate', 'Generate speech'],
		['speech', 'generateWithTimestamps', 'Generate speech with timestamps'],
		['transcription', 'transcribe', 'Transcribe audio to text'],
		['voice', 'getMany', 'Get many voices'],
		['voice', 'mix', 'Mix voices with the retired endpoint'],
		['apiStatus', 'get', 'Get the API status'],
	])('reads %s → %s as "%s"', (resource, operation, expected) => {
		expect(subtitle({ resource, operation })).toBe(expected);
	});

	it('knows every operation of every resource', () => {
		const pairs = Object.entries(RESOURCES).flatMap(([resource, { operations }]) =>
			Object.keys(operations).map((operation) => `${resource}:${operation}`),
		);
		expect(Object.keys(ACTIONS).sort()).toEqual(pairs.sort());
	});

	it('falls back to the raw pair for an operation it does not know', () => {
		expect(subtitle({ resource: 'voice', operation: 'teleport' })).toBe('teleport: voice');
	});
});
