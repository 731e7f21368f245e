/**
 * `npm run demo`: runs the example workflows in examples/ through the n8n engine (n8n-core, in
 * process) with this package loaded from dist/. With CARTESIA_API_KEY set it talks to Cartesia,
 * reading and generating a few seconds of speech only (no voices are created); otherwise it starts
 * the local Cartesia stand-in on 127.0.0.1. Results go to demo-output/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chainWorkflow, HARNESS_AGENT_TYPE, HARNESS_TRIGGER_TYPE, runWorkflow, type AgentCall, type RunWorkflowResult } from '../test/harness';
import { startStandIn, type StandIn } from '../test/standin';

const ROOT = join(__dirname, '..');
const OUTPUT_DIR = join(ROOT, 'demo-output');
/** The voice the example files name; replaced by the first voice of the account. */
const EXAMPLE_VOICE = 'a0e99841-438c-4a64-b679-ae501e7d6091';

type Credentials = { apiKey: string; apiVersion: string; baseUrl: string };

/** An example workflow, with n8n's Manual Trigger swapped for the harness's trigger (n8n-nodes-base is not loaded here). */
function example(file: string, voiceId: string) {
	const text = readFileSync(join(ROOT, 'examples', file), 'utf8').split(EXAMPLE_VOICE).join(voiceId);
	const workflow = JSON.parse(text) as { nodes: Array<{ type: string }> };
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.manualTrigger') node.type = HARNESS_TRIGGER_TYPE;
	}
	return workflow as never;
}

async function run(label: string, workflow: never, credentials: Credentials): Promise<RunWorkflowResult> {
	const started = Date.now();
	const result = await runWorkflow({ workflow, credentials: { cartesiaApi: credentials }, triggerItems: [{}] });
	if (result.error) throw Object.assign(result.error, { message: `${label}: ${result.error.message}` });
	console.log(`✔ ${label} (${Date.now() - started} ms)`);
	return result;
}

/** The Cartesia tool nodes of examples/agent-tool.json, connected to the harness agent, which makes `calls`. */
async function runAgentTools(label: string, credentials: Credentials, calls: AgentCall[]): Promise<RunWorkflowResult> {
	const tools = (example('agent-tool.json', EXAMPLE_VOICE) as { nodes: Array<{ name: string; type: string }> }).nodes.filter(
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

		const voices = (await run('examples/voice-library.json: Voice → Get Many, Return All', example('voice-library.json', EXAMPLE_VOICE), credentials)).output('All Voices');
		const voice = voices[0]?.json;
		if (!voice) throw new Error('The account has no voices to speak with');
		console.log(`  ${voices.length} voices; speaking with "${String(voice.name)}" (${String(voice.id)})`);
		const voiceId = String(voice.id);

		const narration = await run('examples/narrate-and-transcribe.json: Speech → Generate, then Transcribe', example('narrate-and-transcribe.json', voiceId), credentials);
		const [transcribed] = narration.output('Transcribe');
		const wav = await narration.readBinary(transcribed, 'data');
		const words = (transcribed.json.words as unknown[]) ?? [];
		console.log(`  ${transcribed.binary?.data.fileName} (${(wav.length / 1024).toFixed(1)} KB) → "${String(transcribed.json.text)}" (${words.length} words)`);

		const timed = await run('examples/speech-with-timestamps.json: Speech → Generate With Timestamps', example('speech-with-timestamps.json', voiceId), credentials);
		const [timedItem] = timed.output('Speak With Timestamps');
		const timedWav = await timed.readBinary(timedItem, 'data');
		console.log(`  ${timedItem.binary?.data.fileName} (${(timedWav.length / 1024).toFixed(1)} KB), ${(timedItem.json.words as unknown[]).length} word timestamps`);

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

		mkdirSync(OUTPUT_DIR, { recursive: true });
		writeFileSync(join(OUTPUT_DIR, 'briefing.wav'), wav);
		writeFileSync(join(OUTPUT_DIR, 'transcript.txt'), `${String(transcribed.json.text)}\n`);
		writeFileSync(join(OUTPUT_DIR, 'subtitles.srt'), String(transcribed.json.srt));
		writeFileSync(join(OUTPUT_DIR, 'subtitles.vtt'), String(transcribed.json.vtt));
		writeFileSync(join(OUTPUT_DIR, 'speech-with-timestamps.wav'), timedWav);
		writeFileSync(join(OUTPUT_DIR, 'word-timestamps.json'), `${JSON.stringify(timedItem.json.words, null, 2)}\n`);
		console.log('Wrote briefing.wav, transcript.txt, subtitles.srt, subtitles.vtt, speech-with-timestamps.wav and word-timestamps.json to demo-output/.');
	} finally {
		await standIn?.close();
	}
}

main().catch((error: Error & { description?: string }) => {
	console.error(`Demo failed: ${error.message}${error.description ? `\n${error.description}` : ''}`);
	process.exitCode = 1;
});
