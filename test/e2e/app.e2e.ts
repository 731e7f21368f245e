/**
 * The package inside the real n8n application: installed as a community package, workflows imported
 * and run with `n8n execute --id`, then the server started for a webhook workflow over HTTP and the
 * credential test. Every request goes to the local Cartesia stand-in.
 */
import { existsSync, readFileSync } from 'node:fs';

import { startStandIn, type StandIn } from '../standin';
import { parseWav } from '../helpers/wav';
import { assertInstalled, N8N_INSTALLS, type N8nInstall } from './cache';
import {
	cancelWorkflow,
	engineView,
	n8nCountsAsCancellation,
	runManually,
	SERVER_LOG_ENV,
	sleep,
	statusesOver,
	stopExecution,
	waitUntil,
	type EngineView,
} from './cancellation';
import { N8nApp, nodeOutput } from './n8nApp';
import { packedTarball } from './pack';
import { CREDENTIAL, EXAMPLE_VOICE, exampleFiles, exampleWorkflow, prepareForStandIn, VOICEMAIL, workflowId } from './workflows';

const CANCEL_IN_FLIGHT = 'cancelInFlight01';
const CANCEL_IN_BACKOFF = 'cancelInBackoff1';

const selected = (process.env.N8N_E2E_VERSIONS ?? '').split(',').filter(Boolean);
const installs = N8N_INSTALLS.filter((install) => !selected.length || selected.includes(install.version));

const CONTINUE_ON_FAIL = {
	id: 'continueOnFail01',
	name: 'e2e: an error item under continue on fail',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b',
			name: 'Missing Voice',
			type: 'n8n-nodes-cartesia.cartesia',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'voice', operation: 'get', voice: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-000000000000' } },
			credentials: { cartesiaApi: CREDENTIAL },
			onError: 'continueRegularOutput',
		},
	],
	connections: { Start: { main: [[{ node: 'Missing Voice', type: 'main', index: 0 }]] } },
};

/** A long text (over one part's 2,000 characters, in paragraphs) spoken continuously over the TTS WebSocket, then transcribed. */
const LONG_TEXT = Array.from(
	{ length: 8 },
	(_, index) => `Paragraph ${index + 1}. The harbour opens at dawn, the ferries leave on time, and the footbridge over the river is finally open to walkers and cyclists. Tomorrow brings a light wind from the west and a calm sea, good news for the sailing club and its early races around the lighthouse.`,
).join('\n\n');

const CONTINUOUS_NARRATION = {
	id: 'continuousLong01',
	name: 'e2e: long text narrated continuously over the TTS WebSocket',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b',
			name: 'Narrate',
			type: 'n8n-nodes-cartesia.cartesia',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'speech',
				operation: 'generate',
				transcript: LONG_TEXT,
				voice: { __rl: true, mode: 'id', value: EXAMPLE_VOICE },
				outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000 },
			},
			credentials: { cartesiaApi: CREDENTIAL },
		},
		{
			id: 'c',
			name: 'Transcribe',
			type: 'n8n-nodes-cartesia.cartesia',
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data' },
			credentials: { cartesiaApi: CREDENTIAL },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Narrate', type: 'main', index: 0 }]] },
		Narrate: { main: [[{ node: 'Transcribe', type: 'main', index: 0 }]] },
	},
};

