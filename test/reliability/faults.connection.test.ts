/**
 * Connections that break (before the answer, during the upload, during the download) or fall silent,
 * and requests that act, which are never sent twice once Cartesia may have acted on them.
 */
import { NodeApiError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import type { Fault } from '../standin';
import { FOUR_PATHS, PATHS, RECORDING, filesUnder, recordingItem, runPath } from './paths';

const standIn = useStandIn();

const byLabel = <T extends { label: string }>(list: T[]) => list.map((entry) => [entry.label, entry] as const);

describe('reset before the answer', () => {
	it.each(byLabel(FOUR_PATHS))('%s: retried, and an upload is read again whole from the binary store', async (_label, path) => {
		standIn().inject({ kind: 'reset-before-response', path: path.endpoint(standIn()) });
		const run = await runPath(standIn(), path, {}, { binaryMode: 'filesystem' });
		await path.expectSuccess(run);
		const requests = standIn().requests;
		expect(requests.map((request) => [request.status, request.fault])).toEqual([
			[0, 'reset-before-response'],
			[200, undefined],
		]);
		if (path.uploads) {
			expect(requests.map((request) => request.files?.map((file) => file.size))).toEqual([[RECORDING.length], [RECORDING.length]]);
		}
	});
});

describe('reset mid-upload', () => {
	it.each(byLabel([PATHS.upload, PATHS.voiceChangerSse]))(
		'%s: the cut upload is retried and the second attempt sends the whole file',
		async (_label, path) => {
			standIn().inject({ kind: 'reset-mid-upload', afterBytes: 16 * 1024, path: path.endpoint(standIn()) });
			const run = await runPath(standIn(), path, {}, { binaryMode: 'filesystem' });
			await path.expectSuccess(run);
			const [cut, whole] = standIn().requests;
			expect(standIn().requests).toHaveLength(2);
			expect(cut).toMatchObject({ status: 0, fault: 'reset-mid-upload' });
			expect(cut.bodyBytesBeforeReset).toBeLessThan(RECORDING.length);
			expect(whole).toMatchObject({ status: 200 });
			expect(whole.files?.[0].size).toBe(RECORDING.length);
		},
	);
});

describe('reset mid-download', () => {
	const downloads = [
		{ label: PATHS.download.label, path: PATHS.download, inputs: [] as Buffer[] },
		{
			label: 'download after upload (Voice Changer → Change Voice)',
			path: {
				...PATHS.voiceChangerSse,
				endpoint: () => '/voice-changer/bytes',
				parameters: (standIn: Parameters<typeof PATHS.voiceChangerSse.parameters>[0]) => ({
					...PATHS.voiceChangerSse.parameters(standIn),
					operation: 'changeVoice',
					outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 },
				}),
			},
			inputs: [RECORDING],
		},
	];

	it.each(byLabel(downloads))(
		'%s: the item fails, with no partial file in the output or left in the binary store',
		async (_label, { path, inputs }) => {
			standIn().inject({ kind: 'reset-mid-body', afterBytes: 4000, path: path.endpoint(standIn()) });
			const { items, result } = await runPath(standIn(), path, {}, { binaryMode: 'filesystem', continueOnFail: true });
			expect(items).toHaveLength(1);
			expect(items[0].json.error).toMatch(/^Could not reach Cartesia at .*: the connection was (reset|closed)/);
			expect(items[0].binary).toBeUndefined();
			// What remains in the store is the input the trigger put there, nothing else.
			const stored = filesUnder(result.binaryDir).filter((file) => !file.path.endsWith('.metadata'));
			expect(stored.map((file) => file.size).sort()).toEqual(inputs.map((input) => input.length).sort());
			expect(standIn().requests).toHaveLength(1);
		},
	);
});

describe('Idle Timeout', () => {
	it.each(byLabel(FOUR_PATHS))('%s: an answer slower than Idle Timeout fails, naming it', async (_label, path) => {
		standIn().inject({ kind: 'slow', delayMs: 1500, path: path.endpoint(standIn()) });
		const started = Date.now();
		const { error } = await runPath(standIn(), path, { idleTimeout: 0.3, maxRetries: 0 });
		expect(Date.now() - started).toBeLessThan(1400);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toContain('Idle Timeout (0.3 s)');
		expect(error?.description).toContain('Raise Idle Timeout in Request Options');
		expect(standIn().requests).toHaveLength(1);
	});
});

describe('requests that act are not sent twice', () => {
	const sample = () => recordingItem();
	const acts = [
		{
			label: 'Voice → Clone (upload)',
			endpoint: '/voices/clone',
			parameters: () => ({ resource: 'voice', operation: 'clone', binaryPropertyName: 'data', name: 'Ada', language: 'en' }),
			items: () => [sample()],
			apiVersion: undefined,
		},
		{
			label: 'Voice → Localize',
			endpoint: '/voices/localize',
			parameters: () => ({
				resource: 'voice',
				operation: 'localize',
				voice: byId(standIn().voices()[0].id),
				name: 'Ada (Deutsch)',
				description: 'Ada speaking German',
				language: 'de',
				originalSpeakerGender: 'female',
			}),
			items: () => [{ json: {} }],
			apiVersion: undefined,
		},
		{
			label: 'Access Token → Create',
			endpoint: '/access-token',
			parameters: () => ({ resource: 'accessToken', operation: 'create', grantTts: true, expiresIn: 600 }),
			items: () => [{ json: {} }],
			apiVersion: undefined,
		},
		{
			label: 'Voice → Create (2024-11-13)',
			endpoint: '/voices',
			parameters: () => ({
				resource: 'voice',
				operation: 'create',
				name: 'Blend',
				description: 'Made from an embedding',
				embedding: JSON.stringify(Array.from({ length: 192 }, (_, index) => Math.round(Math.sin(index) * 1000) / 1000)),
			}),
			items: () => [{ json: {} }],
			apiVersion: '2024-11-13' as const,
		},
		{
			label: 'Voice → Mix (2024-11-13)',
			endpoint: '/voices/mix',
			parameters: () => {
				const [first, second] = standIn().voices();
				return {
					resource: 'voice',
					operation: 'mix',
					voices: { voice: [{ voice: byId(first.id), weight: 0.7 }, { voice: byId(second.id), weight: 0.3 }] },
				};
			},
			items: () => [{ json: {} }],
			apiVersion: '2024-11-13' as const,
		},
	];
	const faults: Array<{ name: string; fault: Fault; message: RegExp }> = [
		{ name: 'a 500', fault: { kind: 'status', status: 500, message: 'generation failed' }, message: /^Cartesia: generation failed$/ },
		{ name: 'a reset after the request was sent', fault: { kind: 'reset-before-response' }, message: /^Could not reach Cartesia at .*: the connection was (reset|closed)/ },
	];
	const cases = [
		...acts.flatMap((act) => faults.map((fault) => [act.label, fault.name, act, fault] as const)),
		[acts[0].label, 'a reset mid-upload', acts[0], { name: 'reset mid-upload', fault: { kind: 'reset-mid-upload', afterBytes: 16 * 1024 } as Fault, message: /^Could not reach Cartesia at / }] as const,
	];

	it.each(cases)('%s: after %s, exactly one request and the item fails', async (_label, _fault, act, { fault, message }) => {
		standIn().inject({ ...fault, path: act.endpoint });
		const { error } = await runCartesia(standIn(), act.parameters(), { items: act.items(), apiVersion: act.apiVersion, binaryMode: 'filesystem' });
		expect(standIn().requests.map((request) => request.path)).toEqual([act.endpoint]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(message);
	});
});
