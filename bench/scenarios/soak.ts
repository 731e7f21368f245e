/**
 * 6. Soak: 10,000 Speech → Generate items (small raw audio, filesystem binary mode) in one execution at
 * Max Concurrent Requests 8 with retries on (Max Retries 2), against a stand-in that answers every 100th
 * request to /tts/bytes with 503 (retries counted: 1% exactly, not a random 1%).
 *
 * Reports items lost (missing from the output, or failed), duplicated, out of order or wrongly paired,
 * and this process's RSS after the first 1,000 items against the end. RSS is probed from a timer while
 * the execution runs: the stand-in's count of audio answers says when 1,000 items are done; each reading
 * follows a full collection (--expose-gc), so it is memory held, not garbage awaiting collection. The
 * reading at the end is taken with the execution's result (10,000 output items) still held.
 */
import { withTempDir, type BenchContext } from '../lib/context';
import { figure, fmt, log } from '../lib/stats';
import { oursGenerate, runChain, SMALL_RAW, type NodeSpec } from '../lib/workflows';

const SCENARIO = '6. Soak';
const ITEMS = 10_000;
const CONCURRENCY = 8;
const MAX_RETRIES = 2;
const FAIL_EVERY = 100;
const FAIL_STATUS = 503;
const PROBE_AT = 1_000;
const AUDIO_BYTES = 3_200;
const PROBE_INTERVAL_MS = 100;
const MB = 1024 * 1024;
const PATH = '/tts/bytes';

interface MemoryReading {
	/** Audio answers the stand-in had sent when the reading was taken. */
	answered: number;
	rss: number;
	heapUsed: number;
	arrayBuffers: number;
}

function reading(answered: number): MemoryReading {
	(globalThis as { gc?: () => void }).gc?.();
	const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
	return { answered, rss, heapUsed, arrayBuffers };
}

