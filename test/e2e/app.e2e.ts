/**
 * The package inside the real n8n application: installed as a community package, workflows imported
 * and run with `n8n execute --id`, then the server started for a webhook workflow over HTTP and the
 * credential test. Every request goes to the local Cartesia stand-in.
 */
import { existsSync, readFileSync } from 'node:fs';

import { request } from 'undici';

import { startStandIn, type StandIn } from '../standin';
import { parseWav } from '../helpers/wav';
import { assertInstalled, N8N_INSTALLS, type N8nInstall } from './cache';
import { N8nApp, nodeOutput } from './n8nApp';
import { packedTarball } from './pack';
import { CREDENTIAL, exampleFiles, exampleWorkflow, prepareForStandIn, VOICEMAIL, workflowId } from './workflows';

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
			await app.start();
			await app.signIn();
		});

		afterAll(async () => await app.stop());

		it('answers a webhook: text → speech → text, over HTTP', async () => {
			const response = await request(`${app.baseUrl}/webhook/cartesia-narrate`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'Webhooks can speak now.' }),
			});
			const body = (await response.body.json()) as Record<string, unknown>;
			expect(response.statusCode).toBe(200);
			expect(body).toMatchObject({ text: 'Webhooks can speak now.', language: 'en' });
		});

		it('runs the credential test: passes for the key, fails readably for a wrong one', async () => {
			const test = async (apiKey: string) =>
				await app.rest('POST', '/rest/credentials/test', {
					credentials: { ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url } },
				});
			const good = await test(standIn.apiKey);
			expect(good.json.data).toMatchObject({ status: 'OK' });
			const bad = await test('sk_wrong_key');
			// n8n 2.8.4 does not apply a credential's response-code rules (the error reaches its tester
			// without the HTTP response), so it shows its own generic 401 text instead of ours.
			const expected = install.version === '2.8.4' ? /^Authorization failed/ : /^Cartesia refused the API key \(401\)/;
			expect(bad.json.data).toMatchObject({ status: 'Error', message: expect.stringMatching(expected) });
		});
	});
});
