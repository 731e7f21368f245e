/**
 * `npm run demo`: runs an example workflow through the n8n engine (n8n-core, in process) with this
 * package loaded from dist/. With CARTESIA_API_KEY set it talks to Cartesia, reading and generating a
 * few seconds of speech only (no voices are created); otherwise it starts the local Cartesia stand-in
 * on 127.0.0.1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chainWorkflow, runWorkflow } from '../test/harness';
import { startStandIn, type StandIn } from '../test/standin';

const OUTPUT_DIR = join(__dirname, '..', 'demo-output');
const NODE_TYPE = 'n8n-nodes-cartesia.cartesia';

async function main(): Promise<void> {
	const apiKey = process.env.CARTESIA_API_KEY?.trim();
	let standIn: StandIn | undefined;
	let credentials: { apiKey: string; apiVersion: string; baseUrl: string };
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
		type: NODE_TYPE,
		parameters: parameters as never,
		credentials: ['cartesiaApi'],
	});
	const started = Date.now();
	const text = 'Good evening. Here is your automated briefing, spoken by Cartesia and transcribed back by n8n.';
	try {
		const result = await runWorkflow({
			workflow: chainWorkflow([
				cartesia('API Status', { resource: 'apiStatus', operation: 'get' }),
				cartesia('Pick a Voice', { resource: 'voice', operation: 'getMany', returnAll: false, limit: 1 }),
				cartesia('Narrate', {
					resource: 'speech',
					operation: 'generate',
					transcript: text,
					voice: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					container: 'wav',
					encoding: 'pcm_s16le',
					sampleRate: 24000,
				}),
				cartesia('Narrate With Timestamps', {
					resource: 'speech',
					operation: 'generateWithTimestamps',
					transcript: text,
					voice: { __rl: true, mode: 'id', value: '={{ $("Pick a Voice").item.json.id }}' },
					container: 'raw',
					encoding: 'pcm_s16le',
					sampleRate: 24000,
					binaryPropertyOutput: 'timed',
				}),
				cartesia('Transcribe', {
					resource: 'transcription',
					operation: 'transcribe',
					binaryPropertyName: 'data',
					wordTimestamps: true,
					options: { subtitles: ['srt', 'vtt'] },
				}),
			]),
			credentials: { cartesiaApi: credentials },
			triggerItems: [{}],
		});
		if (result.error) throw result.error;
		const status = result.output('API Status')[0].json;
		const voice = result.output('Pick a Voice')[0].json;
		const [item] = result.output('Transcribe');
		const narration = await result.readBinary(item, 'data');
		const timed = await result.readBinary(item, 'timed');
		const words = item.json.words as Array<{ word: string }>;
		mkdirSync(OUTPUT_DIR, { recursive: true });
		writeFileSync(join(OUTPUT_DIR, 'narration.wav'), narration);
		writeFileSync(join(OUTPUT_DIR, 'narration-with-timestamps.wav'), timed);
		writeFileSync(join(OUTPUT_DIR, 'transcript.txt'), `${String(item.json.text)}\n`);
		writeFileSync(join(OUTPUT_DIR, 'subtitles.srt'), String(item.json.srt));
		writeFileSync(join(OUTPUT_DIR, 'subtitles.vtt'), String(item.json.vtt));
		writeFileSync(join(OUTPUT_DIR, 'words.json'), `${JSON.stringify(words, null, 2)}\n`);
		const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
		console.log(`API Status → Get: ok=${String(status.ok)}, version ${String(status.version)}`);
		console.log(`Voice → Get Many (limit 1): ${String(voice.name)} (${String(voice.id)})`);
		console.log(`Speech → Generate: narration.wav, ${kb(narration.length)}`);
		console.log(`Speech → Generate With Timestamps: narration-with-timestamps.wav, ${kb(timed.length)}`);
		console.log(`Transcription → Transcribe: "${String(item.json.text)}" (${words.length} words, ${String(item.json.duration)} s)`);
		console.log(`Wrote the audio, transcript.txt, subtitles.srt and subtitles.vtt to demo-output/.`);
		console.log(`${result.executedNodes.length} nodes ran in ${Date.now() - started} ms.`);
	} finally {
		await standIn?.close();
	}
}

main().catch((error: Error & { description?: string }) => {
	console.error(`Demo failed: ${error.message}${error.description ? `\n${error.description}` : ''}`);
	process.exitCode = 1;
});
