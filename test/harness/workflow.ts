/**
 * Workflow JSON (as n8n exports it) and a builder for the common "trigger → a → b → …" chain.
 */
import type {
	IConnections,
	INode,
	INodeCredentials,
	INodeParameters,
	IPinData,
	IWorkflowSettings,
} from 'n8n-workflow';

import { HARNESS_TRIGGER_TYPE } from './harness-nodes';

/** A node as stored in workflow JSON; `id`, `typeVersion`, `position` and `parameters` may be omitted. */
export type WorkflowNodeJson = Omit<INode, 'id' | 'typeVersion' | 'position' | 'parameters'> & {
	id?: string;
	typeVersion?: number;
	position?: [number, number];
	parameters?: INodeParameters;
};

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeJson[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: Record<string, unknown>;
	[key: string]: unknown;
}

/** A node in a chain. `credentials` may list credential type names as a shorthand. */
export type ChainNode = Omit<WorkflowNodeJson, 'name' | 'credentials'> & {
	name?: string;
	credentials?: INodeCredentials | string[];
};

export interface ChainOptions {
	/** The first node; default `{ name: 'Trigger', type: 'harness.itemsTrigger' }`. `false`: none. */
	trigger?: Partial<ChainNode> | false;
	settings?: IWorkflowSettings;
	name?: string;
	id?: string;
}

function defaultName(type: string): string {
	const short = type.includes('.') ? type.slice(type.lastIndexOf('.') + 1) : type;
	return short.charAt(0).toUpperCase() + short.slice(1);
}

/** `['cartesiaApi']` → `{ cartesiaApi: { id: 'cartesiaApi', name: 'cartesiaApi' } }`. */
export function nodeCredentials(credentials: INodeCredentials | string[]): INodeCredentials {
	if (!Array.isArray(credentials)) return credentials;
	return Object.fromEntries(credentials.map((type) => [type, { id: type, name: type }]));
}

/**
 * Builds workflow JSON with the nodes connected one after the other on main output 0
 * (preceded by the harness trigger unless `trigger: false`). Unnamed nodes get their type's
 * short name, with a number appended on repeats.
 */
export function chainWorkflow(nodes: ChainNode[], options: ChainOptions = {}): WorkflowJson {
	const all: ChainNode[] = [];
	if (options.trigger !== false) {
		all.push({ name: 'Trigger', type: HARNESS_TRIGGER_TYPE, ...(options.trigger ?? {}) } as ChainNode);
	}
	all.push(...nodes);
	const used = new Set<string>();
	const built: WorkflowNodeJson[] = all.map((node, index) => {
		let name = node.name ?? defaultName(node.type);
		if (node.name === undefined && used.has(name)) {
			let n = 2;
			while (used.has(`${name}${n}`)) n++;
			name = `${name}${n}`;
		}
		if (used.has(name)) throw new Error(`Duplicate node name "${name}" in chain`);
		used.add(name);
		const { credentials, ...rest } = node;
		return {
			id: `node-${index}`,
			position: [index * 220, 0],
			parameters: {},
			...rest,
			name,
			...(credentials ? { credentials: nodeCredentials(credentials) } : {}),
		};
	});
	const connections: IConnections = {};
	for (let i = 0; i < built.length - 1; i++) {
		connections[built[i].name] = {
			main: [[{ node: built[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		...(options.id ? { id: options.id } : {}),
		name: options.name ?? 'Harness chain',
		nodes: built,
		connections,
		settings: options.settings ?? { executionOrder: 'v1' },
	};
}
