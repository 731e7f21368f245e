import type { Readable } from 'node:stream';

import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readHead } from './readHead';
import { errorCode } from './retry';

/** What Cartesia said when it refused a request, whatever shape the body came in. */
export interface CartesiaFailure {
	status: number;
	message: string;
	title?: string;
	errorCode?: string;
	requestId?: string;
	docUrl?: string;
}

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Reads at most 64 KB of an error body (a failing audio endpoint may still stream bytes). A body cut short still says something: what arrived is decoded. */
export async function readErrorBody(body: Readable): Promise<Buffer> {
	return await readHead(body, MAX_ERROR_BODY_BYTES, true);
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function stringField(object: Record<string, unknown>, ...keys: string[]): string | undefined {
	for (const key of keys) {
		const value = object[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return undefined;
}

/** Text of a body that may be UTF-8 (JSON or `Title: Message`) or not text at all. */
function bodyText(bytes: Buffer): string | undefined {
	if (bytes.length === 0) return undefined;
	const text = bytes.toString('utf8');
	// More than a few replacement or control characters means the bytes were not text.
	let unreadable = 0;
	for (const character of text) {
		const code = character.charCodeAt(0);
		if (code === 0xfffd || code < 9 || (code > 13 && code < 32)) unreadable++;
	}
	if (unreadable > Math.max(2, text.length / 50)) return undefined;
	return text.trim() || undefined;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not found',
	405: 'Method not allowed',
	408: 'Request timeout',
	409: 'Conflict',
	410: 'Gone',
	413: 'Payload too large',
	415: 'Unsupported media type',
	422: 'Unprocessable entity',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

/**
 * Decodes an error response. From 2026-03-01 Cartesia guarantees JSON
 * `{ error_code, title, message, request_id, doc_url }`; older versions may answer with plain text such
 * as `Title: Message` (docs/wire-format.md §1.4). Bytes that are not text at all are reported by size.
 */
export function parseCartesiaError(
	status: number,
	headers: Record<string, string | string[] | undefined>,
	bytes: Buffer,
): CartesiaFailure {
	// The request id header name is unconfirmed; the JSON body's `request_id` wins when present.
	const headerRequestId = headerValue(headers['x-request-id']) ?? headerValue(headers['request-id']);
	const failure: CartesiaFailure = {
		status,
		message: STATUS_TEXT[status] ?? `HTTP ${status}`,
		requestId: headerRequestId,
	};
	const text = bodyText(bytes);
	if (text === undefined) {
		if (bytes.length > 0) failure.message += ` (an unreadable body of ${bytes.length} bytes)`;
		return failure;
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
		const object = parsed as Record<string, unknown>;
		const nested =
			object.error && typeof object.error === 'object' ? (object.error as Record<string, unknown>) : {};
		failure.title = stringField(object, 'title') ?? stringField(nested, 'title');
		failure.message =
			stringField(object, 'message', 'detail', 'error') ??
			stringField(nested, 'message', 'detail') ??
			failure.title ??
			failure.message;
		failure.errorCode = stringField(object, 'error_code', 'code') ?? stringField(nested, 'error_code', 'code');
		failure.requestId = stringField(object, 'request_id') ?? failure.requestId;
		failure.docUrl = stringField(object, 'doc_url');
		return failure;
	}
	const titled = /^([^:\n]{1,80}):\s+([\s\S]+)$/.exec(text);
	if (titled) {
		failure.title = titled[1].trim();
		failure.message = titled[2].trim();
	} else {
		failure.message = text;
	}
	return failure;
}

/** What the user can do about each kind of refusal, unless the caller knows better. */
function hintFor(failure: CartesiaFailure): string | undefined {
	if (failure.errorCode === 'endpoint_sunsetted' || failure.status === 410) {
		return 'Cartesia retired Voice → Mix and Voice → Create on 2026-06-01; clone a voice from audio instead';
	}
	switch (failure.status) {
		case 401:
			return 'Check the API key in the Cartesia API credential, and that its API version matches the key';
		case 403:
			return 'The key is valid but not allowed to do this: check your Cartesia plan and the key’s permissions';
		case 404:
			return 'Check the ID: the voice (or other resource) does not exist or belongs to another account';
		case 429:
			return 'Cartesia refused the request for load; check your plan’s limits and usage';
		default:
			return failure.status >= 500 ? 'Cartesia had a problem; trying again later usually helps' : undefined;
	}
}

/**
 * Replaces every secret in a string, so no error, log line or output item can carry the API key. A text
 * cut short (an error body past its cap, an excerpt) may end with the first part of a secret: that goes too.
 */
export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		result = result.split(secret).join('[redacted]');
		for (let length = secret.length - 1; length >= 4; length--) {
			if (result.endsWith(secret.slice(0, length))) {
				result = `${result.slice(0, -length)}[redacted]`;
				break;
			}
		}
	}
	return result;
}

function redactFailure(failure: CartesiaFailure, secrets: readonly string[]): CartesiaFailure {
	const clean: CartesiaFailure = { ...failure };
	for (const key of Object.keys(clean) as Array<keyof CartesiaFailure>) {
		const value = clean[key];
		if (typeof value === 'string') (clean as unknown as Record<string, unknown>)[key] = redact(value, secrets);
	}
	return clean;
}

/** How the transport adds to Cartesia's words: a note on the message, a hint in place of the usual one. */
export interface FailureContext {
	/** Appended to the message, e.g. why the request was not retried. */
	note?: string;
	hint?: string;
}

/** A Cartesia refusal as the NodeApiError n8n shows: Cartesia's message, status, code and request id. */
export function cartesiaApiError(
	node: INode,
	rawFailure: CartesiaFailure,
	secrets: readonly string[],
	context: FailureContext = {},
): NodeApiError {
	const failure = redactFailure(rawFailure, secrets);
	const facts = [
		`HTTP ${failure.status}`,
		failure.errorCode ? `error code ${failure.errorCode}` : undefined,
		failure.requestId ? `request id ${failure.requestId}` : undefined,
	].filter(Boolean);
	const hint = context.hint ?? hintFor(failure);
	const description = [`${facts.join(', ')}.`, hint ? `${hint}.` : undefined, failure.docUrl]
		.filter(Boolean)
		.join(' ');
	const response: JsonObject = {
		status: failure.status,
		message: failure.message,
		...(failure.title ? { title: failure.title } : {}),
		...(failure.errorCode ? { error_code: failure.errorCode } : {}),
		...(failure.requestId ? { request_id: failure.requestId } : {}),
		...(failure.docUrl ? { doc_url: failure.docUrl } : {}),
	};
	const error = new NodeApiError(node, response, {
		message: `Cartesia: ${failure.message}${context.note ? ` (${context.note})` : ''}`,
		description,
		httpCode: String(failure.status),
	});
	if (failure.errorCode) error.context.errorCode = failure.errorCode;
	if (failure.requestId) error.context.requestId = failure.requestId;
	return error;
}

/** The time limits a connection failure may be about, named as the user sets them. */
export interface ConnectionLimits {
	connectTimeoutMs: number;
	idleTimeoutMs: number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A failure to talk to Cartesia at all (refused, reset, timed out) as a NodeApiError. */
export function connectionError(
	node: INode,
	cause: unknown,
	baseUrl: string,
	secrets: readonly string[],
	limits: ConnectionLimits,
): NodeApiError {
	const code = errorCode(cause) ?? 'UNKNOWN';
	const detail = cause instanceof Error ? cause.message : String(cause);
	const idle = `Idle Timeout (${seconds(limits.idleTimeoutMs)})`;
	const what: Record<string, string> = {
		ECONNREFUSED: 'the connection was refused',
		ENOTFOUND: 'the host name could not be resolved',
		EAI_AGAIN: 'the host name could not be resolved',
		UND_ERR_CONNECT_TIMEOUT: `connecting took longer than the Connect Timeout (${seconds(limits.connectTimeoutMs)})`,
		UND_ERR_HEADERS_TIMEOUT: `Cartesia did not answer within the ${idle}`,
		UND_ERR_BODY_TIMEOUT: `the response stalled for longer than the ${idle}`,
		ECONNRESET: 'the connection was reset',
		UND_ERR_SOCKET: 'the connection was closed',
	};
	const timeHint: Record<string, string> = {
		UND_ERR_CONNECT_TIMEOUT: 'Raise Connect Timeout in Request Options if the network is slow to connect. ',
		UND_ERR_HEADERS_TIMEOUT: 'Raise Idle Timeout in Request Options for long inputs that Cartesia needs time to process. ',
		UND_ERR_BODY_TIMEOUT: 'Raise Idle Timeout in Request Options if Cartesia pauses for long between parts of its answer. ',
	};
	const message = `Could not reach Cartesia at ${baseUrl}: ${what[code] ?? redact(detail, secrets)}`;
	return new NodeApiError(
		node,
		{ message, connection_error: code },
		{
			message,
			description: `${code}: ${redact(detail, secrets)}. ${timeHint[code] ?? ''}Check the Base URL in the credential, your network and any proxy settings (HTTP_PROXY, HTTPS_PROXY, NO_PROXY).`,
		},
	);
}

/**
 * The execution was stopped while a request was in flight, queued or waiting to be retried. n8n-core
 * records a run as canceled, not failed, only when the error's message says "canceled" or its name
 * says "Cancelled" (WorkflowExecute.processSuccessExecution); this error does both.
 */
export class CartesiaRequestCancelledError extends NodeOperationError {
	constructor(node: INode) {
		super(node, 'The execution was canceled while waiting for Cartesia', { level: 'info' });
	}
}

export function cancelledError(node: INode): CartesiaRequestCancelledError {
	return new CartesiaRequestCancelledError(node);
}

/** A response bigger than the transport accepts for its kind, so memory stays bounded. */
export function tooLargeError(node: INode, what: string, limitBytes: number, requestId?: string): NodeApiError {
	const megabytes = Math.round(limitBytes / (1024 * 1024));
	const message = `Cartesia sent ${what} larger than ${megabytes} MB, which this node does not accept`;
	return new NodeApiError(
		node,
		{ message, ...(requestId ? { request_id: requestId } : {}) },
		{
			message,
			description: `The limit keeps memory bounded; an answer this large usually means a proxy or gateway changed it.${requestId ? ` Request id ${requestId}.` : ''}`,
		},
	);
}
