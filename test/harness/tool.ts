/**
 * AI-agent tools in the harness, built the way the n8n application builds them:
 * - `toolNodeType`: the `<node>Tool` type n8n makes from a node with `usableAsTool` (a copy of
 *   `convertNodeToAiTool` and `setToolCodex`, packages/cli/src/tool-generation/ in n8n-io/n8n,
 *   as shipped in n8n 2.41.1: no inputs, one `ai_tool` output, a Tool Description, the AI/Tools codex).
 *   n8n-core then runs such a node as a tool itself: `getInputConnectionData` wraps it with
 *   `createNodeAsTool` (the `$fromAI` schema) and `makeHandleToolInvocation` (the call, the result).
 * - `harness.agent`: plays the agent without a language model. It asks n8n-core for its connected
 *   tools, exactly as the AI Agent node does, and makes the calls listed in its `calls` parameter.
 */
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

export const HARNESS_AGENT_TYPE = 'harness.agent';

/** n8n's `convertNodeToAiTool`, applied to a copy of the node type (the original stays as it is). */
export function toolNodeType(base: INodeType): INodeType {
	const source = base.description;
	const properties: INodeProperties[] = [...source.properties];
	const description: INodeTypeDescription = {
		...source,
		name: `${source.name}Tool`,
		displayName: `${source.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	};
	delete description.usableAsTool;
	if (!properties.some((property) => property.name === 'toolDescription')) {
		const descriptionProperty: INodeProperties = {
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: source.description,
			required: true,
			typeOptions: { rows: 2 },
			description:
				'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
		};
		let lastCallout = -1;
		properties.forEach((property, index) => property.type === 'callout' && (lastCallout = index));
		properties.splice(lastCallout + 1, 0, descriptionProperty);
		if (properties.some((property) => property.name === 'resource' || property.name === 'operation')) {
			properties.splice(lastCallout + 1, 0, {
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto', description: 'Automatically set based on resource and operation' },
					{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
				],
				default: 'auto',
			});
			descriptionProperty.displayOptions = { show: { descriptionType: ['manual'] } };
		}
	}
	description.properties = properties;
	description.codex = {
		categories: ['AI'],
		subcategories: { AI: ['Tools'], Tools: source.codex?.subcategories?.Tools ?? ['Other Tools'] },
		resources: source.codex?.resources ?? {},
		...(source.codex?.alias ? { alias: source.codex.alias } : {}),
	};
	// Like n8n: the tool keeps the node's methods (execute, listSearch…) and changes only its description.
	return Object.create(base, { description: { value: description } }) as INodeType;
}

/** The parts of a LangChain tool the harness agent uses. */
interface ConnectedTool {
	name: string;
	description: string;
	schema?: { shape?: Record<string, { description?: string; _def?: { typeName?: string } }> };
	invoke(args: IDataObject): Promise<unknown>;
}

/** One call the agent makes: the tool (by name; the only tool when left out) and the model's arguments. */
export interface AgentCall {
	tool?: string;
	args: IDataObject;
}

/**
 * The agent's output, one item per call: the tool's name, description and `$fromAI` schema (what the
 * model is shown), and `response`, the JSON the model receives (or `error`, the text it receives when
 * the call fails).
 */
export function createAgentType(): INodeType {
	return {
		description: {
			displayName: 'Harness Agent',
			name: HARNESS_AGENT_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Calls its connected tools with given arguments, as an AI agent would (test only)',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const raw = this.getNodeParameter('calls', 0, '[]') as string | AgentCall[];
			const calls = typeof raw === 'string' ? jsonParse<AgentCall[]>(raw) : raw;
			const tools = ((await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) ?? []) as ConnectedTool[];
			const output: INodeExecutionData[] = [];
			for (const call of calls) {
				const tool = call.tool === undefined && tools.length === 1 ? tools[0] : tools.find((candidate) => candidate.name === call.tool);
				if (!tool) throw new NodeOperationError(this.getNode(), `No connected tool is named "${call.tool}"`);
				const schema = Object.fromEntries(
					Object.entries(tool.schema?.shape ?? {}).map(([key, field]) => [
						key,
						{ type: field._def?.typeName ?? 'unknown', description: field.description ?? '' },
					]),
				);
				const json: IDataObject = { tool: tool.name, description: tool.description, schema };
				try {
					const answer = await tool.invoke(call.args);
					json.response = typeof answer === 'string' ? (jsonParse(answer) as IDataObject) : (answer as IDataObject);
				} catch (error) {
					json.error = (error as Error).message;
				}
				output.push({ json });
			}
			return [output];
		},
	};
}