describe.each(installs)('$label', (install: N8nInstall) => {
	let standIn: StandIn;
	let app: N8nApp;

	beforeAll(async () => {
		assertInstalled(install);
		standIn = await startStandIn();
		app = await N8nApp.create(install, await packedTarball());
		await app.importCredentials([
			{ ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey: standIn.apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url } },
		]);
		const voiceId = standIn.voices()[0].id;
		await app.importWorkflows([
			...exampleFiles().map((file) => prepareForStandIn(exampleWorkflow(file), workflowId(file), voiceId, standIn.url)),
			CONTINUE_ON_FAIL,
			prepareForStandIn(CONTINUOUS_NARRATION, CONTINUOUS_NARRATION.id, voiceId),
			cancelWorkflow(CANCEL_IN_FLIGHT, 'e2e: stopped while a request is in flight', voiceId, {}),
			// Max Retry-After Wait above the 503's Retry-After (30 s), so the node waits it out before its one retry.
			cancelWorkflow(CANCEL_IN_BACKOFF, 'e2e: stopped in a backoff wait', voiceId, { maxRetries: 1, maxRetryAfter: 60 }),
		]);
	});

	afterAll(async () => {
		await app?.dispose();
		await standIn?.close();
	});

	describe('n8n execute --id', () => {
		beforeEach(() => standIn.reset());

		it('narrates to a WAV on disk and transcribes it back, with subtitles', async () => {
			const { run } = await app.execute(workflowId('narrate-and-transcribe.json'));
			const [narration] = nodeOutput(run, 'Narrate');
			const audio = narration.binary?.data;
			expect(audio).toMatchObject({ fileName: 'briefing.wav', mimeType: 'audio/wav' });
			expect(audio.id).toMatch(/^filesystem/);
			const file = app.binaryFile(audio.id);
			expect(existsSync(file)).toBe(true);
			expect(parseWav(readFileSync(file))).toMatchObject({ formatCode: 1, sampleRate: 24000, riffSizeConsistent: true });
			const [transcript] = nodeOutput(run, 'Transcribe');
			expect(transcript.json.text).toBe("Good morning. Here is today's briefing, read by Cartesia.");
			expect(transcript.json.srt).toMatch(/^1\n00:00:00,000 --> /);
			expect(transcript.json.vtt).toMatch(/^WEBVTT\n/);
		});

		it('generates speech with word timestamps as one WAV', async () => {
			const { run } = await app.execute(workflowId('speech-with-timestamps.json'));
			const [item] = nodeOutput(run, 'Speak With Timestamps');
			expect((item.json.words as Array<{ word: string }>).map((word) => word.word).join(' ')).toBe(
				'Timestamps tell you when every word is spoken.',
			);
			expect(item.binary?.data).toMatchObject({ fileName: 'speech.wav', mimeType: 'audio/wav' });
			expect(parseWav(readFileSync(app.binaryFile(item.binary?.data.id))).sampleRate).toBe(24000);
		});

		it('narrates an RSS item of many paragraphs into one MP3 in parallel parts, whose captions hold every paragraph', async () => {
			const { run } = await app.execute(workflowId('rss-narration.json'));
			const [item] = nodeOutput(run, 'RSS Item');
			const [narration] = nodeOutput(run, 'Narrate');
			expect(narration.json).toMatchObject({ container: 'mp3', mode: 'parallel' });
			expect(narration.json.parts).toBeGreaterThan(1);
			expect(narration.binary?.data).toMatchObject({ mimeType: 'audio/mpeg' });
			expect(readFileSync(app.binaryFile(narration.binary?.data.id)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfb]));
			const [captions] = nodeOutput(run, 'Captions');
			expect(captions.json.text).toBe(`${String(item.json.title)}.\n\n${String(item.json.content)}`);
			expect(Object.keys(captions.binary ?? {})).toEqual(expect.arrayContaining(['srt', 'vtt']));
		});

		it('narrates a long text continuously over the TTS WebSocket into one WAV that transcribes back whole', async () => {
			const { run } = await app.execute(CONTINUOUS_NARRATION.id);
			const [narration] = nodeOutput(run, 'Narrate');
			expect(narration.json).toMatchObject({ container: 'wav', mode: 'continuous', reconnects: 0 });
			expect(narration.json.parts).toBeGreaterThan(2);
			expect(standIn.webSockets).toHaveLength(1);
			expect(parseWav(readFileSync(app.binaryFile(narration.binary?.data.id)))).toMatchObject({ sampleRate: 8000, riffSizeConsistent: true });
			const [transcript] = nodeOutput(run, 'Transcribe');
			expect(transcript.json.text).toBe(LONG_TEXT);
		});

		it('lists every voice with Return All, across the pages', async () => {
			const { run } = await app.execute(workflowId('voice-library.json'));
			const voices = nodeOutput(run, 'All Voices');
			expect(voices.map((voice) => voice.json.id)).toEqual(standIn.voices().map((voice) => voice.id));
			expect(standIn.requests.filter((entry) => entry.path === '/voices').length).toBeGreaterThanOrEqual(4);
		});

		it('clones a voice from the audio of the previous node', async () => {
			const { run } = await app.execute(workflowId('clone-a-voice.json'));
			const [clone] = nodeOutput(run, 'Clone Voice');
			expect(clone.json).toMatchObject({ name: 'Cloned narrator', language: 'en' });
			const upload = standIn.requests.find((entry) => entry.path === '/voices/clone');
			expect(upload?.files).toEqual([expect.objectContaining({ field: 'clip', filename: 'sample.wav', contentType: 'audio/wav' })]);
			expect(standIn.voices().some((voice) => voice.id === clone.json.id)).toBe(true);
		});

		it("transcribes a recording from its URL, downloaded by n8n's HTTP helper, into a chat message", async () => {
			const { run } = await app.execute(workflowId('transcribe-recording-url.json'));
			const [transcript] = nodeOutput(run, 'Transcribe Recording');
			expect(transcript.json).toMatchObject({ from: '+1 555 0142', text: VOICEMAIL });
			const [message] = nodeOutput(run, 'Chat Message');
			expect(message.json.chatMessage).toBe(`📞 Voicemail from +1 555 0142 (2 s):\n> ${VOICEMAIL}`);
			const download = standIn.requests.find((entry) => entry.path === '/files/voicemail-0142.wav');
			expect(download?.status).toBe(200);
			expect(Object.keys(download?.headers ?? {})).not.toContain('authorization');
			expect(Object.keys(download?.headers ?? {})).not.toContain('cartesia-version');
			const upload = standIn.requests.find((entry) => entry.path === '/stt');
			expect(upload?.files).toEqual([expect.objectContaining({ field: 'file', filename: 'voicemail-0142.wav', contentType: 'audio/wav' })]);
		});

		it('turns a refusal into an error item under continue on fail', async () => {
			const { run } = await app.execute(CONTINUE_ON_FAIL.id);
			const [item] = nodeOutput(run, 'Missing Voice');
			expect(item.json).toMatchObject({ httpCode: '404', error: expect.stringMatching(/^Cartesia: /) });
			expect(JSON.stringify(item)).not.toContain(standIn.apiKey);
		});
	});

	describe('the n8n server', () => {
		beforeAll(async () => {
			const publish = await app.cli(['publish:workflow', `--id=${workflowId('webhook-speech-round-trip.json')}`]);
			if (publish.code !== 0) {
				// n8n before the publish command activated workflows with update:workflow.
				const activate = await app.cli(['update:workflow', `--id=${workflowId('webhook-speech-round-trip.json')}`, '--active=true']);
				if (activate.code !== 0) throw new Error(`could not activate the webhook workflow: ${activate.stdout}${activate.stderr}`);
			}
			await app.start(SERVER_LOG_ENV);
			await app.signIn();
		});

		afterAll(async () => await app.stop());

		it('answers a webhook: text → speech → text, over HTTP', async () => {
			const response = await app.postWebhook('cartesia-narrate', { text: 'Webhooks can speak now.' });
			expect(response.status).toBe(200);
			expect(JSON.parse(response.text)).toMatchObject({ text: 'Webhooks can speak now.', language: 'en' });
		});

		it('runs the credential test: passes for the key, fails readably for a wrong one', async () => {
			const test = async (apiKey: string) =>
				await app.rest('POST', '/rest/credentials/test', {
					credentials: { ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url } },
				});
			const good = await test(standIn.apiKey);
			expect(good.json.data).toMatchObject({ status: 'OK' });
			const bad = await test('sk_wrong_key');
			// The node runs the test itself (testedBy), so n8n 2.8.4 shows our text too, not its generic
			// "Authorization failed" (it did while the credential's test was declarative).
			expect(bad.json.data).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Cartesia refused the API key \(401\)/) });
		});

		/**
		 * The editor's stop button: POST /rest/executions/:id/stop as the owner, on a manual run started with
		 * POST /rest/workflows/:id/run. The list (GET /rest/executions) must show "canceled" for as long as we
		 * watch it, and the node must really stop at once: the request in flight closed, the backoff wait
		 * left (n8n's log says when the node gave up; see cancellation.ts). Then the error the node handed
		 * n8n-core must be one n8n counts as a cancellation, not a failure.
		 */
		describe.each([
			{
				when: 'while a request is in flight',
				workflow: CANCEL_IN_FLIGHT,
				fault: { kind: 'slow', delayMs: 60_000 } as const,
				// The stand-in is holding the request.
				reached: () => standIn.inFlight === 1,
				answered: [0],
			},
			{
				when: 'in a backoff wait',
				workflow: CANCEL_IN_BACKOFF,
				fault: { kind: 'status', status: 503, retryAfter: '30' } as const,
				// The node has the 503 and waits out its Retry-After before its one retry.
				reached: () => standIn.requests[0]?.status === 503,
				answered: [503],
			},
		])('stopped $when', ({ workflow, fault, reached, answered }) => {
			let executionId: string;
			let view: EngineView;

			it('is listed as canceled, and the node stops at once', async () => {
				standIn.reset();
				standIn.inject(fault);
				executionId = await runManually(app, workflow);
				await waitUntil('the node to reach the point where it waits', reached, 30_000);
				await sleep(200);
				const stopAt = Date.now();
				const stop = await stopExecution(app, executionId);
				expect(stop.status).toBe(200);
				await waitUntil('the stand-in to hold no open request', () => standIn.inFlight === 0, 5_000);
				const closedAfterMs = Date.now() - stopAt;
				await waitUntil('n8n to log the node giving up', () => engineView(app, workflow, executionId).runError !== undefined, 5_000);
				view = engineView(app, workflow, executionId);
				const statuses = await statusesOver(app, workflow, executionId, 1_500);
				const nodeStoppedAfterMs = view.nodeFailedAt! - view.cancellingAt!;
				console.log(
					`${install.label}, stopped ${fault.kind === 'slow' ? 'in flight' : 'in backoff'}: listed as ${statuses.join(' → ')}; ` +
						`request closed ${closedAfterMs} ms after the stop call; node gave up ${nodeStoppedAfterMs} ms after n8n began cancelling, ` +
						`with ${view.runError?.name}: "${view.runError?.message}"`,
				);
				expect(statuses).toEqual(['canceled']);
				expect(closedAfterMs).toBeLessThan(3_000);
				expect(view).toMatchObject({ cancellingAt: expect.any(Number), nodeFailedAt: expect.any(Number) });
				expect(nodeStoppedAfterMs).toBeGreaterThanOrEqual(0);
				expect(nodeStoppedAfterMs).toBeLessThan(2_000);
				// Nothing answered the request in flight; no retry followed the 503.
				expect(standIn.requests.map((entry) => entry.status)).toEqual(answered);
			});

			it('hands n8n-core an error it counts as a cancellation', () => {
				expect(view?.runError).toBeDefined();
				const { name, message } = view.runError!;
				// Printed whole, so a failure shows what n8n received.
				expect({ name, message, countsAsCancellation: n8nCountsAsCancellation({ name, message }) }).toEqual({
					name,
					message,
					countsAsCancellation: true,
				});
			});
		});
	});
});