export async function soak(ctx: BenchContext): Promise<void> {
	const { standIn, target } = ctx;
	const items = Array.from({ length: ITEMS }, (_, n) => ({ json: { n } }));
	const base = oursGenerate(target, SMALL_RAW, CONCURRENCY);
	const spec: NodeSpec = {
		...base,
		parameters: { ...base.parameters, requestOptions: { maxConcurrentRequests: CONCURRENCY, maxRetries: MAX_RETRIES } },
	};

	await standIn.reset();
	await standIn.setGeneratedAudioBytes(AUDIO_BYTES);
	await standIn.failEvery(PATH, FAIL_EVERY, FAIL_STATUS);

	// The probe: polls the stand-in until PROBE_AT audio answers have gone out, then reads memory once;
	// meanwhile it keeps the highest RSS seen.
	let atProbe: MemoryReading | undefined;
	let peakRss = 0;
	let probing = false;
	const probe = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
		if (atProbe || probing) return;
		probing = true;
		void standIn
			.countAnswered(PATH, 200)
			.then((answered) => {
				if (answered >= PROBE_AT && !atProbe) {
					atProbe = reading(answered);
					log(`${SCENARIO}: ${answered} items answered: RSS ${fmt(atProbe.rss / MB)} MB (heap ${fmt(atProbe.heapUsed / MB)} MB, Buffers ${fmt(atProbe.arrayBuffers / MB)} MB)`);
				}
			})
			.finally(() => (probing = false));
	}, PROBE_INTERVAL_MS);

	const started = Date.now();
	const outcome = await withTempDir('n8n-bench-soak-', async (binaryDir) => {
		try {
			const result = await runChain({ extraNodeTypes: ctx.extraNodeTypes, target, nodes: [spec], items, binaryMode: 'filesystem', binaryDir, packageDir: ctx.pkg.packageDir });
			const wallMs = Date.now() - started;
			clearInterval(probe);
			const atEnd = reading(await standIn.countAnswered(PATH, 200));
			peakRss = Math.max(peakRss, atEnd.rss);
			return { result, wallMs, atEnd };
		} finally {
			clearInterval(probe);
		}
	});
	const { result, wallMs, atEnd } = outcome;
	if (result.error) throw result.error;
	if (!atProbe) throw new Error(`the probe never saw ${PROBE_AT} answers`);

	// What came out, position by position.
	const output = result.output('Node');
	const seen = new Map<number, number>();
	let failed = 0;
	let misplaced = 0;
	let wrongPair = 0;
	for (const [position, item] of output.entries()) {
		const n = item.json.n as number;
		seen.set(n, (seen.get(n) ?? 0) + 1);
		if (item.json.error !== undefined || !item.binary?.data) failed++;
		if (n !== position) misplaced++;
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
		if (paired.length !== 1 || (typeof paired[0] === 'number' ? paired[0] : paired[0]?.item) !== position) wrongPair++;
	}
	const missing = items.filter(({ json }) => !seen.has(json.n)).length;
	const duplicated = [...seen.values()].reduce((count, times) => count + times - 1, 0);
	const lost = missing + failed;

	for (let wait = 0; wait < 50 && (await standIn.stats()).inFlight > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
	const stats = await standIn.stats();
	const injected = await standIn.failEveryCount();
	const answered = stats.byStatus['200'] ?? 0;
	const refused = stats.byStatus[String(FAIL_STATUS)] ?? 0;
	const growthMb = (atEnd.rss - atProbe.rss) / MB;
	await standIn.reset();

	log(
		`${SCENARIO}: ${output.length} items out of ${ITEMS} in ${fmt(wallMs / 1000)} s (${fmt(ITEMS / (wallMs / 1000))} items/s); lost ${lost} (missing ${missing}, failed ${failed}), ` +
			`duplicated ${duplicated}, out of order ${misplaced}, wrongly paired ${wrongPair}; stand-in: ${stats.total} requests, ${answered} answered 200, ${refused} answered ${FAIL_STATUS} (${injected} injected)`,
	);
	log(`${SCENARIO}: RSS ${fmt(atProbe.rss / MB)} MB after ${atProbe.answered} items, ${fmt(atEnd.rss / MB)} MB at the end: ${growthMb >= 0 ? '+' : ''}${fmt(growthMb)} MB; peak ${fmt(peakRss / MB)} MB`);

	const zero = { op: '<=' as const, value: 0, text: '0' };
	const setting = `${ITEMS.toLocaleString('en-US')} items, Max Concurrent Requests ${CONCURRENCY}, Max Retries ${MAX_RETRIES}, every ${FAIL_EVERY}th request ${FAIL_STATUS}`;
	ctx.figures.push(
		figure(SCENARIO, `${setting}: items lost (missing from the output or failed)`, 'items', [lost], zero, `missing ${missing}, failed ${failed}`),
		figure(SCENARIO, 'items duplicated in the output', 'items', [duplicated], zero),
		figure(SCENARIO, 'items out of input order, or whose pairedItem is not their input', 'items', [Math.max(misplaced, wrongPair)], { op: '<=', value: 0, text: '0 (order and pairing kept)' }, `out of order ${misplaced}, wrongly paired ${wrongPair}`),
		figure(SCENARIO, `RSS growth from the first ${PROBE_AT.toLocaleString('en-US')} items to the end`, 'MB', [growthMb], { op: '<=', value: 50, text: '≤ 50 MB' }, `after a full GC each; the end holds the execution's ${ITEMS.toLocaleString('en-US')} output items`),
		figure(SCENARIO, `RSS after the first ${PROBE_AT.toLocaleString('en-US')} items`, 'MB', [atProbe.rss / MB], undefined, `probed at ${atProbe.answered} answers; V8 heap ${fmt(atProbe.heapUsed / MB)} MB, Buffers ${fmt(atProbe.arrayBuffers / MB)} MB`),
		figure(SCENARIO, 'RSS at the end', 'MB', [atEnd.rss / MB], undefined, `V8 heap ${fmt(atEnd.heapUsed / MB)} MB, Buffers ${fmt(atEnd.arrayBuffers / MB)} MB; peak RSS sampled every ${PROBE_INTERVAL_MS} ms: ${fmt(peakRss / MB)} MB`),
		figure(SCENARIO, 'wall time', 's', [wallMs / 1000], undefined, `${fmt(ITEMS / (wallMs / 1000))} items/s`),
		figure(SCENARIO, `requests answered ${FAIL_STATUS} (and retried)`, 'requests', [refused], undefined, `${stats.total.toLocaleString('en-US')} requests in all, ${answered.toLocaleString('en-US')} answered 200 (one per item)`),
	);
	ctx.notes.push(
		`Scenario 6: the stand-in answered every ${FAIL_EVERY}th request to ${PATH} (counted on arrival, retries included) with ${FAIL_STATUS}: ${refused} of ${stats.total.toLocaleString('en-US')}. ` +
			`Each was retried after the node's backoff; ${answered.toLocaleString('en-US')} requests were answered 200 for ${ITEMS.toLocaleString('en-US')} items, so no item was generated twice. ` +
			`Memory is this process's \`process.memoryUsage().rss\` after \`global.gc()\`, read when the stand-in had sent ${atProbe.answered} answers and when the execution returned.`,
	);
	ctx.details.soak = {
		items: ITEMS,
		concurrency: CONCURRENCY,
		maxRetries: MAX_RETRIES,
		failEvery: FAIL_EVERY,
		failStatus: FAIL_STATUS,
		audioBytes: AUDIO_BYTES,
		wallMs,
		lost,
		missing,
		failed,
		duplicated,
		outOfOrder: misplaced,
		wronglyPaired: wrongPair,
		requests: stats.total,
		answered200: answered,
		answered503: refused,
		injected,
		atProbe,
		atEnd: atEnd,
		peakRss,
	};
}
