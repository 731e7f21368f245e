/**
 * The Cartesia Agent Trigger in the real n8n application: examples/call-summary-to-chat.json (plus an HTTP
 * Request node posting its chat message to a receiver here) is activated through n8n's REST API, which
 * runs the trigger's automatic set-up against the stand-in; the stand-in then delivers call events to
 * n8n's production webhook URL (http on loopback, which the https rule allows for loopback only).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startStandIn, type StandIn } from '../standin';
import { assertInstalled, N8N_INSTALLS, type N8nInstall } from './cache';
import { sleep, waitUntil } from './cancellation';
import { N8nApp } from './n8nApp';
import { packedTarball } from './pack';
import { CREDENTIAL, exampleWorkflow, prepareForStandIn } from './workflows';

const WORKFLOW_ID = 'callSummaryE2e01';
/** The example's trigger webhook id: n8n's production URL is /webhook/<id>/webhook. */
const WEBHOOK_ID = '0f1c2d3e-0000-4000-8000-000000000411';

const selected = (process.env.N8N_E2E_VERSIONS ?? '').split(',').filter(Boolean);
const installs = N8N_INSTALLS.filter((install) => !selected.length || selected.includes(install.version));

/** What the workflow posted to the "chat": one body per execution. */
interface ChatReceiver {
	url: string;
	posts: Array<Record<string, unknown>>;
	server: Server;
}

async function chatReceiver(): Promise<ChatReceiver> {
	const posts: Array<Record<string, unknown>> = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`, posts, server };
}

/** The example, pointed at the stand-in's agent, with its chat message posted to the receiver. */
function triggerWorkflow(agentId: string, chatUrl: string): Record<string, any> {
	const workflow = prepareForStandIn(exampleWorkflow('call-summary-to-chat.json'), WORKFLOW_ID, '', '');
	const text = JSON.stringify(workflow).split('agent_your_agent_id').join(agentId);
	const prepared = JSON.parse(text) as Record<string, any>;
	prepared.nodes.push({
		id: '0f1c2d3e-0000-4000-8000-000000000403',
		name: 'Post To Chat',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: {
			method: 'POST',
			url: chatUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ chatMessage: $json.chatMessage, callId: $json.callId }) }}',
			options: {},
		},
	});
	prepared.connections['Chat Message'] = { main: [[{ node: 'Post To Chat', type: 'main', index: 0 }]] };
	return prepared;
}

describe.each(installs)('$label: Cartesia Agent Trigger', (install: N8nInstall) => {
	let standIn: StandIn;
	let app: N8nApp;
	let chat: ChatReceiver;
	let agentId: string;

	beforeAll(async () => {
		assertInstalled(install);
		standIn = await startStandIn({ voiceCount: 3 });
		chat = await chatReceiver();
		agentId = standIn.agents()[0].id;
		app = await N8nApp.create(install, await packedTarball());
		await app.importCredentials([
			{ ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey: standIn.apiKey, apiVersion: '2026-08-14', baseUrl: standIn.url } },
		]);
		await app.importWorkflows([triggerWorkflow(agentId, chat.url)]);
		await app.start();
		await app.signIn();
	});

	afterAll(async () => {
		await app?.dispose();
		await standIn?.close();
		await new Promise<void>((resolve) => (chat ? chat.server.close(() => resolve()) : resolve()));
	});

	const productionUrl = () => `${app.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;

	it('activation attaches a webhook for the production URL to the agent', async () => {
		const workflow = await app.rest('GET', `/rest/workflows/${WORKFLOW_ID}`);
		const activated = await app.rest('POST', `/rest/workflows/${WORKFLOW_ID}/activate`, { versionId: workflow.json.data.versionId });
		expect({ status: activated.status, active: activated.json?.data?.active }).toEqual({ status: 200, active: true });
		// n8n 2.41.1 publishes through an outbox: the set-up runs just after the answer, not before it.
		await waitUntil('the trigger to attach its webhook', () => standIn.agents()[0].webhookId !== null, 30_000);
		const [webhook] = standIn.webhooks();
		expect(webhook).toMatchObject({ url: productionUrl() });
		expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(standIn.agents()[0].webhookId).toBe(webhook.id);
	});

	it('a delivered call_completed starts one execution with the transcript', async () => {
		const delivered = await standIn.deliver({ agentId, type: 'call_completed' });
		expect(delivered.status).toBe(200);
		await waitUntil('the workflow to post its chat message', () => chat.posts.length > 0, 30_000);
		const call = standIn.calls(agentId).find((known) => known.id === (delivered.sent.call as { id: string }).id)!;
		expect(chat.posts).toEqual([
			{
				callId: call.id,
				chatMessage: [
					`📞 Call from ${call.from} (hangup): ${call.summary}`,
					...call.transcript.map((turn) => `${turn.role}: ${turn.text}`),
				].join('\n'),
			},
		]);
		expect(JSON.stringify(chat.posts)).not.toContain(standIn.webhooks()[0].secret);
	});

	it('a wrong or a missing secret gets a 401 and starts nothing; other events are acknowledged and dropped', async () => {
		const wrong = await standIn.deliver({ agentId, type: 'call_completed', secretMode: 'wrong' });
		const missing = await standIn.deliver({ agentId, type: 'call_completed', secretMode: 'missing' });
		const unchosen = await standIn.deliver({ agentId, type: 'call_turn' });
		const unknown = await standIn.deliver({ agentId, type: 'call_transferred' });
		expect([wrong.status, missing.status, unchosen.status, unknown.status]).toEqual([401, 401, 200, 200]);
		await sleep(2_000);
		expect(chat.posts).toHaveLength(1);
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
		const executions = await app.rest('GET', `/rest/executions?filter=${filter}&limit=10`);
		expect(executions.json.data.results).toHaveLength(1);
	});

	it('deactivation detaches and deletes the webhook', async () => {
		const deactivated = await app.rest('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
		expect({ status: deactivated.status, active: deactivated.json?.data?.active }).toEqual({ status: 200, active: false });
		await waitUntil('the trigger to remove its webhook', () => standIn.webhooks().length === 0, 30_000);
		expect(standIn.agents()[0].webhookId).toBeNull();
		expect(standIn.webhooks()).toEqual([]);
		// The log line follows the last request: wait for it rather than read the log at once.
		await waitUntil('the trigger to log what it removed', () => app.log.includes('Cartesia Agent Trigger: detached webhook'), 10_000);
	});
});
