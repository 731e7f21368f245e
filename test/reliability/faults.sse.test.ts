/**
 * Server-sent event streams that break, lie or carry the unexpected, on both streaming operations
 * (Speech → Generate With Timestamps, and Voice Changer → Change Voice (Stream), which uploads first).
 * A partial result is never taken for a whole one, and nothing that is not audio ends up in the file.
 */
import { NodeApiError } from 'n8n-workflow';

import { useStandIn } from '../helpers/cartesia';
import { parseWav } from '../helpers/wav';
import type { Fault } from '../standin';
import { PATHS, runPath, type FaultPath } from './paths';

const standIn = useStandIn();

const STREAMS: FaultPath[] = [PATHS.sse, PATHS.voiceChangerSse];

const broken: Array<{ name: string; fault: Fault; message: RegExp }> = [
	{
		name: 'a stream that ends mid-event',
		fault: { kind: 'sse-truncated', afterEvents: 2 },
		message: /^Cartesia: The stream ended before Cartesia said it was done; the result would be incomplete$/,
	},
	{
		name: 'a stream that ends without done',
		fault: { kind: 'sse-no-done' },
		message: /^Cartesia: The stream ended before Cartesia said it was done; the result would be incomplete$/,
	},
	{
		name: 'a malformed event',
		fault: { kind: 'sse-malformed', afterEvents: 1 },
		message: /^Cartesia: Cartesia sent a malformed event in the stream: \{not json$/,
	},
	{
		name: 'an error event',
		fault: { kind: 'sse-error', afterEvents: 1, message: 'the voice model crashed' },
		message: /^Cartesia: the voice model crashed$/,
	},
	{
		name: 'a 20 MB line with no line end',
		fault: { kind: 'sse-long-line', chars: 20 * 1024 * 1024, afterEvents: 1 },
		message: /^Cartesia sent a stream event larger than 16 MB, which this node does not accept$/,
	},
];

const cases = STREAMS.flatMap((path) => broken.map((row) => [path.label, row.name, path, row] as const));

describe('broken streams', () => {
	it.each(cases)('%s: %s fails the item, with no partial audio, and is not re-sent', async (_label, _name, path, { fault, message }) => {
		standIn().inject({ ...fault, path: path.endpoint(standIn()) });
		const { items } = await runPath(standIn(), path, {}, { continueOnFail: true });
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(message);
		expect(items[0].binary?.data?.fileName ?? '').not.toMatch(/^(speech|changed-voice)\./);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0]).toMatchObject({ status: 200, fault: fault.kind });
	});

	it.each(STREAMS.map((path) => [path.label, path] as const))(
		'%s: an error event names its request id and is a NodeApiError without Continue On Fail',
		async (_label, path) => {
			standIn().inject({ kind: 'sse-error', afterEvents: 0, message: 'no capacity for this voice', path: path.endpoint(standIn()) });
			const { error } = await runPath(standIn(), path, {}, { apiVersion: '2026-03-01' });
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe('Cartesia: no capacity for this voice');
			expect(error?.httpCode).toBe('500');
			expect(error?.context?.requestId).toBe(standIn().requests[0].requestId);
		},
	);
});

describe('unknown events', () => {
	it.each(STREAMS.map((path) => [path.label, path] as const))(
		'%s: comments, named events and unknown types are skipped; the output is the same as without them',
		async (_label, path) => {
			const clean = await runPath(standIn(), path);
			await path.expectSuccess(clean);
			standIn().inject({ kind: 'sse-unknown-events', path: path.endpoint(standIn()) });
			const noisy = await runPath(standIn(), path);
			await path.expectSuccess(noisy);
			expect(standIn().requests[1].fault).toBe('sse-unknown-events');
			const audio = async (run: typeof clean) => await run.result.readBinary(run.items[0], 'data');
			expect((await audio(noisy)).equals(await audio(clean))).toBe(true);
			expect(parseWav(await audio(noisy)).riffSizeConsistent).toBe(true);
			const { json: noisyJson } = noisy.items[0];
			expect(noisyJson).toEqual(clean.items[0].json);
		},
	);
});
