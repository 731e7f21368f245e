/**
 * Body caps: a JSON answer is read only up to its endpoint's limit (8 MB, 64 MB for /stt, whose
 * transcripts with word timestamps run to tens of MB), so a broken server or proxy cannot fill memory.
 * The SSE event cap (16 MB) is in faults.sse.test.ts.
 */
import { NodeApiError } from 'n8n-workflow';

import { useStandIn, type CartesiaRun } from '../helpers/cartesia';
import { PATHS, runPath, type FaultPath } from './paths';

const standIn = useStandIn();

const MB = 1024 * 1024;

/** Runs `work` while sampling the process's resident memory; returns its result and the peak growth. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakGrowthMb: number }> {
	const baseline = process.memoryUsage.rss();
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 2);
	try {
		const value = await work();
		peak = Math.max(peak, process.memoryUsage.rss());
		return { value, peakGrowthMb: (peak - baseline) / MB };
	} finally {
		clearInterval(sampler);
	}
}

const CAPS: Array<{ path: FaultPath; answerMb: number; outcome: 'accepted' | `refused over ${number} MB` }> = [
	{ path: PATHS.json, answerMb: 128, outcome: 'refused over 8 MB' },
	{ path: PATHS.json, answerMb: 7, outcome: 'accepted' },
	{ path: PATHS.upload, answerMb: 10, outcome: 'accepted' },
	{ path: PATHS.upload, answerMb: 70, outcome: 'refused over 64 MB' },
];

describe('JSON body caps', () => {
	// Load the engine and the node once, so the memory measured below is the answer's alone.
	beforeAll(async () => {
		await runPath(standIn(), PATHS.json);
		await runPath(standIn(), PATHS.upload);
	});

	it.each(CAPS.map((row) => [row.path.label, row.answerMb, row.outcome, row] as const))(
		'%s: a %i MB answer (chunked, no Content-Length) is %s',
		async (_label, _size, _outcome, { path, answerMb, outcome }) => {
			standIn().inject({ kind: 'huge-json', bytes: answerMb * MB, path: path.endpoint(standIn()) });
			const { value: run, peakGrowthMb } = await withPeakRss<CartesiaRun>(() => runPath(standIn(), path));
			expect(standIn().requests).toHaveLength(1);
			if (outcome === 'accepted') {
				await path.expectSuccess(run);
				return;
			}
			const limit = Number(/\d+/.exec(outcome)![0]);
			expect(run.error).toBeInstanceOf(NodeApiError);
			expect(run.error?.message).toBe(`Cartesia sent an answer larger than ${limit} MB, which this node does not accept`);
			expect(run.error?.description).toContain(`Request id ${standIn().requests[0].requestId}`);
			// Reading stops at the limit: memory grows by about the limit, not by the answer (read whole, an
			// answer costs about three times its size: the chunks, the joined buffer and the string).
			expect(peakGrowthMb).toBeLessThan(limit + 48);
		},
	);
});
