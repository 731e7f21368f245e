/**
 * Cartesia's error shape (docs/wire-format.md §1.4) and the stand-in's status conventions.
 *
 * Cartesia-Version >= 2026-03-01: JSON `{ error_code, title, message, request_id, doc_url }`.
 * Older versions: plain text `Title: Message` (docs/wire-format.md §1.4 says they *may* answer in plain
 * text; the stand-in always does, so a client that only handles JSON errors fails here rather than in
 * production).
 */
import { STATUS_CODES } from 'node:http';

import { type ApiVersion, versionSupports } from '../../nodes/Cartesia/versions';

export const ERROR_DOC_URL = 'https://docs.cartesia.ai/use-the-api/api-errors';

/**
 * How Mix and Create answer since their 2026-06-01 sunset.
 * UNCONFIRMED (docs/wire-format.md §1.2, §6): the sources document the sunset but not the live status
 * or error code for retired endpoints (only `model_sunsetted` for models). 410 Gone +
 * `endpoint_sunsetted` is this stand-in's guess; change it here only.
 */
export const RETIRED_ENDPOINT = {
	status: 410,
	errorCode: 'endpoint_sunsetted',
	sunsetDate: '2026-06-01',
} as const;

/** The default `error_code` per status, used when a rejection or fault does not name one. */
const DEFAULT_ERROR_CODES: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	408: 'request_timeout',
	409: 'conflict',
	410: 'gone',
	413: 'payload_too_large',
	422: 'unprocessable_entity',
	429: 'concurrency_limited',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

export function defaultErrorCode(status: number): string {
	return DEFAULT_ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'error');
}

export function statusTitle(status: number): string {
	return STATUS_CODES[status] ?? `Status ${status}`;
}

/** A request the stand-in refuses; thrown anywhere in validation or handling and answered by the server. */
export class StandInError extends Error {
	readonly status: number;
	readonly errorCode: string;
	readonly title: string;
	readonly headers: Record<string, string>;

	constructor(status: number, message: string, options: { errorCode?: string; headers?: Record<string, string> } = {}) {
		super(message);
		this.name = 'StandInError';
		this.status = status;
		this.errorCode = options.errorCode ?? defaultErrorCode(status);
		this.title = statusTitle(status);
		this.headers = options.headers ?? {};
	}
}

export const badRequest = (message: string): StandInError => new StandInError(400, message);
export const unauthorized = (message: string): StandInError => new StandInError(401, message);
export const notFound = (message: string): StandInError => new StandInError(404, message);

export type ErrorBodyEncoding = 'version' | 'json' | 'text' | 'binary';

export interface ErrorBody {
	contentType: string;
	body: Buffer;
}

export interface ErrorContent {
	status: number;
	errorCode: string;
	title: string;
	message: string;
	requestId: string;
}

export function errorJson(error: ErrorContent): Record<string, unknown> {
	return {
		error_code: error.errorCode,
		title: error.title,
		message: error.message,
		request_id: error.requestId,
		doc_url: ERROR_DOC_URL,
	};
}

/**
 * Render an error body. With an unknown or missing version the stand-in answers JSON (the newest
 * behaviour) because it cannot tell which definition the client follows.
 */
export function renderErrorBody(
	error: ErrorContent,
	version: ApiVersion | undefined,
	encoding: ErrorBodyEncoding = 'version',
): ErrorBody {
	const versionJson = version === undefined || versionSupports(version, 'structuredErrors');
	const asJson = encoding === 'json' || ((encoding === 'version' || encoding === 'binary') && versionJson);
	const body = asJson
		? Buffer.from(JSON.stringify(errorJson(error)))
		: Buffer.from(`${error.title}: ${error.message}`);
	if (encoding === 'binary') return { contentType: 'application/octet-stream', body };
	return { contentType: asJson ? 'application/json' : 'text/plain; charset=utf-8', body };
}

/** Thrown inside response writers when the client went away or a fault destroyed the socket. */
export class ResponseAbandoned extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'ResponseAbandoned';
	}
}
