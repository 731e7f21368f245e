/** The example workflows, prepared for an e2e run: ids set, credential and voice pointed at the stand-in. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
export const CREDENTIAL = { id: 'cartesiaE2eCred1', name: 'Cartesia stand-in' };

/** The voice the examples name, replaced by a voice the stand-in knows. */
export const EXAMPLE_VOICE = 'a0e99841-438c-4a64-b679-ae501e7d6091';
/** The recording an example names, replaced by one the stand-in's file host serves. */
const EXAMPLE_RECORDING = 'https://example.com/recordings/voicemail-0142.wav';
export const VOICEMAIL = "Hi, it's Dana from Acme. Please call me back about the invoice.";

type Json = Record<string, any>;

export function exampleWorkflow(file: string): Json {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Json;
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));
}

/** n8n workflow ids are 16 alphanumeric characters. */
export function workflowId(file: string): string {
	return `${file.replace(/[^a-z0-9]/gi, '').slice(0, 12)}0000`.slice(0, 16).padEnd(16, 'x');
}

export function prepareForStandIn(workflow: Json, id: string, voiceId: string, standInUrl = ''): Json {
	const text = JSON.stringify(workflow)
		.split(EXAMPLE_VOICE)
		.join(voiceId)
		.split(EXAMPLE_RECORDING)
		.join(`${standInUrl}/files/voicemail-0142.wav?text=${encodeURIComponent(VOICEMAIL)}`);
	const prepared = JSON.parse(text) as Json;
	for (const node of prepared.nodes as Json[]) {
		if (node.credentials?.cartesiaApi) node.credentials.cartesiaApi = { ...CREDENTIAL };
	}
	return { ...prepared, id, active: false };
}
