/**
 * Child process of bigAudio.test.ts: runs Speech → Generate and Transcribe on a large file in
 * filesystem binary mode, and reports how far its peak RSS grew over a warmed-up baseline. It runs
 * alone so that the figure is this process's own (the stand-in lives in the parent).
 */
import { statSync } from 'node:fs';

import { chainWorkflow, runWorkflow } from '../harness';

const url = process.env.STANDIN_URL!;
const apiKey = process.env.STANDIN_KEY!;
const voiceId = process.env.VOICE_ID!;

const credentials = { cartesiaApi: { apiKey, apiVersion: '2025-11-04', baseUrl: url } };
const cartesia = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: 'n8n-nodes-cartesia.cartesia',
	parameters: parameters as never,
	credentials: ['cartesiaApi'],
});
const generate = cartesia('Generate', {
	resource: 'speech',
	operation: 'generate',
	transcript: 'The long narration.',
	voice: { __rl: true, mode: 'id', value: voiceId },
	outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 44100 },
});
const transcribe = cartesia('Transcribe', { resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data' });

/** Peak resident set size so far, in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function send(message: Record<string, unknown>): void {
	process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
	// Warm up: load n8n-core, the node and undici, and run both operations once on small audio.
	const warmUp = await runWorkflow({
		workflow: chainWorkflow([generate, transcribe]),
		credentials,
		triggerItems: [{}],
		binaryMode: 'filesystem',
	});
	if (warmUp.error) throw warmUp.error;
	send({ step: 'ready' });
	await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

	const baseline = peakRss();
	const download = await runWorkflow({ workflow: chainWorkflow([generate]), credentials, triggerItems: [{}], binaryMode: 'filesystem' });
	if (download.error) throw download.error;
	const afterDownload = peakRss();
	const [narration] = download.output('Generate');
	const storedPath = download.binaryPath(narration, 'data')!;
	const downloadedBytes = statSync(storedPath).size;

	const upload = await runWorkflow({
		workflow: chainWorkflow([transcribe]),
		credentials,
		triggerItems: [{ json: {}, binary: { data: { filePath: storedPath, fileName: 'narration.wav', mimeType: 'audio/wav' } } }],
		binaryMode: 'filesystem',
	});
	if (upload.error) throw upload.error;
	const afterUpload = peakRss();
	send({
		step: 'done',
		baseline,
		downloadGrowth: afterDownload - baseline,
		// Peak RSS only rises: growth over the baseline after the upload covers both transfers.
		uploadGrowth: afterUpload - baseline,
		downloadedBytes,
		downloadStoredOnDisk: Boolean(narration.binary?.data.id),
		text: upload.output('Transcribe')[0].json.text,
	});
}

main().catch((error: Error) => {
	send({ step: 'error', message: error.message, stack: error.stack });
	process.exitCode = 1;
});
