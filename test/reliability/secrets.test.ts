/**
 * The API key never shows: for every operation of the node, on success and when Cartesia (or a proxy)
 * answers an error that echoes the key, the key, its `Bearer` form and its first 12 characters appear
 * in no output item (JSON or binary), no error (message, description, context, cause: the whole object),
 * nothing in the run data (so no node-level error under Continue On Fail either), and no log line
 * (n8n's LoggerProxy and Logger, console, stdout and stderr, captured while the run goes on).
 */
import { LoggerProxy } from 'n8n-workflow';

import { wrapPcmAsWav } from '../../nodes/Cartesia/helpers/audio';
import { redact } from '../../nodes/Cartesia/transport/errors';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { byId, runCartesia, useStandIn, type CartesiaRun } from '../helpers/cartesia';
import { captureLogs, findSecrets, safeStringify } from '../helpers/secrets';
import type { HarnessItemInput } from '../harness';
import type { Fault, FaultAction, StoredVoice } from '../standin';
import { renderErrorBody } from '../standin/errors';

const KEY = 'sk_SECRET_canary_5f1d0c8e7b2a4d96e3';

const standIn = useStandIn({ apiKey: KEY });

const wav = (name: string) => ({ buffer: wrapPcmAsWav(Buffer.alloc(3200, 3), 'pcm_s16le', 16000), fileName: `${name}.wav`, mimeType: 'audio/wav' });
const embedding = JSON.stringify(Array.from({ length: 192 }, (_, index) => Math.round(Math.cos(index) * 1000) / 1000));

interface OperationCase {
	name: string;
	/** The request path the faults are aimed at. */
	path: (voices: StoredVoice[]) => string;
	parameters: (voices: StoredVoice[]) => Record<string, unknown>;
	items?: HarnessItemInput[];
	apiVersion?: ApiVersion;
	/** The answer is a server-sent event stream. */
	sse?: boolean;
}

const OPERATIONS: OperationCase[] = [
	{
		name: 'Speech → Generate',
		path: () => '/tts/bytes',
		parameters: (voices) => ({ resource: 'speech', operation: 'generate', transcript: 'Hello', model: 'sonic-3', voice: byId(voices[0].id), language: 'en', outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 } }),
	},
	{
		name: 'Speech → Generate With Timestamps',
		path: () => '/tts/sse',
		sse: true,
		parameters: (voices) => ({ resource: 'speech', operation: 'generateWithTimestamps', transcript: 'Hello there, listener', model: 'sonic-3', voice: byId(voices[0].id), language: 'en', outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000 }, wordTimestamps: true }),
	},
	{
		name: 'Transcription → Transcribe',
		path: () => '/stt',
		parameters: () => ({ resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data', model: 'ink-whisper', language: 'en' }),
		items: [{ json: {}, binary: { data: wav('voicemail') } }],
	},
	{
		name: 'Infill → Generate',
		path: () => '/infill/bytes',
		parameters: (voices) => ({ resource: 'infill', operation: 'generate', leftBinaryPropertyName: 'before', rightBinaryPropertyName: 'after', transcript: 'in between', model: 'sonic-3', voice: byId(voices[0].id), language: 'en', outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 } }),
		items: [{ json: {}, binary: { before: wav('before'), after: wav('after') } }],
	},
	{
		name: 'Voice Changer → Change Voice',
		path: () => '/voice-changer/bytes',
		parameters: (voices) => ({ resource: 'voiceChanger', operation: 'changeVoice', binaryPropertyName: 'data', voice: byId(voices[1].id), outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 } }),
		items: [{ json: {}, binary: { data: wav('take') } }],
	},
	{
		name: 'Voice Changer → Change Voice (Stream)',
		path: () => '/voice-changer/sse',
		sse: true,
		parameters: (voices) => ({ resource: 'voiceChanger', operation: 'changeVoiceStream', binaryPropertyName: 'data', voice: byId(voices[1].id), outputFormat: { encoding: 'pcm_s16le', sampleRate: 16000 } }),
		items: [{ json: {}, binary: { data: wav('take') } }],
	},
	{
		name: 'Voice → Get',
		path: (voices) => `/voices/${voices[0].id}`,
		parameters: (voices) => ({ resource: 'voice', operation: 'get', voice: byId(voices[0].id) }),
	},
	{
		name: 'Voice → Get Many',
		path: () => '/voices',
		parameters: () => ({ resource: 'voice', operation: 'getMany', returnAll: false, limit: 3 }),
	},
	{
		name: 'Voice → Create (2024-11-13)',
		path: () => '/voices',
		apiVersion: '2024-11-13',
		parameters: () => ({ resource: 'voice', operation: 'create', name: 'Blend', description: 'From an embedding', embedding }),
	},
	{
		name: 'Voice → Update',
		path: (voices) => `/voices/${voices[0].id}`,
		parameters: (voices) => ({ resource: 'voice', operation: 'update', voice: byId(voices[0].id), updateFields: { name: 'Renamed' } }),
	},
	{
		name: 'Voice → Delete',
		path: (voices) => `/voices/${voices[0].id}`,
		parameters: (voices) => ({ resource: 'voice', operation: 'delete', voice: byId(voices[0].id) }),
	},
	{
		name: 'Voice → Clone',
		path: () => '/voices/clone',
		parameters: () => ({ resource: 'voice', operation: 'clone', binaryPropertyName: 'data', name: 'Ada', language: 'en' }),
		items: [{ json: {}, binary: { data: wav('ada') } }],
	},
	{
		name: 'Voice → Localize',
		path: () => '/voices/localize',
		parameters: (voices) => ({ resource: 'voice', operation: 'localize', voice: byId(voices[0].id), name: 'Ada (Español)', description: 'Ada in Spanish', language: 'es', dialect_es: 'mx', originalSpeakerGender: 'female' }),
	},
	{
		name: 'Voice → Mix (2024-11-13)',
		path: () => '/voices/mix',
		apiVersion: '2024-11-13',
		parameters: (voices) => ({ resource: 'voice', operation: 'mix', voices: { voice: [{ voice: byId(voices[0].id), weight: 0.6 }, { voice: byId(voices[1].id), weight: 0.4 }] } }),
	},
	{
		name: 'Access Token → Create',
		path: () => '/access-token',
		parameters: () => ({ resource: 'accessToken', operation: 'create', grantTts: true, expiresIn: 60 }),
	},
	{
		name: 'API Status → Get',
		path: () => '/',
		parameters: () => ({ resource: 'apiStatus', operation: 'get' }),
	},
];

