/**
 * Child process of urlAudioMemory.test.ts: transcribes a large recording given by URL and reports how
 * far its peak RSS grew over a warmed-up baseline. It runs alone so that the figure is this process's
 * own (the stand-in, which serves the file and receives the upload, lives in the parent).
 */
import { chainWorkflow, runWorkflow } from '../harness';

const url = process.env.STANDIN_URL!;
const apiKey = process.env.STANDIN_KEY!;
const audioBytes = Number(process.env.AUDIO_BYTES);

const credentials = { cartesiaApi: { apiKey, apiVersion: '2025-11-04', baseUrl: url } };
const transcribe = (audioUrl: string) =>
	chainWorkflow([
		{
			name: 'Transcribe',
			type: 'n8n-nodes-cartesia.cartesia',
			parameters: { resource: 'transcription', operation: 'transcribe', audioSource: 'url', audioUrl } as never,
			credentials: ['cartesiaApi'],
		},
	]);

/** Peak resident set size so far, in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function send(message: Record<string, unknown>): void {
	process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
	// Warm up: load n8n-core, its HTTP client, the node and undici, on a small file.
	const warmUp = await runWorkflow({ workflow: transcribe(`${url}/files/warm-up.wav`), credentials, triggerItems: [{}] });
	if (warmUp.error) throw warmUp.error;

	const baseline = peakRss();
	const big = await runWorkflow({
		workflow: transcribe(`${url}/files/long-call.wav?bytes=${audioBytes}&text=The%20long%20call.`),
		credentials,
		triggerItems: [{}],
	});
	if (big.error) throw big.error;
	send({ step: 'done', baseline, growth: peakRss() - baseline, text: big.output('Transcribe')[0].json.text });
}

main().catch((error: Error) => {
	send({ step: 'error', message: error.message, stack: error.stack });
	process.exitCode = 1;
});
