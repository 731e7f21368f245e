/**
 * Many executions in one process share one adaptive limiter per account and endpoint kind
 * (transport/sharedLimiters.ts): a burst of one-item executions queues on the plan instead of firing
 * at once, credentials and TTS / STT never share, idle limiters go, and a stop leaves the others be.
 */
import { byId, loadedSharedLimiters, runCartesia, useStandIn, type CartesiaRun } from '../helpers/cartesia';
import { startStandIn, type StandIn } from '../standin';
import { wrapPcmAsWav } from '../../nodes/Cartesia/helpers/audio';

const standIn = useStandIn();

const speak = (requestOptions: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation: 'generate',
	transcript: '={{ "Voice message " + $json.n }}',
	voice: byId(standIn().voices()[0].id),
	outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 },
	requestOptions,
});

const transcribe = {
	resource: 'transcription',
	operation: 'transcribe',
	binaryPropertyName: 'data',
	model: 'ink-whisper',
	language: 'en',
};

const recording = () => ({
	json: {},
	binary: { data: { buffer: wrapPcmAsWav(Buffer.alloc(16000), 'pcm_s16le', 8000), fileName: 'message.wav', mimeType: 'audio/wav' } },
});

/** `count` one-item executions started at once, as a webhook receiving a burst starts them. */
async function burst(count: number, run: (n: number) => Promise<CartesiaRun>): Promise<CartesiaRun[]> {
	return await Promise.all(Array.from({ length: count }, (_, n) => run(n)));
}

const refusals = (server: StandIn) => server.requests.filter((request) => request.status === 429).length;

/** The window the process has learned for an account and kind (leased for a look, then let go). */
function learnedWindow(server: StandIn, kind: 'tts' | 'stt'): number {
	const lease = loadedSharedLimiters().lease({ baseUrl: server.url, apiKey: server.apiKey }, kind);
	const { window } = lease.limiter;
	lease.release();
	return window;
}

describe('executions in one process share one limiter per account', () => {
	it('40 one-item executions at once against a plan of 5 all complete, with few 429s', async () => {
		standIn().setLatency(100);
		standIn().setConcurrencyLimit(5);
		const runs = await burst(40, (n) => runCartesia(standIn(), speak(), { items: [{ json: { n } }] }));
		expect(runs.map((run) => run.error)).toEqual(runs.map(() => undefined));
		expect(runs.every((run) => run.items.length === 1 && run.items[0].binary?.data)).toBe(true);
		expect(runs.map((run) => run.items[0].json.n)).toEqual(runs.map((_, n) => n));
		expect(standIn().maxAdmitted).toBe(5);
		// With a limiter per execution, the first wave alone is 40 requests against 5 (35 refused). One
		// window grows by one per success and finds the limit after a wave of refusals (8 in our runs).
		expect(refusals(standIn())).toBeLessThanOrEqual(12);
	});

	it('executions with a fixed Max Concurrent Requests each keep their cap and still share the plan', async () => {
		standIn().setLatency(100);
		standIn().setConcurrencyLimit(5);
		const runs = await burst(8, (n) =>
			runCartesia(standIn(), speak({ maxConcurrentRequests: 3, maxRetries: 5 }), {
				items: Array.from({ length: 3 }, (_, item) => ({ json: { n: n * 3 + item } })),
			}),
		);
		expect(runs.map((run) => run.error)).toEqual(runs.map(() => undefined));
		// Eight executions capped at 3 each would fire 24 at once (19 refused, each retried); the shared
		// window queues them on the plan instead.
		expect(refusals(standIn())).toBeLessThanOrEqual(12);
	});

	it('two credentials (two accounts) never share a window: one plan’s 429s leave the other at its limit', async () => {
		const other = await startStandIn();
		try {
			standIn().setLatency(100);
			standIn().setConcurrencyLimit(2);
			other.setLatency(100);
			other.setConcurrencyLimit(8);
			const speakTo = (server: StandIn, n: number) =>
				runCartesia(server, { ...speak(), voice: byId(server.voices()[0].id) }, { items: [{ json: { n } }] });
			const runs = await Promise.all([
				...Array.from({ length: 16 }, (_, n) => speakTo(standIn(), n)),
				...Array.from({ length: 32 }, (_, n) => speakTo(other, n)),
			]);
			expect(runs.every((run) => !run.error)).toBe(true);
			expect(standIn().maxAdmitted).toBe(2);
			expect(other.maxAdmitted).toBe(8);
			expect(learnedWindow(standIn(), 'tts')).toBeLessThanOrEqual(2);
			const leases = [standIn(), other].map((server) =>
				loadedSharedLimiters().lease({ baseUrl: server.url, apiKey: server.apiKey }, 'tts'),
			);
			expect(leases[0].limiter).not.toBe(leases[1].limiter);
			leases.forEach((lease) => lease.release());
		} finally {
			await other.close();
		}
	});

	it('a TTS 429 never narrows transcription: STT keeps its own window', async () => {
		standIn().setLatency(100);
		standIn().setConcurrencyLimit(2);
		await burst(12, (n) => runCartesia(standIn(), speak(), { items: [{ json: { n } }] }));
		expect(refusals(standIn())).toBeGreaterThan(0);
		expect(learnedWindow(standIn(), 'tts')).toBeLessThanOrEqual(2);
		// The plan for STT is larger: the STT window opens as if TTS had never been refused.
		standIn().setConcurrencyLimit(undefined);
		standIn().requests.length = 0;
		const runs = await burst(12, () => runCartesia(standIn(), transcribe, { items: [recording()] }));
		expect(runs.every((run) => !run.error && run.items[0].json.text !== undefined)).toBe(true);
		expect(learnedWindow(standIn(), 'stt')).toBeGreaterThan(6);
		expect(standIn().maxInFlight).toBeGreaterThan(2);
	});

	it('limiters go once no execution uses them, after the idle delay', async () => {
		const registry = loadedSharedLimiters();
		const idleReleaseMs = registry.idleReleaseMs;
		registry.idleReleaseMs = 500;
		try {
			standIn().setLatency(200);
			const running = burst(3, (n) => runCartesia(standIn(), speak(), { items: [{ json: { n } }] }));
			while (standIn().inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
			expect(registry.size).toBe(1);
			await running;
			expect(registry.size).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 700));
			expect(registry.size).toBe(0);
		} finally {
			registry.idleReleaseMs = idleReleaseMs;
		}
	});

	it('stopping one execution leaves the others waiting on the shared limiter to complete', async () => {
		standIn().setLatency(150);
		standIn().setConcurrencyLimit(2);
		const controller = new AbortController();
		const runs = burst(10, (n) =>
			runCartesia(standIn(), speak(), { items: [{ json: { n } }], signal: n === 7 ? controller.signal : undefined }),
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
		controller.abort();
		const results = await runs;
		expect(results[7].result.status).toBe('canceled');
		const others = results.filter((_, n) => n !== 7);
		expect(others.map((run) => run.error)).toEqual(others.map(() => undefined));
		expect(others.every((run) => run.items[0].binary?.data)).toBe(true);
		// The stopped execution gave back whatever it held or waited for: the shared window is empty.
		const lease = loadedSharedLimiters().lease({ baseUrl: standIn().url, apiKey: standIn().apiKey }, 'tts');
		expect(lease.limiter.inFlight).toBe(0);
		lease.release();
	});
});
