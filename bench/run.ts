/**
 * `npm run bench`: builds, packs and installs the package as n8n installs a community package, starts
 * the Cartesia stand-in in its own process, runs the eight scenarios and writes bench/results.md and
 * bench/results.json, each figure beside its target.
 *
 * Run it on Node 24 (the npm script does, through scripts/with-node24.sh), with --expose-gc so that
 * every measured run starts after a full collection. Choosing scenarios:
 *   npm run bench -- soak memory                        run only these (names as below)
 *   BENCH_ONLY=overhead,throughput,memory,sse,coldLoad,soak,executions,narration   the same, from the environment
 *   BENCH_QUICK=1                                       fewer repetitions (a smoke run, not for figures)
 *   BENCH_MEMORY_KINDS=generate,generate-1gb            scenario 3: only these runs (see its Kind)
 * When only some scenarios run, the figures, notes and details of the others are carried over from the
 * previous bench/results.json, and the report says from which run.
 *
 * This process is the client of scenarios 1, 2, 4, 6, 7 and 8; scenarios 3 and 5 start fresh child processes (8 too, for its memory runs).
 */
import './lib/appModules';

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { APP, APP_NODE_MODULES } from './lib/appModules';
import type { BenchContext } from './lib/context';
import { packAndInstall } from './lib/install';
import { HTTP_REQUEST_TYPE, MINIMAL_TYPE, httpRequestNodeType, minimalNodeType } from './lib/nodes';
import { carryOver, writeReport } from './lib/report';
import { log } from './lib/stats';
import { StandInProcess } from './lib/standinProcess';
import { coldLoadAndSize } from './scenarios/coldLoad';
import { manyExecutions } from './scenarios/executions';
import { memoryOnBigAudio } from './scenarios/memory';
import { narration } from './scenarios/narration';
import { perItemOverhead } from './scenarios/overhead';
import { soak } from './scenarios/soak';
import { sseScenario } from './scenarios/sse';
import { throughputAtLimit } from './scenarios/throughput';

const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<void>> = {
	overhead: perItemOverhead,
	throughput: throughputAtLimit,
	memory: memoryOnBigAudio,
	sse: sseScenario,
	coldLoad: coldLoadAndSize,
	soak,
	executions: manyExecutions,
	narration,
};

const RESOLUTION = [
	'All engine runs use the cached n8n 2.41.1 application\'s own `n8n-core`, `n8n-workflow`, `@n8n/di` and `n8n-nodes-base` on Node 24, so our',
	'node, the minimal node and the HTTP Request node share one engine and one n8n-workflow. The in-repo harness (`test/harness`) imports',
	'those by bare name, which would otherwise load the repository\'s devDependencies (the same release, a second copy). `bench/lib/appModules.ts`',
	'installs a `Module._resolveFilename` hook before the harness loads: a request for one of those packages (or a subpath) from outside the',
	'application\'s folder resolves from the application\'s root; inside the application nothing changes. It also sets NODE_PATH to the',
	'application\'s `node_modules` and calls `Module._initPaths()`, which is how n8n itself lets community packages find n8n-workflow.',
	'Our package is not loaded from the repository: `npm pack` makes the tarball and `installPackage()` (test/e2e/n8nApp.ts) installs it into a',
	'temporary `N8N_USER_FOLDER`\'s `.n8n/nodes` as n8n 2.x does (dev and peer dependencies stripped, undici and form-data from npm\'s cache);',
	'the harness loads it from there with n8n-core\'s `PackageDirectoryLoader`. The minimal node uses the undici copy installed with it.',
];

