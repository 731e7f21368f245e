/**
 * `npm run demo`: runs the example workflows in examples/ through the n8n engine (n8n-core, in
 * process) with this package loaded from dist/. With CARTESIA_API_KEY set it talks to Cartesia,
 * reading and generating a few seconds of speech only (no voices are created); otherwise it starts
 * the local Cartesia stand-in on 127.0.0.1. Results go to demo-output/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import {
	chainWorkflow,
	HARNESS_AGENT_TYPE,
	HARNESS_SET_TYPE,
	HARNESS_TRIGGER_TYPE,
	runWorkflow,
	type AgentCall,
	type RunWorkflowResult,
} from '../test/harness';
import { startStandIn, type StandIn } from '../test/standin';
import { activateTrigger, deactivateTrigger, eventReceiver, triggerSetting } from '../test/trigger/contexts';

const ROOT = join(__dirname, '..');
const OUTPUT_DIR = join(ROOT, 'demo-output');
/** The voice the example files name; replaced by the first voice of the account. */
const EXAMPLE_VOICE = 'a0e99841-438c-4a64-b679-ae501e7d6091';
/** The recording examples/transcribe-recording-url.json names; replaced by one served on 127.0.0.1. */
const EXAMPLE_RECORDING = 'https://example.com/recordings/voicemail-0142.wav';
/** What the stand-in's recording says. */
const VOICEMAIL = "Hi, it's Dana from Acme. Please call me back about the invoice.";

type Credentials = { apiKey: string; apiVersion: string; baseUrl: string };

type SetAssignment = { name: string; value: unknown };

/**
 * An example workflow, with its placeholders replaced, and n8n's Manual Trigger and Edit Fields (Set)
 * swapped for the harness's own (n8n-nodes-base is not loaded here).
 */
function example(file: string, replacements: Record<string, string>) {
	let text = readFileSync(join(ROOT, 'examples', file), 'utf8');
	for (const [placeholder, value] of Object.entries(replacements)) text = text.split(placeholder).join(value);
	const workflow = JSON.parse(text) as { nodes: Array<{ type: string; typeVersion?: number; parameters: Record<string, unknown> }> };
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.manualTrigger' || node.type === 'n8n-nodes-cartesia.cartesiaAgentTrigger') node.type = HARNESS_TRIGGER_TYPE;
		if (node.type === 'n8n-nodes-base.set') {
			const assignments = (node.parameters.assignments as { assignments?: SetAssignment[] } | undefined)?.assignments ?? [];
			node.type = HARNESS_SET_TYPE;
			delete node.typeVersion;
			node.parameters = { assignments: { values: assignments.map(({ name, value }) => ({ name, value })) } };
		}
	}
	return workflow as never;
}

