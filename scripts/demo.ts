/**
 * `npm run demo`: runs an example workflow through the n8n engine (n8n-core, in process) with this
 * package loaded from dist/. With CARTESIA_API_KEY set it talks to Cartesia and only reads;
 * otherwise it starts the local Cartesia stand-in on 127.0.0.1.
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
		console.log(`Talking to Cartesia at ${credentials.baseUrl} (read-only demo).`);
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
	try {
		const result = await runWorkflow({
			workflow: chainWorkflow([
				cartesia('API Status', { resource: 'apiStatus', operation: 'get' }),
				cartesia('Five Voices', { resource: 'voice', operation: 'getMany', returnAll: false, limit: 5 }),
				cartesia('Voice Details', {
					resource: 'voice',
					operation: 'get',
					voice: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				}),
			]),
			credentials: { cartesiaApi: credentials },
			triggerItems: [{}],
		});
		if (result.error) throw result.error;
		const status = result.output('API Status')[0].json;
		const voices = result.output('Voice Details').map((item) => item.json);
		console.log(`API Status → Get: ok=${String(status.ok)}, version ${String(status.version)}`);
		console.log(`Voice → Get Many (limit 5), then Voice → Get for each:`);
		for (const voice of voices) console.log(`  ${String(voice.id)}  ${String(voice.name)} (${String(voice.language)})`);
		mkdirSync(OUTPUT_DIR, { recursive: true });
		writeFileSync(join(OUTPUT_DIR, 'voices.json'), `${JSON.stringify(voices, null, 2)}\n`);
		console.log(`Wrote demo-output/voices.json. ${result.executedNodes.length} nodes ran in ${Date.now() - started} ms.`);
	} finally {
		await standIn?.close();
	}
}

main().catch((error: Error & { description?: string }) => {
	console.error(`Demo failed: ${error.message}${error.description ? `\n${error.description}` : ''}`);
	process.exitCode = 1;
});
