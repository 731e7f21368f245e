/**
 * Runs the Cartesia node as an AI-agent tool in the n8n engine: the `n8n-nodes-cartesia.cartesiaTool`
 * type (built as n8n builds it from `usableAsTool`) connected to the harness agent, which calls it
 * with the arguments a model would give for its `$fromAI` placeholders.
 */
import type { IDataObject } from 'n8n-workflow';

import { HARNESS_AGENT_TYPE, HARNESS_TRIGGER_TYPE, runWorkflow, type AgentCall, type RunWorkflowResult } from '../harness';
import type { StandIn } from '../standin';
import type { ApiVersion } from '../../nodes/Cartesia/versions';

export const CARTESIA_TOOL_TYPE = 'n8n-nodes-cartesia.cartesiaTool';

/** `={{ $fromAI('key', 'description', 'type') }}`, as the editor's ✨ button writes it. */
export function fromAI(key: string, description = '', type: 'string' | 'number' | 'boolean' | 'json' = 'string'): string {
	return `={{ $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

export interface ToolCallResult {
	/** What the model sees of the tool: name, description and the `$fromAI` schema. */
	tool: { name: string; description: string; schema: Record<string, { type: string; description: string }> };
	/** The JSON the model receives for each call (an array: one entry per output item). */
	responses: IDataObject[][];
	/** The error text the model receives, per call, when a call fails. */
	errors: Array<string | undefined>;
	result: RunWorkflowResult;
}

export async function callCartesiaTool(
	standIn: StandIn,
	parameters: Record<string, unknown>,
	calls: AgentCall[],
	options: { apiVersion?: ApiVersion; binaryMode?: 'memory' | 'filesystem' } = {},
): Promise<ToolCallResult> {
	const result = await runWorkflow({
		workflow: {
			nodes: [
				{ name: 'Trigger', type: HARNESS_TRIGGER_TYPE },
				{ name: 'Agent', type: HARNESS_AGENT_TYPE, parameters: { calls: JSON.stringify(calls) } },
				{
					name: 'Cartesia',
					type: CARTESIA_TOOL_TYPE,
					parameters: parameters as never,
					credentials: { cartesiaApi: { id: 'cartesiaApi', name: 'cartesiaApi' } },
				},
			],
			connections: {
				Trigger: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
				Cartesia: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
			},
		},
		credentials: {
			cartesiaApi: { apiKey: standIn.apiKey, apiVersion: options.apiVersion ?? '2025-11-04', baseUrl: standIn.url },
		},
		triggerItems: [{}],
		binaryMode: options.binaryMode ?? 'filesystem',
	});
	if (result.error) throw result.error;
	const output = result.output('Agent');
	const first = output[0]?.json as IDataObject | undefined;
	return {
		tool: {
			name: String(first?.tool),
			description: String(first?.description),
			schema: (first?.schema ?? {}) as ToolCallResult['tool']['schema'],
		},
		responses: output.map((item) => (item.json.response ?? []) as IDataObject[]),
		errors: output.map((item) => item.json.error as string | undefined),
		result,
	};
}
