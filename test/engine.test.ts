/**
 * A whole workflow, as n8n stores it, run by n8n-core's WorkflowExecute with the package loaded
 * from dist/ by n8n's own PackageDirectoryLoader.
 */
import { chainWorkflow, runWorkflow } from './harness';
import { CARTESIA_NODE_TYPE, useStandIn } from './helpers/cartesia';

const standIn = useStandIn();

const credentials = { cartesiaApi: { id: 'cred-1', name: 'Cartesia account' } };

const workflow = {
	name: 'Voice library digest',
	nodes: [
		{ id: 'a', name: 'Start', type: 'harness.itemsTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b',
			name: 'Status',
			type: CARTESIA_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'apiStatus', operation: 'get' },
			credentials,
		},
		{
			id: 'c',
			name: 'Owned Voices',
			type: CARTESIA_NODE_TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters: { resource: 'voice', operation: 'getMany', returnAll: false, limit: 3, filters: { ownedOnly: true } },
			credentials,
		},
		{
			id: 'd',
			name: 'Rename',
			type: CARTESIA_NODE_TYPE,
			typeVersion: 1,
			position: [600, 0],
			parameters: {
				resource: 'voice',
				operation: 'update',
				voice: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { name: '={{ $json.name }} (reviewed {{ $("Status").item.json.version }})' },
			},
			credentials,
		},
	],
	connections: {
		Start: { main: [[{ node: 'Status', type: 'main', index: 0 }]] },
		Status: { main: [[{ node: 'Owned Voices', type: 'main', index: 0 }]] },
		'Owned Voices': { main: [[{ node: 'Rename', type: 'main', index: 0 }]] },
	},
};

describe('a workflow through the n8n engine', () => {
	it('runs trigger → API Status → Get Many → Update, with expressions reading earlier nodes', async () => {
		const result = await runWorkflow({
			workflow: workflow as never,
			credentials: { cartesiaApi: { apiKey: standIn().apiKey, apiVersion: '2025-11-04', baseUrl: standIn().url } },
			triggerItems: [{}],
		});
		expect(result.error).toBeUndefined();
		expect(result.executedNodes).toEqual(['Start', 'Status', 'Owned Voices', 'Rename']);
		const owned = standIn()
			.voices()
			.filter((voice) => voice.isOwner)
			.slice(0, 3);
		const version = result.output('Status')[0].json.version;
		const renamed = result.output('Rename');
		expect(renamed.map((item) => item.json.id)).toEqual(owned.map((voice) => voice.id));
		expect(renamed.map((item) => item.json.name)).toEqual(
			owned.map((voice) => `${voice.name.replace(/ \(reviewed .*\)$/, '')} (reviewed ${version})`),
		);
		expect(renamed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const patches = standIn().requests.filter((request) => request.method === 'PATCH');
		expect(patches).toHaveLength(3);
	});
});

describe('a TTS → Transcribe round trip through the n8n engine', () => {
	const cartesia = (name: string, parameters: Record<string, unknown>) => ({
		name,
		type: CARTESIA_NODE_TYPE,
		parameters: parameters as never,
		credentials: ['cartesiaApi'],
	});

	it.each(['memory', 'filesystem'] as const)('gets the words back (%s binary mode)', async (binaryMode) => {
		const voice = { __rl: true, mode: 'id', value: standIn().voices()[0].id };
		const result = await runWorkflow({
			workflow: chainWorkflow([
				cartesia('Narrate', {
					resource: 'speech',
					operation: 'generate',
					transcript: '={{ $json.headline }}',
					voice,
					outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 24000 },
				}),
				cartesia('Transcribe', {
					resource: 'transcription',
					operation: 'transcribe',
					binaryPropertyName: 'data',
					wordTimestamps: true,
					options: { subtitles: ['vtt'] },
				}),
			]),
			credentials: { cartesiaApi: { apiKey: standIn().apiKey, apiVersion: '2025-11-04', baseUrl: standIn().url } },
			triggerItems: [{ headline: 'Rain is expected tonight.' }, { headline: 'Markets closed higher today.' }],
			binaryMode,
		});
		expect(result.error).toBeUndefined();
		const transcribed = result.output('Transcribe');
		expect(transcribed.map((item) => item.json.text)).toEqual(['Rain is expected tonight.', 'Markets closed higher today.']);
		expect(transcribed.map((item) => item.json.headline)).toEqual(['Rain is expected tonight.', 'Markets closed higher today.']);
		expect(transcribed[0].json.vtt).toContain('Rain is expected tonight.');
		expect(transcribed[0].binary?.data.mimeType).toBe('audio/wav');
		if (binaryMode === 'filesystem') expect(transcribed[0].binary?.data.id).toMatch(/^filesystem/);
		expect(standIn().requests.map((request) => request.path)).toEqual(['/tts/bytes', '/tts/bytes', '/stt', '/stt']);
	});
});
