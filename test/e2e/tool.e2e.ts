/**
 * The node as an AI-agent tool inside the real n8n application: the `n8n-nodes-cartesia.cartesiaTool`
 * type n8n builds from `usableAsTool`, driven by n8n's hidden Tool Executor node (the node n8n uses to
 * run a tool without an agent), so no language model is needed. The tools are the ones of
 * examples/agent-tool.json. Asserts the JSON the model would receive, and that the audio's signed
 * link downloads the file from the running app.
 */
import { request } from 'undici';

import { Cartesia } from '../../nodes/Cartesia/Cartesia.node';
import { toolNodeType } from '../harness/tool';
import { startStandIn, type StandIn } from '../standin';
import { assertInstalled, N8N_INSTALLS, type N8nInstall } from './cache';
import { N8nApp, type ExecutionJson } from './n8nApp';
import { packedTarball } from './pack';
import { CREDENTIAL, exampleWorkflow, prepareForStandIn } from './workflows';

const selected = (process.env.N8N_E2E_VERSIONS ?? '').split(',').filter(Boolean);
const installs = N8N_INSTALLS.filter((install) => !selected.length || selected.includes(install.version));

const WORKFLOW_ID = 'agentToolExec001';

type Json = Record<string, any>;

/** The example's Cartesia tools, each called once by a Tool Executor with the model's arguments. */
function toolExecutorWorkflow(calls: Record<string, Json>): Json {
	const example = prepareForStandIn(exampleWorkflow('agent-tool.json'), WORKFLOW_ID, '');
	const tools = (example.nodes as Json[]).filter((node) => node.type === 'n8n-nodes-cartesia.cartesiaTool');
	const nodes: Json[] = [
		{ id: 'trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...tools,
	];
	const connections: Json = { Start: { main: [[]] } };
	for (const [index, tool] of tools.entries()) {
		const executor = `Call ${tool.name}`;
		// The tool's name as the model sees it: n8n's nodeNameToToolName turns spaces into underscores.
		const toolName = tool.name.replace(/ /g, '_');
		nodes.push({
			id: `executor${index}`,
			name: executor,
			type: '@n8n/n8n-nodes-langchain.toolExecutor',
			typeVersion: 1,
			position: [300, index * 200],
			parameters: { query: JSON.stringify({ [toolName]: calls[tool.name] }), toolName: '', node: '' },
		});
		connections.Start.main[0].push({ node: executor, type: 'main', index: 0 });
		connections[tool.name] = { ai_tool: [[{ node: executor, type: 'ai_tool', index: 0 }]] };
	}
	return { ...example, nodes, connections, pinData: {} };
}

/** What the model received from a tool: the `response` n8n recorded on the tool node's ai_tool output. */
function toolResponse(run: ExecutionJson, toolNode: string): Json[] {
	const runs = run.data.resultData.runData[toolNode] as unknown as Array<{ data?: { ai_tool?: Array<Array<{ json: Json }>> }; error?: Json }>;
	if (!runs?.length) throw new Error(`tool "${toolNode}" did not run: ${JSON.stringify(run.data.resultData.error ?? {})}`);
	const last = runs[runs.length - 1];
	if (!last.data?.ai_tool) throw new Error(`tool "${toolNode}" failed: ${JSON.stringify(last.error)}`);
	return last.data.ai_tool[0][0].json.response as Json[];
}

describe.each(installs)('$label: Cartesia as an AI-agent tool', (install: N8nInstall) => {
	let standIn: StandIn;
	let app: N8nApp;
	let run: ExecutionJson;
	let voice: { id: string; name: string };

	beforeAll(async () => {
		assertInstalled(install);
		standIn = await startStandIn();
		const voices = standIn.voices();
		voice = voices.find((candidate) => voices.filter((other) => other.name === candidate.name).length === 1)!;
		app = await N8nApp.create(install, await packedTarball());
		await app.importCredentials([
			{ ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey: standIn.apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url } },
		]);
		await app.importWorkflows([
			toolExecutorWorkflow({
				Speak: { transcript: 'Your table is ready.', voice_name: voice.name.toUpperCase(), language: 'en' },
				'Find Voices': { search: 'narrator', limit: 2 },
			}),
		]);
		({ run } = await app.execute(WORKFLOW_ID));
	});

	afterAll(async () => {
		await app?.dispose();
		await standIn?.close();
	});

	it('builds the same tool type from the node as the harness does (n8n convertNodeToAiTool)', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { convertNodeToAiTool } = require(`${install.dir}/node_modules/n8n/dist/tool-generation/ai-tools.js`) as {
			convertNodeToAiTool(item: { description: Json }): { description: Json };
		};
		const fromN8n = convertNodeToAiTool({ description: JSON.parse(JSON.stringify(new Cartesia().description)) }).description;
		const fromHarness = JSON.parse(JSON.stringify(toolNodeType(new Cartesia()).description));
		expect(fromHarness).toEqual(fromN8n);
	});

	it('Speak (Speech → Generate): the model receives a summary and a download link, no binary', () => {
		const response = toolResponse(run, 'Speak');
		expect(response).toEqual([
			expect.objectContaining({
				characters: 'Your table is ready.'.length,
				model: 'sonic-3',
				voiceId: voice.id,
				fileName: 'reply.mp3',
				mimeType: 'audio/mpeg',
				container: 'mp3',
				bytes: expect.any(Number),
				durationSeconds: expect.any(Number),
				downloadUrl: expect.stringMatching(new RegExp(`^${app.baseUrl}/rest/binary-data/signed\\?token=`)),
			}),
		]);
		const tts = standIn.requests.find((entry) => entry.path === '/tts/bytes');
		expect(tts?.json).toMatchObject({ transcript: 'Your table is ready.', voice: { mode: 'id', id: voice.id }, language: 'en' });
		// The Tool Executor passes the same answer on as its output, as text.
		const [executorItem] = run.data.resultData.runData['Call Speak'][0].data!.main[0];
		expect(JSON.stringify(executorItem.json)).toContain(voice.id);
	});

	it('Find Voices (Voice → Get Many): short voice records, search and limit from the model', () => {
		const response = toolResponse(run, 'Find Voices');
		expect(response).toHaveLength(2);
		for (const record of response) {
			expect(Object.keys(record).every((key) => ['id', 'name', 'language', 'gender', 'description'].includes(key))).toBe(true);
			expect(`${record.name} ${record.description}`.toLowerCase()).toContain('narrator');
		}
	});

	describe('the running app', () => {
		beforeAll(async () => await app.start());
		afterAll(async () => await app.stop());

		it('serves the audio at the signed link, without signing in', async () => {
			const [summary] = toolResponse(run, 'Speak');
			const response = await request(String(summary.downloadUrl));
			const body = Buffer.from(await response.body.arrayBuffer());
			expect(response.statusCode).toBe(200);
			expect(String(response.headers['content-type'])).toMatch(/^audio\/mpeg/);
			expect(body.length).toBe(summary.bytes);
			// An MP3 starts with an ID3 tag or a frame sync.
			expect(body.subarray(0, 3).toString('latin1') === 'ID3' || (body[0] === 0xff && (body[1] & 0xe0) === 0xe0)).toBe(true);
		});
	});
});
