import { ADAPTIVE_COLD_GROWTH } from '../../nodes/Cartesia/transport/concurrency';
import { START_WINDOWS } from '../../nodes/Cartesia/transport/sharedLimiters';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

const speak = (maxConcurrentRequests?: number) => ({
	resource: 'speech',
	operation: 'generate',
	transcript: '={{ "Item number " + $json.n }}',
	voice: byId(standIn().voices()[0].id),
	outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 },
	...(maxConcurrentRequests === undefined ? {} : { requestOptions: { maxConcurrentRequests } }),
});

const numbered = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { n } }));

function expectInOrder(items: Array<{ json: Record<string, unknown>; pairedItem?: unknown }>, count: number) {
	expect(items.map((item) => item.json.n)).toEqual(Array.from({ length: count }, (_, n) => n));
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, item) => ({ item })));
}

describe('Max Concurrent Requests', () => {
	it('never has more requests in flight than the number set, and uses all of them', async () => {
		standIn().setLatency(80);
		const { items } = await runCartesia(standIn(), speak(3), { items: numbered(12) });
		expect(standIn().maxInFlight).toBe(3);
		expectInOrder(items, 12);
		expect(items.every((item) => item.binary?.data)).toBe(true);
	});

	it('runs one at a time when set to 1', async () => {
		standIn().setLatency(20);
		await runCartesia(standIn(), speak(1), { items: numbered(5) });
		expect(standIn().maxInFlight).toBe(1);
	});

	it.each([2, 15])('automatic mode completes every item against a plan limit of %i, settling at the limit', async (limit) => {
		standIn().setLatency(100);
		standIn().setConcurrencyLimit(limit);
		const count = limit * 5;
		const { items, error } = await runCartesia(standIn(), speak(), { items: numbered(count) });
		expect(error).toBeUndefined();
		expectInOrder(items, count);
		expect(items.every((item) => item.binary?.data.mimeType === 'application/octet-stream')).toBe(true);
		expect(standIn().maxAdmitted).toBe(limit);
		const refused = standIn().requests.filter((request) => request.status === 429).length;
		// A cold TTS window opens at 15. On a smaller plan the first window's overshoot is refused; on a
		// plan that takes it whole, the window opens to four times it, and the next round's overshoot is
		// refused. Then the window holds the limit (probing past it now and then) instead of hammering it.
		const firstWindow = Math.min(count, START_WINDOWS.tts);
		const overshoot =
			firstWindow > limit ? firstWindow - limit : Math.max(0, Math.min(count - firstWindow, ADAPTIVE_COLD_GROWTH * firstWindow) - limit);
		expect(refused).toBeLessThan(overshoot + count / 2);
	});

	it('automatic mode opens its window when an answer’s head arrives, not when its audio ends', async () => {
		// Cartesia answers 200 and then streams the audio as it generates it: the head proves the plan took
		// the request. 20 items on a cold window of 15: the last 5 start while the first answers still stream.
		standIn().setLatency(0);
		standIn().setBodyPacing(400);
		const count = START_WINDOWS.tts + 5;
		const { items, error } = await runCartesia(standIn(), speak(), { items: numbered(count) });
		expect(error).toBeUndefined();
		expectInOrder(items, count);
		expect(standIn().maxAdmitted).toBe(count);
	});

	it('a fixed number above the plan limit leaves failed items under continueOnFail, each in its place', async () => {
		standIn().setLatency(150);
		standIn().setConcurrencyLimit(1);
		const { items } = await runCartesia(
			standIn(),
			{ ...speak(4), requestOptions: { maxConcurrentRequests: 4, maxRetries: 0 } },
			{ items: numbered(4), continueOnFail: true },
		);
		// n8n's error items carry only the error; their pairing says which input they belong to.
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		items.forEach((item, index) => item.json.error || expect(item.json.n).toBe(index));
		const failed = items.filter((item) => item.json.error);
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.every((item) => item.json.httpCode === '429' && !item.binary)).toBe(true);
		expect(items.filter((item) => item.binary?.data).length).toBe(4 - failed.length);
	});

	it('without continueOnFail, reports the earliest failing item', async () => {
		const { error } = await runCartesia(
			standIn(),
			{ ...speak(4), transcript: '={{ $json.n % 2 ? "" : "fine" }}' },
			{ items: numbered(6) },
		);
		expect(error?.message).toBe('"Transcript" is empty');
		expect(error?.context?.itemIndex).toBe(1);
	});
});

describe('Request Options', () => {
	it('are read for each item when they are expressions', async () => {
		standIn().inject({ kind: 'status', status: 503, times: 2, path: '/' });
		const { items } = await runCartesia(
			standIn(),
			{
				resource: 'apiStatus',
				operation: 'get',
				requestOptions: { maxConcurrentRequests: 1, maxRetries: '={{ $json.retries }}' },
			},
			{ items: [{ json: { retries: 0 } }, { json: { retries: 2 } }], continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ httpCode: '503' });
		expect(items[1].json).toMatchObject({ ok: true });
		expect(standIn().requests.map((request) => request.status)).toEqual([503, 503, 200]);
	});
});
