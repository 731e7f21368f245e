import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CartesiaClient, type CartesiaRequest, type TransportOptions } from '../../nodes/Cartesia/transport';
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { useStandIn } from '../helpers/cartesia';
import { cartesiaNode } from '../helpers/node';

const standIn = useStandIn();

const node = cartesiaNode();

function client(
	options: Partial<TransportOptions> = {},
	apiVersion: ApiVersion = '2025-11-04',
	signal?: AbortSignal,
	apiKey = standIn().apiKey,
) {
	return new CartesiaClient({ credentials: { apiKey, apiVersion, baseUrl: standIn().url }, node, options, signal });
}

const status: CartesiaRequest = { method: 'GET', path: '/', retry: 'repeatable' };
const listOne: CartesiaRequest = { method: 'GET', path: '/voices', query: { limit: 1 }, retry: 'repeatable' };
const token: CartesiaRequest = {
	method: 'POST',
	path: '/access-token',
	json: { grants: { tts: true }, expires_in: 60 },
	retry: 'once',
};

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the request to fail');
}

describe('retries', () => {
	it("waits for a 429's Retry-After, then succeeds", async () => {
		standIn().inject({ kind: 'status', status: 429, retryAfter: '1', path: '/voices' });
		const started = Date.now();
		await client().json(listOne);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(standIn().requests.map((request) => request.status)).toEqual([429, 200]);
	});

	it('retries a read through 5xx answers with backoff', async () => {
		standIn().inject({ kind: 'status', status: 503, times: 2 });
		await client().json(status);
		expect(standIn().requests.map((request) => request.status)).toEqual([503, 503, 200]);
	});

	it("gives up after Max Retries with Cartesia's last answer", async () => {
		standIn().inject({ kind: 'status', status: 502, times: 5 });
		const error = await failure(client({ maxRetries: 1 }).json(status));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('502');
		expect(standIn().requests).toHaveLength(2);
	});

	it('does not retry a request that acts when the server may have acted (500)', async () => {
		standIn().inject({ kind: 'status', status: 500, path: '/access-token' });
		const error = await failure(client().json(token));
		expect(error.httpCode).toBe('500');
		expect(standIn().requests).toHaveLength(1);
	});

	it('retries a request that acts on 429, where the server did nothing', async () => {
		standIn().inject({ kind: 'status', status: 429, retryAfter: '0', path: '/access-token' });
		await client().json(token);
		expect(standIn().requests.map((request) => request.status)).toEqual([429, 200]);
	});

	it('retries a read whose connection was reset before the response', async () => {
		standIn().inject({ kind: 'reset-before-response' });
		expect(await client().json(status)).toMatchObject({ ok: true });
		expect(standIn().requests).toHaveLength(2);
	});

	it('does not resend a request that acts after a reset: it may have arrived', async () => {
		standIn().inject({ kind: 'reset-before-response', path: '/access-token' });
		const error = await failure(client().json(token));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Could not reach Cartesia');
		expect(standIn().requests).toHaveLength(1);
	});

	it('fails at once when Retry-After is longer than the allowed wait', async () => {
		standIn().inject({ kind: 'status', status: 429, retryAfter: '120' });
		const started = Date.now();
		const error = await failure(client({ maxRetryAfterMs: 5_000 }).json(status));
		expect(error.httpCode).toBe('429');
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(standIn().requests).toHaveLength(1);
	});
});