/** The commit the package was built from, and whether its sources differed from it. */
function sourceRevision(): string {
	try {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: join(__dirname, '..') }).toString();
		const commit = git('rev-parse', '--short', 'HEAD').trim();
		// Porcelain lines are `XY path`; the leading status column may be a space, so no trim before slicing.
		const dirty = git('status', '--porcelain', '--', 'nodes', 'credentials', 'package.json')
			.split('\n')
			.filter(Boolean)
			.map((line) => line.slice(3));
		return dirty.length ? `${commit} with uncommitted changes to ${dirty.join(', ')}` : commit;
	} catch {
		return 'unknown (not a git checkout)';
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const revision = sourceRevision();
	const startedAt = new Date(started).toISOString();
	const loadBefore = loadavg();
	const quick = process.env.BENCH_QUICK === '1';
	const named = [...process.argv.slice(2), ...(process.env.BENCH_ONLY?.split(',') ?? [])].map((name) => name.trim()).filter(Boolean);
	const only = named.length ? named : undefined;
	const selected = Object.keys(SCENARIOS).filter((name) => !only || only.includes(name));
	const unknown = (only ?? []).filter((name) => !SCENARIOS[name]);
	if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
	if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc for a full collection before each measured run');

	for (const name of ['n8n-core', 'n8n-workflow', '@n8n/di']) {
		const resolved = require.resolve(name);
		if (!resolved.startsWith(APP_NODE_MODULES)) throw new Error(`${name} resolves to ${resolved}, not the application's copy`);
	}
	log(`Node ${process.version}, n8n ${APP.version} from ${APP.dir}; user folder ${process.env.N8N_USER_FOLDER}`);

	log('packing and installing the package as n8n installs a community package');
	const pkg = await packAndInstall(process.env.N8N_USER_FOLDER!);
	if (existsSync(join(pkg.packageDir, 'node_modules', 'n8n-workflow'))) throw new Error('the installed package carries its own n8n-workflow');
	log(`installed at ${pkg.packageDir} (${pkg.tarballBytes} bytes packed)`);

	const standIn = await StandInProcess.start();
	log(`stand-in (pid ${standIn.pid}) at ${standIn.url}`);
	const ctx: BenchContext = {
		standIn,
		target: { url: standIn.url, apiKey: standIn.apiKey, voiceId: standIn.voiceId },
		pkg,
		extraNodeTypes: { [MINIMAL_TYPE]: minimalNodeType(pkg.packageDir), [HTTP_REQUEST_TYPE]: httpRequestNodeType() },
		figures: [],
		details: {},
		notes: [],
		quick,
	};
	const notes = ctx.notes;
	if (quick) notes.push('BENCH_QUICK=1: reduced repetitions; not for publication.');
	let failed = false;
	try {
		for (const name of selected) {
			const start = Date.now();
			log(`---- scenario ${name}`);
			try {
				await SCENARIOS[name](ctx);
			} catch (error) {
				failed = true;
				notes.push(`Scenario ${name} failed: ${(error as Error).message}`);
				log(`scenario ${name} FAILED: ${(error as Error).stack}`);
			}
			log(`---- scenario ${name} took ${((Date.now() - start) / 1000).toFixed(1)} s`);
		}
	} finally {
		await standIn.stop();
	}

	const cpu = cpus();
	let carriedOver: string | undefined;
	if (selected.length < Object.keys(SCENARIOS).length) {
		// Scenarios are numbered in the order of SCENARIOS (figure labels start with the number).
		const ran = selected.map((name) => ({ name, number: Object.keys(SCENARIOS).indexOf(name) + 1 }));
		carriedOver = carryOver(__dirname, ran, ctx.figures, ctx.details, notes);
	}
	writeReport(
		__dirname,
		{
			startedAt,
			revision,
			durationS: (Date.now() - started) / 1000,
			node: `Node ${process.version}`,
			n8n: `n8n ${APP.version} (n8n-core, n8n-workflow, n8n-nodes-base from ${APP.dir.replace(process.env.HOME ?? '~', '~')})`,
			cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`,
			loadAverageBefore: loadBefore,
			loadAverageAfter: loadavg(),
			resolution: RESOLUTION,
			carriedOver,
		},
		ctx.figures,
		ctx.details,
		notes,
	);
	const targeted = ctx.figures.filter((f) => f.verdict !== 'info');
	const missed = targeted.filter((f) => f.verdict === 'missed');
	log(`wrote bench/results.md and bench/results.json: ${targeted.length - missed.length} of ${targeted.length} targets met`);
	for (const f of missed) log(`  missed: ${f.scenario} — ${f.label}: median ${f.summary.median} ${f.unit}, target ${f.target?.text}`);
	if (failed) process.exitCode = 1;
}

main().catch((error: Error) => {
	log(`bench failed: ${error.stack}`);
	process.exitCode = 1;
});
