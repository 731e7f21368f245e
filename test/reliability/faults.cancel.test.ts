/**
 * Stopping an execution, wherever the items are (a request in flight, a backoff wait, the queue for a
 * slot), and Continue On Fail with many items at once: order, pairing, and error items exactly where
 * the faults were.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { runCartesia, useStandIn } from '../helpers/cartesia';
import type { StandIn } from '../standin';
import { FOUR_PATHS, PATHS, runPath, type FaultPath } from './paths';

const standIn = useStandIn();

interface Stop {
	name: string;
	/** Puts the items where the stop should find them. */
	arrange(standIn: StandIn, endpoint: string): void;
	items: number;
	requestOptions: Record<string, unknown>;
	/** What the stand-in has answered by the time of the stop. */
	answered: number[];
}

const STOPS: Stop[] = [
	{
		name: 'a request in flight',
		arrange: (standIn, path) => standIn.inject({ kind: 'slow', delayMs: 10_000, path }),
		items: 1,
		requestOptions: {},
		answered: [0],
	},
	{
		name: 'a backoff wait (503, Retry-After 30)',
		arrange: (standIn, path) => standIn.inject({ kind: 'status', status: 503, retryAfter: '30', path }),
		items: 1,
		requestOptions: {},
		answered: [503],
	},
	{
		name: 'the queue for a slot (Max Concurrent 1, four items)',
		arrange: (standIn) => standIn.setLatency(10_000),
		items: 4,
		requestOptions: { maxConcurrentRequests: 1 },
		answered: [0],
	},
];

const STOP_AFTER_MS = 300;

/** Polls until `read` gives a value, failing past `deadline` (epoch ms). */
async function settled<T>(read: () => T | undefined, deadline: number): Promise<T> {
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('the node did not settle within 2 s of the stop');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const stopCases = FOUR_PATHS.flatMap((path) => STOPS.map((stop) => [path.label, stop.name, path, stop] as const));

describe('stopping the execution', () => {
	it.each(stopCases)(
		'%s: a stop during %s ends the run as canceled within 2 s, with no error items even under Continue On Fail',
		async (_label, _stop, path, stop) => {
			stop.arrange(standIn(), path.endpoint(standIn()));
			const controller = new AbortController();
			const items = Array.from({ length: stop.items }, () => path.items()![0]);
			const running = runPath(standIn(), path, stop.requestOptions, { items, continueOnFail: true, signal: controller.signal });
			await new Promise((resolve) => setTimeout(resolve, STOP_AFTER_MS));
			const stoppedAt = Date.now();
			controller.abort();
			const { result } = await running;
			expect(result.status).toBe('canceled');
			// n8n reports the stop at once; the node itself must also let go within 2 s, and with an error
			// n8n reads as a cancellation (its run data fills in when the node's promise settles).
			const task = await settled(() => result.taskData('Cartesia')[0], stoppedAt + 2000);
			expect(task.error?.name).toContain('Cancelled');
			expect(task.error?.message).toBe('The execution was canceled while waiting for Cartesia');
			const output = (task.data?.main?.flat() ?? []) as INodeExecutionData[];
			expect(output.filter((item) => item?.json?.error !== undefined)).toEqual([]);
			// Only the first item reached Cartesia; nothing was sent after the stop.
			expect(standIn().requests.map((request) => request.status)).toEqual(stop.answered);
		},
	);
});

describe('Continue On Fail with concurrency', () => {
	const ITEMS = 12;

	it('JSON (Voice → Get), 12 items at Max Concurrent 4: outputs in input order, paired, errors where the faults were', async () => {
		const voices = standIn().voices().slice(0, ITEMS);
		const endpoint = (index: number) => `/voices/${voices[index].id}`;
		standIn().setLatency(40);
		standIn().inject({ kind: 'status', status: 404, message: 'no such voice', path: endpoint(2) });
		standIn().inject({ kind: 'status', status: 503, times: 5, message: 'busy', path: endpoint(5) });
		standIn().inject({ kind: 'status', status: 422, message: 'unprocessable', path: endpoint(7) });
		standIn().inject({ kind: 'reset-before-response', path: endpoint(9) });
		standIn().inject({ kind: 'status', status: 500, path: endpoint(11) });
		const { items } = await runCartesia(
			standIn(),
			{
				resource: 'voice',
				operation: 'get',
				voice: { __rl: true, mode: 'id', value: '={{ $json.voiceId }}' },
				requestOptions: { maxConcurrentRequests: 4, maxRetries: 1 },
			},
			{ items: voices.map((voice, n) => ({ json: { n, voiceId: voice.id } })), continueOnFail: true },
		);
		expect(items.map((item) => item.pairedItem)).toEqual(voices.map((_, item) => ({ item })));
		expect(items.map((item) => (item.json.error === undefined ? item.json.id : item.json.httpCode))).toEqual(
			voices.map((voice, index) => ({ 2: '404', 5: '503', 7: '422' })[index] ?? voice.id),
		);
		expect(items[2].json.error).toBe('Cartesia: no such voice');
		expect(standIn().maxInFlight).toBeLessThanOrEqual(4);
		expect(standIn().maxInFlight).toBeGreaterThan(1);
	});

	it('download (Speech → Generate), 12 items at Max Concurrent 4: each output keeps its input, the refused ones are error items', async () => {
		const unknownVoice = '00000000-0000-4000-8000-000000000000';
		const known = standIn().voices()[0].id;
		const refused = new Set([3, 8]);
		standIn().setLatency(40);
		standIn().inject({ kind: 'status', status: 503, times: 2, path: '/tts/bytes' });
		const path: FaultPath = PATHS.download;
		const { items, result } = await runCartesia(
			standIn(),
			{
				...path.parameters(standIn()),
				voice: { __rl: true, mode: 'id', value: '={{ $json.voiceId }}' },
				requestOptions: { maxConcurrentRequests: 4 },
			},
			{
				items: Array.from({ length: ITEMS }, (_, n) => ({ json: { n, voiceId: refused.has(n) ? unknownVoice : known } })),
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
		expect(items.map((item) => [item.json.n ?? 'error', item.json.error === undefined ? 'audio' : item.json.httpCode])).toEqual(
			Array.from({ length: ITEMS }, (_, n) => (refused.has(n) ? ['error', '400'] : [n, 'audio'])),
		);
		for (const item of items.filter((_, n) => !refused.has(n))) {
			expect((await result.readBinary(item, 'data')).subarray(0, 4).toString('latin1')).toBe('RIFF');
		}
		expect(standIn().maxInFlight).toBeLessThanOrEqual(4);
		expect(standIn().requests.filter((request) => request.status === 503)).toHaveLength(2);
	});
});