describe('errors', () => {
	it('decodes the structured JSON error of 2026-03-01', async () => {
		standIn().inject({ kind: 'status', status: 429, errorCode: 'concurrency_limited', message: 'Too many at once' });
		const error = await failure(client({ maxRetries: 0 }, '2026-03-01').json(status));
		const [request] = standIn().requests;
		expect(error.message).toBe('Cartesia: Too many at once');
		expect(error.context).toMatchObject({ errorCode: 'concurrency_limited', requestId: request.requestId });
	});

	it('decodes the plain-text error of older versions', async () => {
		standIn().inject({ kind: 'status', status: 400, message: 'The transcript is empty' });
		const error = await failure(client({}, '2025-11-04').json(status));
		expect(error.message).toBe('Cartesia: The transcript is empty');
		expect(error.description).toContain(`request id ${standIn().requests[0].requestId}`);
	});

	it('decodes an error body sent as binary bytes', async () => {
		standIn().inject({ kind: 'status', status: 400, message: 'Bad audio', bodyEncoding: 'binary' });
		const error = await failure(client({}, '2026-03-01').json(status));
		expect(error.message).toBe('Cartesia: Bad audio');
	});

	it('never shows the API key, even for a refused key', async () => {
		const error = await failure(client({}, '2026-03-01', undefined, 'sk_wrong_key_123456').json(listOne));
		expect(error.httpCode).toBe('401');
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description, stack: error.stack });
		expect(everything).not.toContain('sk_wrong_key_123456');
		expect(everything).not.toContain(standIn().apiKey);
	});
});

describe('time limits and cancellation', () => {
	it('fails a response that stays silent longer than the idle timeout', async () => {
		standIn().inject({ kind: 'slow', delayMs: 2_000 });
		const error = await failure(client({ idleTimeoutMs: 300, maxRetries: 0 }).json(status));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Cartesia did not answer within the Idle Timeout (0.3 s)');
		expect(error.description).toContain('Raise Idle Timeout in Request Options');
	});

	it("aborts an in-flight request when the execution's signal fires", async () => {
		standIn().inject({ kind: 'slow', delayMs: 5_000 });
		const controller = new AbortController();
		const started = Date.now();
		const pending = client({}, '2025-11-04', controller.signal).json(status);
		setTimeout(() => controller.abort(), 100);
		const error = await failure(pending);
		expect(error).toBeInstanceOf(NodeOperationError);
		// n8n-core records a run as canceled when the message says "canceled" or the name "Cancelled".
		expect(error.message).toBe('The execution was canceled while waiting for Cartesia');
		expect(error.name).toContain('Cancelled');
		expect(Date.now() - started).toBeLessThan(2_000);
	});
});

describe('server-sent events', () => {
	const voiceId = () => standIn().voices()[0].id;
	const sse = (): CartesiaRequest => ({
		method: 'POST',
		path: '/tts/sse',
		json: {
			model_id: 'sonic-3',
			transcript: 'Hello there, this is a longer sentence to make several chunks of audio.',
			voice: { mode: 'id', id: voiceId() },
			output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 },
		},
		retry: 'repeatable',
	});

	async function collect(events: AsyncGenerator<Record<string, unknown>>) {
		const seen: Array<Record<string, unknown>> = [];
		for await (const event of events) seen.push(event);
		return seen;
	}

	it('yields each event until done, with the audio chunks', async () => {
		const events = await collect(client().events(sse()));
		expect(events.length).toBeGreaterThan(1);
		expect(events.every((event) => event.done !== true)).toBe(true);
		expect(events.some((event) => typeof event.data === 'string')).toBe(true);
	});

	it("fails with Cartesia's message on an error event mid-stream", async () => {
		standIn().inject({ kind: 'sse-error', afterEvents: 1, message: 'Voice synthesis failed' });
		const error = await failure(collect(client().events(sse())));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Cartesia: Voice synthesis failed');
	});

	it('fails on a malformed event', async () => {
		standIn().inject({ kind: 'sse-malformed', afterEvents: 1 });
		const error = await failure(collect(client().events(sse())));
		expect(error.message).toContain('malformed event');
	});

	it('fails when the stream breaks off before done', async () => {
		standIn().inject({ kind: 'reset-mid-body', afterBytes: 200 });
		const error = await failure(collect(client().events(sse())));
		expect(error).toBeInstanceOf(NodeApiError);
	});
});
