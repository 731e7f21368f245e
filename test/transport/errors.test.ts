import { NodeApiError } from 'n8n-workflow';

import { cartesiaApiError, connectionError, parseCartesiaError, redact } from '../../nodes/Cartesia/transport/errors';
import { cartesiaNode } from '../helpers/node';

const node = cartesiaNode();

describe('parseCartesiaError', () => {
	it('reads the structured JSON body of 2026-03-01', () => {
		const body = Buffer.from(
			JSON.stringify({
				error_code: 'concurrency_limited',
				title: 'Too many requests',
				message: 'You have 5 requests in flight; your plan allows 5',
				request_id: 'req_123',
				doc_url: 'https://docs.cartesia.ai/errors',
			}),
		);
		expect(parseCartesiaError(429, {}, body)).toEqual({
			status: 429,
			title: 'Too many requests',
			message: 'You have 5 requests in flight; your plan allows 5',
			errorCode: 'concurrency_limited',
			requestId: 'req_123',
			docUrl: 'https://docs.cartesia.ai/errors',
		});
	});

	it('splits a plain-text "Title: Message" body and takes the request id from the header', () => {
		const failure = parseCartesiaError(400, { 'x-request-id': 'req_9' }, Buffer.from('Invalid voice: voice not found'));
		expect(failure).toMatchObject({ status: 400, title: 'Invalid voice', message: 'voice not found', requestId: 'req_9' });
	});

	it('decodes a JSON body that arrived as bytes of an audio response', () => {
		const bytes = Buffer.from('{"message":"transcript is empty","error_code":"invalid_request"}', 'utf8');
		expect(parseCartesiaError(400, { 'content-type': 'audio/wav' }, bytes)).toMatchObject({
			message: 'transcript is empty',
			errorCode: 'invalid_request',
		});
	});

	it('reports a body that is not text by its size, never as bytes', () => {
		const failure = parseCartesiaError(500, {}, Buffer.from([0, 1, 2, 255, 254, 3, 4, 5, 6, 7, 8]));
		expect(failure.message).toBe('Internal server error (an unreadable body of 11 bytes)');
	});

	it('falls back to the status text for an empty body', () => {
		expect(parseCartesiaError(503, {}, Buffer.alloc(0)).message).toBe('Service unavailable');
	});
});

describe('cartesiaApiError', () => {
	it('is a NodeApiError carrying the message, status, error code and request id', () => {
		const error = cartesiaApiError(
			node,
			{ status: 401, message: 'Invalid API key', errorCode: 'unauthorized', requestId: 'req_1' },
			['sk_secret_key'],
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Cartesia: Invalid API key');
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('HTTP 401, error code unauthorized, request id req_1.');
		expect(error.context).toMatchObject({ errorCode: 'unauthorized', requestId: 'req_1' });
	});

	it('removes the API key wherever Cartesia echoed it', () => {
		const error = cartesiaApiError(node, { status: 401, message: 'Key sk_secret_key is not valid' }, ['sk_secret_key']);
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(
			'sk_secret_key',
		);
		expect(error.message).toBe('Cartesia: Key [redacted] is not valid');
	});
});

describe('redact', () => {
	it('replaces every occurrence', () => {
		expect(redact('a KEY1 b KEY1', ['KEY1'])).toBe('a [redacted] b [redacted]');
	});
});

describe('connectionError', () => {
	const limits = { connectTimeoutMs: 2_500, idleTimeoutMs: 45_000 };
	const failure = (code: string) =>
		connectionError(node, Object.assign(new Error(`failed with ${code}`), { code }), 'https://api.cartesia.ai', ['sk_x'], limits);

	it.each([
		['UND_ERR_CONNECT_TIMEOUT', 'connecting took longer than the Connect Timeout (2.5 s)', 'Raise Connect Timeout'],
		['UND_ERR_HEADERS_TIMEOUT', 'Cartesia did not answer within the Idle Timeout (45 s)', 'Raise Idle Timeout'],
		['UND_ERR_BODY_TIMEOUT', 'the response stalled for longer than the Idle Timeout (45 s)', 'Raise Idle Timeout'],
	])('names the setting that ran out for %s', (code, message, hint) => {
		const error = failure(code);
		expect(error.message).toBe(`Could not reach Cartesia at https://api.cartesia.ai: ${message}`);
		expect(error.description).toContain(hint);
	});

	it('does not suggest a time limit for a refused connection', () => {
		expect(failure('ECONNREFUSED').description).not.toMatch(/Timeout/);
	});
});