/** Faults whose error answer echoes the key; the SSE one only where the answer is a stream. */
const ECHOES: Array<{ label: string; fault: FaultAction; sseOnly?: boolean }> = [
	{ label: 'a JSON error body', fault: { kind: 'echo-key', status: 400, bodyEncoding: 'json' } },
	{ label: 'a text error body', fault: { kind: 'echo-key', status: 401, bodyEncoding: 'text' } },
	{ label: 'an octet-stream error body', fault: { kind: 'echo-key', status: 403, bodyEncoding: 'binary' } },
	{ label: 'an SSE error event', fault: { kind: 'sse-echo-key', afterEvents: 1 }, sseOnly: true },
];

/** Runs the node with every log captured; lists each place any form of the key showed up. */
async function runAndScan(operation: OperationCase, continueOnFail: boolean): Promise<{ run: CartesiaRun; leaks: string[] }> {
	const voices = standIn().voices();
	const logs = captureLogs();
	let run: CartesiaRun;
	try {
		run = await runCartesia(standIn(), operation.parameters(voices), {
			items: operation.items,
			apiVersion: operation.apiVersion,
			continueOnFail,
		});
	} finally {
		logs.stop();
	}
	// The capture was live: n8n-core logged the node's run through it (with the error, when it failed).
	expect(logs.lines.some((line) => line.includes('Running node "Cartesia"'))).toBe(true);
	const leaks: string[] = [];
	for (const [index, item] of run.items.entries()) {
		leaks.push(...findSecrets(`output item ${index}`, safeStringify(item), KEY));
		for (const property of Object.keys(item.binary ?? {})) {
			const bytes = await run.result.readBinary(item, property);
			leaks.push(...findSecrets(`binary "${property}" of output item ${index}`, bytes.toString('latin1'), KEY));
		}
	}
	if (run.error) leaks.push(...findSecrets('the error', safeStringify(run.error), KEY));
	leaks.push(...findSecrets('the run data', safeStringify(run.result.run), KEY));
	logs.lines.forEach((line, index) => leaks.push(...findSecrets(`log line ${index} (${line.slice(0, 40)}…)`, line, KEY)));
	return { run, leaks };
}

