import type { INode } from 'n8n-workflow';

/** A Cartesia node as n8n hands it to code that builds errors (the transport, list search). */
export function cartesiaNode(): INode {
	return {
		id: '1',
		name: 'Cartesia',
		type: 'n8n-nodes-cartesia.cartesia',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}
