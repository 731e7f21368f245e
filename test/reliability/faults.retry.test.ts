/**
 * Refusals on every path (JSON, upload, download, SSE), through the engine: what is retried, after how
 * long, and what a user reads when the retries end.
 */
import { NodeApiError } from 'n8n-workflow';

import { useStandIn } from '../helpers/cartesia';
import { FOUR_PATHS, runPath, type FaultPath } from './paths';

const standIn = useStandIn();

/** Every case on every path, as `[path label, case label, path, case]`. */
const rows = <T>(cases: T[], name: (row: T) => string = String): Array<[string, string, FaultPath, T]> =>
	FOUR_PATHS.flatMap((path) => cases.map((row): [string, string, FaultPath, T] => [path.label, name(row), path, row]));

/**
 * A 429 that is not about concurrency. Its code must reach the node, so the body is JSON whatever the
 * version (before 2026-03-01 the stand-in answers in plain text, which a node reads as capacity).
 */
const RATE_LIMITED = { status: 429, errorCode: 'rate_limited', bodyEncoding: 'json' } as const;

describe('Retry-After', () => {
	it.each(rows(['seconds', 'an HTTP date']))(
		'%s: a 429 with Retry-After as %s is waited out, then the item succeeds',
		async (_label, _case, path, form) => {
			const started = Date.now();
			// An HTTP date has whole seconds: two seconds ahead is at least one second of waiting.
			const retryAfter = form === 'seconds' ? '1' : new Date(started + 2000).toUTCString();
			const earliest = form === 'seconds' ? started + 1000 : Date.parse(retryAfter);
			standIn().inject({ kind: 'status', ...RATE_LIMITED, retryAfter, path: path.endpoint(standIn()) });
			const run = await runPath(standIn(), path);
			await path.expectSuccess(run);
			expect(standIn().requests.map((request) => request.status)).toEqual([429, 200]);
			// The second request left no earlier than Retry-After said (a few ms of timer slack allowed).
			expect(Date.now()).toBeGreaterThanOrEqual(earliest - 20);
		},
	);

	it.each(rows([RATE_LIMITED, { status: 503 }], (row) => `${row.status}`))(
		'%s: a %s whose Retry-After is beyond Max Retry-After Wait fails at once, saying when to try again',
		async (_label, _case, path, refusal) => {
			const { status } = refusal;
			standIn().inject({ kind: 'status', ...refusal, retryAfter: '30', message: 'come back later', path: path.endpoint(standIn()) });
			const started = Date.now();
			const { error } = await runPath(standIn(), path, { maxRetryAfter: 1 });
			expect(Date.now() - started).toBeLessThan(2000);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.httpCode).toBe(String(status));
			expect(error?.message).toContain('come back later');
			expect(error?.message).toContain('beyond Max Retry-After Wait (1 s)');
			const when = /try again after (\S+Z)/.exec(error?.message ?? '')?.[1];
			expect(Math.abs(Date.parse(when ?? '') - (started + 30_000))).toBeLessThan(3000);
			expect(standIn().requests).toHaveLength(1);
		},
	);
});

describe('server errors', () => {
	const serverErrors = [
		{ statuses: [500, 503], retryAfter: undefined, name: '500 and 503 (backoff)' },
		{ statuses: [502, 504], retryAfter: '0', name: '502 and 504 with Retry-After: 0' },
	];
	it.each(rows(serverErrors, (row) => row.name))(
		'%s: %s, then success within Max Retries 2',
		async (_label, _case, path, { statuses, retryAfter }) => {
			for (const status of statuses) standIn().inject({ kind: 'status', status, retryAfter, path: path.endpoint(standIn()) });
			const run = await runPath(standIn(), path);
			await path.expectSuccess(run);
			expect(standIn().requests.map((request) => request.status)).toEqual([...statuses, 200]);
		},
	);

	it.each(FOUR_PATHS.map((path) => [path.label, path] as const))(
		'%s: more 503s than Max Retries fails with Cartesia’s message, status and request id after retries + 1 requests',
		async (_label, path) => {
			standIn().inject({ kind: 'status', status: 503, times: 5, message: 'the fleet is busy', path: path.endpoint(standIn()) });
			const { error, items } = await runPath(standIn(), path, { maxRetries: 1 });
			expect(items).toEqual([]);
			expect(standIn().requests.map((request) => request.status)).toEqual([503, 503]);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe('Cartesia: the fleet is busy');
			expect(error?.httpCode).toBe('503');
			const lastRequestId = standIn().requests[1].requestId!;
			expect(error?.context?.requestId).toBe(lastRequestId);
			expect(error?.description).toContain(`request id ${lastRequestId}`);
		},
	);
});

describe('client errors', () => {
	it.each(rows([400, 401, 403, 404, 422]))('%s: a %s is never retried', async (_label, _case, path, status) => {
		standIn().inject({ kind: 'status', status, message: `refused with ${status}`, path: path.endpoint(standIn()) });
		const { error } = await runPath(standIn(), path, { maxRetries: 3 });
		expect(standIn().requests).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.message).toBe(`Cartesia: refused with ${status}`);
	});
});