/** Serves one file on 127.0.0.1, as a recording host would; resolves to its URL. */
async function serveRecording(bytes: Buffer): Promise<{ url: string; close: () => void }> {
	const server = createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': bytes.length });
		response.end(bytes);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/recordings/voicemail-0142.wav`, close: () => server.close() };
}

async function run(label: string, workflow: never, credentials: Credentials, triggerItems: Array<Record<string, unknown>> = [{}]): Promise<RunWorkflowResult> {
	const started = Date.now();
	const result = await runWorkflow({ workflow, credentials: { cartesiaApi: credentials }, triggerItems: triggerItems as never });
	if (result.error) throw Object.assign(result.error, { message: `${label}: ${result.error.message}` });
	console.log(`✔ ${label} (${Date.now() - started} ms)`);
	return result;
}

/** The Cartesia tool nodes of examples/agent-tool.json, connected to the harness agent, which makes `calls`. */
async function runAgentTools(label: string, credentials: Credentials, calls: AgentCall[]): Promise<RunWorkflowResult> {
	const tools = (example('agent-tool.json', {}) as { nodes: Array<{ name: string; type: string }> }).nodes.filter(
		(node) => node.type === 'n8n-nodes-cartesia.cartesiaTool',
	);
	const workflow = {
		nodes: [{ name: 'Trigger', type: HARNESS_TRIGGER_TYPE }, { name: 'Agent', type: HARNESS_AGENT_TYPE, parameters: { calls: JSON.stringify(calls) } }, ...tools],
		connections: {
			Trigger: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			...Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] }])),
		},
	};
	const started = Date.now();
	const result = await runWorkflow({ workflow: workflow as never, credentials: { cartesiaApi: credentials }, triggerItems: [{}], binaryMode: 'filesystem' });
	if (result.error) throw Object.assign(result.error, { message: `${label}: ${result.error.message}` });
	console.log(`✔ ${label} (${Date.now() - started} ms)`);
	return result;
}

/**
 * examples/call-summary-to-chat.json, the whole way: the trigger's automatic set-up attaches a webhook to
 * the stand-in's agent, the stand-in delivers a call_completed with the secret (and once with a wrong
 * one), the trigger's webhook function turns the delivery into an item, and the example's chat message is
 * built from it. Deactivation removes the webhook again.
 */
async function callSummaryToChat(standIn: StandIn, credentials: Credentials): Promise<string> {
	const label = 'examples/call-summary-to-chat.json: Cartesia Agent Trigger on call_completed, into a chat message';
	const agentId = standIn.agents()[0].id;
	const workflow = example('call-summary-to-chat.json', { agent_your_agent_id: agentId }) as unknown as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
	const triggerParameters = JSON.parse(readFileSync(join(ROOT, 'examples', 'call-summary-to-chat.json'), 'utf8').split('agent_your_agent_id').join(agentId)).nodes[0].parameters;
	const setting = triggerSetting(standIn, triggerParameters, { apiKey: credentials.apiKey, baseUrl: credentials.baseUrl, apiVersion: '2026-08-14' });
	const receiver = await eventReceiver(setting);
	try {
		await activateTrigger(setting, { url: receiver.url });
		const delivered = await standIn.deliver({ agentId, type: 'call_completed' });
		const refused = await standIn.deliver({ agentId, type: 'call_completed', secretMode: 'wrong' });
		if (delivered.status !== 200 || refused.status !== 401 || receiver.executions.length !== 1) {
			throw new Error(`${label}: expected one execution (200, then 401 for a wrong secret); got ${delivered.status}, ${refused.status} and ${receiver.executions.length}`);
		}
		const result = await run(label, workflow as never, credentials, receiver.executions[0].map((item) => item.json));
		const [message] = result.output('Chat Message');
		console.log(`  webhook attached to ${agentId}, a wrong secret refused (401); ${String(message.json.chatMessage).split('\n')[0]}`);
		return String(message.json.chatMessage);
	} finally {
		await deactivateTrigger(setting);
		await receiver.close();
	}
}

async function main(): Promise<void> {
	const apiKey = process.env.CARTESIA_API_KEY?.trim();
	let standIn: StandIn | undefined;
	let credentials: Credentials;
	if (apiKey) {
		credentials = {
			apiKey,
			apiVersion: process.env.CARTESIA_API_VERSION ?? '2025-11-04',
			baseUrl: process.env.CARTESIA_BASE_URL ?? 'https://api.cartesia.ai',
		};
		console.log(`Talking to Cartesia at ${credentials.baseUrl} (reads, and a few seconds of speech).`);
	} else {
		standIn = await startStandIn();
		credentials = { apiKey: standIn.apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url };
		console.log(`CARTESIA_API_KEY is not set: using the local Cartesia stand-in at ${standIn.url}.`);
	}
	const cartesia = (name: string, parameters: Record<string, unknown>) => ({
		name,
		type: 'n8n-nodes-cartesia.cartesia',
		parameters: parameters as never,
		credentials: ['cartesiaApi'],
	});
	try {
		const status = (await run('API Status → Get', chainWorkflow([cartesia('Status', { resource: 'apiStatus', operation: 'get' })]) as never, credentials)).output('Status')[0].json;
		console.log(`  ok=${String(status.ok)}, API version ${String(status.version)}`);

		const voices = (await run('examples/voice-library.json: Voice → Get Many, Return All', example('voice-library.json', {}), credentials)).output('All Voices');
		const voice = voices[0]?.json;
		if (!voice) throw new Error('The account has no voices to speak with');
		console.log(`  ${voices.length} voices; speaking with "${String(voice.name)}" (${String(voice.id)})`);
		const voiceId = String(voice.id);

		const narration = await run('examples/narrate-and-transcribe.json: Speech → Generate, then Transcribe', example('narrate-and-transcribe.json', { [EXAMPLE_VOICE]: voiceId }), credentials);
		const [transcribed] = narration.output('Transcribe');
		const wav = await narration.readBinary(transcribed, 'data');
		const words = (transcribed.json.words as unknown[]) ?? [];
		console.log(`  ${transcribed.binary?.data.fileName} (${(wav.length / 1024).toFixed(1)} KB) → "${String(transcribed.json.text)}" (${words.length} words)`);

		const timed = await run('examples/speech-with-timestamps.json: Speech → Generate With Timestamps', example('speech-with-timestamps.json', { [EXAMPLE_VOICE]: voiceId }), credentials);
		const [timedItem] = timed.output('Speak With Timestamps');
		const timedWav = await timed.readBinary(timedItem, 'data');
		console.log(`  ${timedItem.binary?.data.fileName} (${(timedWav.length / 1024).toFixed(1)} KB), ${(timedItem.json.words as unknown[]).length} word timestamps`);

		const rss = await run('examples/rss-narration.json: an RSS item narrated into an MP3 (Parallel Parts, paragraph pauses), with captions', example('rss-narration.json', { [EXAMPLE_VOICE]: voiceId }), credentials);
		const [narrated] = rss.output('Narrate');
		const [captioned] = rss.output('Captions');
		const episode = await rss.readBinary(captioned, 'data');
		const episodeName = String(captioned.binary?.data.fileName);
		console.log(`  ${episodeName} (${(episode.length / 1024).toFixed(1)} KB, ${String(narrated.json.durationSeconds)} s, ${String(narrated.json.parts)} parts), ${String(captioned.binary?.srt.fileName)}, ${String(captioned.binary?.vtt.fileName)}`);

		// The agent example needs a language model to run; here the harness agent stands in for it and
		// calls the example's Cartesia tools with the arguments a model would give.
		const names = voices.map((entry) => String(entry.json.name));
		const speaker = names.find((name) => names.indexOf(name) === names.lastIndexOf(name)) ?? names[0];
		const agentRun = await runAgentTools('examples/agent-tool.json: the Cartesia tools, called as an AI agent would (no language model here)', credentials, [
			{ tool: 'Find_Voices', args: { search: 'narrator', limit: 3 } },
			{ tool: 'Speak', args: { transcript: 'Your table is ready.', voice_name: speaker, language: 'en' } },
		]);
		const [found, spoken] = agentRun.output('Agent').map((item) => item.json);
		if (spoken.error) throw new Error(`Speak: ${String(spoken.error)}`);
		const [summary] = spoken.response as Array<Record<string, unknown>>;
		console.log(`  Find Voices → ${(found.response as unknown[]).length} voices; Speak → ${String(summary.fileName)}, ${String(summary.durationSeconds)} s, link ${String(summary.downloadUrl).split('?')[0]}?token=…`);

		// The stand-in hosts a voicemail itself; Cartesia gets the briefing just narrated, served locally.
		const host = standIn ? undefined : await serveRecording(wav);
		const recordingUrl = host?.url ?? `${standIn!.url}/files/voicemail-0142.wav?text=${encodeURIComponent(VOICEMAIL)}`;
		let chatMessage: string;
		try {
			const voicemail = await run('examples/transcribe-recording-url.json: Transcribe from a URL, into a chat message', example('transcribe-recording-url.json', { [EXAMPLE_RECORDING]: recordingUrl }), credentials);
			chatMessage = String(voicemail.output('Chat Message')[0].json.chatMessage);
		} finally {
			host?.close();
		}
		console.log(`  ${chatMessage.replace(/\n/g, ' ')}`);

		// Only the stand-in can deliver a call event here: Cartesia would need an https URL to reach.
		const callSummary = standIn ? await callSummaryToChat(standIn, credentials) : undefined;

		mkdirSync(OUTPUT_DIR, { recursive: true });
		if (callSummary) writeFileSync(join(OUTPUT_DIR, 'call-summary.txt'), `${callSummary}\n`);
		writeFileSync(join(OUTPUT_DIR, 'briefing.wav'), wav);
		writeFileSync(join(OUTPUT_DIR, 'transcript.txt'), `${String(transcribed.json.text)}\n`);
		writeFileSync(join(OUTPUT_DIR, 'subtitles.srt'), String(transcribed.json.srt));
		writeFileSync(join(OUTPUT_DIR, 'subtitles.vtt'), String(transcribed.json.vtt));
		writeFileSync(join(OUTPUT_DIR, 'speech-with-timestamps.wav'), timedWav);
		writeFileSync(join(OUTPUT_DIR, 'word-timestamps.json'), `${JSON.stringify(timedItem.json.words, null, 2)}\n`);
		writeFileSync(join(OUTPUT_DIR, 'chat-message.txt'), `${chatMessage}\n`);
		writeFileSync(join(OUTPUT_DIR, episodeName), episode);
		const episodeBase = episodeName.replace(/\.mp3$/, '');
		writeFileSync(join(OUTPUT_DIR, `${episodeBase}.srt`), await rss.readBinary(captioned, 'srt'));
		writeFileSync(join(OUTPUT_DIR, `${episodeBase}.vtt`), await rss.readBinary(captioned, 'vtt'));
		writeFileSync(join(OUTPUT_DIR, `${episodeBase}.txt`), `${String(captioned.json.text)}\n`);
		console.log(`Wrote briefing.wav, transcript.txt, subtitles.srt, subtitles.vtt, speech-with-timestamps.wav, word-timestamps.json, chat-message.txt ${episodeBase}.mp3/.srt/.vtt/.txt and (with the stand-in) call-summary.txt to demo-output/.`);
	} finally {
		await standIn?.close();
	}
}

main().catch((error: Error & { description?: string }) => {
	console.error(`Demo failed: ${error.message}${error.description ? `\n${error.description}` : ''}`);
	process.exitCode = 1;
});