describe('the scan finds a key wherever it hides', () => {
	it('in an error cause, a Buffer or a log line\'s metadata', () => {
		const error = new Error('outer', { cause: Object.assign(new Error('inner'), { body: Buffer.from(`{"auth":"Bearer ${KEY}"}`) }) });
		expect(findSecrets('error', safeStringify(error), KEY)).toEqual([
			`error contains "${KEY}"`,
			`error contains "Bearer ${KEY}"`,
			`error contains "${KEY.slice(0, 12)}"`,
		]);
		const logs = captureLogs();
		LoggerProxy.debug('request failed', { header: KEY.slice(0, 14) });
		logs.stop();
		expect(findSecrets('log', logs.lines.join('\n'), KEY)).toEqual([`log contains "${KEY.slice(0, 12)}"`]);
	});
});

describe.each(OPERATIONS)('$name', (operation) => {
	it('succeeds without the key in its output, run data or logs', async () => {
		const { run, leaks } = await runAndScan(operation, false);
		expect(run.error).toBeUndefined();
		expect(run.items.length).toBeGreaterThan(0);
		expect(standIn().requests.every((request) => request.status >= 200 && request.status < 300)).toBe(true);
		expect(leaks).toEqual([]);
	});

	const echoes = ECHOES.filter((echo) => !echo.sseOnly || operation.sse);
	describe.each(echoes)('when Cartesia answers $label that echoes the key', ({ fault }) => {
		it('fails the item without the key in the error, run data or logs', async () => {
			standIn().inject({ ...fault, path: operation.path(standIn().voices()) } as Fault);
			const { run, leaks } = await runAndScan(operation, false);
			expect(standIn().requests.map((request) => request.fault)).toContain(fault.kind);
			// The echo reached the node (its text is in the message), with the key taken out.
			expect(run.error?.message).toContain('refused the credential');
			expect(leaks).toEqual([]);
		});

		it('under Continue On Fail, outputs an error item without the key, and no node-level error', async () => {
			standIn().inject({ ...fault, path: operation.path(standIn().voices()) } as Fault);
			const { run, leaks } = await runAndScan(operation, true);
			expect(run.result.status).toBe('success');
			expect(run.result.taskData('Cartesia').map((task) => task.error)).toEqual([undefined]);
			expect(run.items).toHaveLength(1);
			expect(run.items[0].json.error).toContain('refused the credential');
			expect(leaks).toEqual([]);
		});
	});
});

describe('a key cut short is taken out too', () => {
	/** The transport reads at most this much of an error body. */
	const READ_CAP = 64 * 1024;
	const apiStatus = OPERATIONS.find((operation) => operation.name === 'API Status → Get')!;

	/** A message that puts the 64 KB cut `into` characters into the key, in the body as the stand-in renders it. */
	function cutMessage(bodyEncoding: 'json' | 'text', into: number): string {
		const marker = 'MESSAGE_STARTS_HERE';
		const rendered = renderErrorBody({ status: 400, errorCode: 'invalid_request', title: 'Bad Request', message: marker, requestId: '0' }, undefined, bodyEncoding);
		const offset = rendered.body.indexOf(marker);
		return `${'x'.repeat(READ_CAP - offset - into)}${KEY} was refused`;
	}

	describe.each(['json', 'text'] as const)('by the 64 KB read cap of a %s error body', (bodyEncoding) => {
		it.each([4, 12, 20, KEY.length - 1])('cut %i characters into the key', async (into) => {
			standIn().inject({ kind: 'status', status: 400, bodyEncoding, message: cutMessage(bodyEncoding, into), path: '/' });
			const { run, leaks } = await runAndScan(apiStatus, true);
			expect(String(run.items[0].json.error)).toMatch(/x\[redacted\]$/);
			expect(leaks).toEqual([]);
		});
	});

	it.each([
		['an excerpt ending inside the key', `not JSON: token=${KEY.slice(0, 20)}`, 'not JSON: token=[redacted]'],
		['an excerpt ending inside the Bearer form', `Authorization: Bearer ${KEY.slice(0, 9)}`, 'Authorization: Bearer [redacted]'],
		['a whole key and a cut one', `${KEY} and ${KEY.slice(0, 13)}`, '[redacted] and [redacted]'],
		['fewer than 4 characters of it (not a secret)', 'ends in sk_', 'ends in sk_'],
	])('redact handles %s', (_label, text, expected) => {
		expect(redact(text, [KEY])).toBe(expected);
	});
});
