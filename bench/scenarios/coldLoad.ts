/**
 * 5. Cold load and size: the require time our built credential and node add to a fresh process that has
 * already loaded n8n-workflow (bench/coldLoad.child.js, on the package installed from the tarball),
 * and the packed size from `npm pack --dry-run --json`.
 */
import { join } from 'node:path';

import { run } from '../../test/e2e/n8nApp';
import { APP_NODE_MODULES } from '../lib/appModules';
import type { BenchContext } from '../lib/context';
import { figure, fmt, log } from '../lib/stats';
import { packDryRun } from '../lib/install';

const SCENARIO = '5. Cold load and size';

interface ChildReport {
	n8nWorkflowMs: number;
	dependenciesMs: number;
	credentialMs: number;
	nodeMs: number;
	requireMs: number;
	constructMs: number;
	modules: number;
	dependencyModules: number;
	workflowFrom: string;
	packageResolvesWorkflowTo: string;
	workflowCopies: number;
}

export async function coldLoadAndSize(ctx: BenchContext): Promise<void> {
	const reps = ctx.quick ? 3 : 11;
	const reports: ChildReport[] = [];
	const depsFirst: ChildReport[] = [];
	for (let rep = 0; rep < 2 * reps; rep++) {
		// Alternate: as n8n loads the package, and with its two dependencies loaded (and timed) first.
		const mode = rep % 2 ? 'deps-first' : 'as-n8n-loads';
		const result = await run(process.execPath, [join(__dirname, '..', 'coldLoad.child.js'), APP_NODE_MODULES, ctx.pkg.packageDir, mode]);
		if (result.code !== 0) throw new Error(`cold-load child failed: ${result.stderr}`);
		const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildReport;
		if (report.workflowFrom !== report.packageResolvesWorkflowTo || !report.workflowFrom.startsWith(APP_NODE_MODULES) || report.workflowCopies !== 1) {
			throw new Error(`n8n-workflow: loaded ${report.workflowFrom}, the package resolves ${report.packageResolvesWorkflowTo}, ${report.workflowCopies} copies`);
		}
		(mode === 'deps-first' ? depsFirst : reports).push(report);
	}
	log(`${SCENARIO}: require of credential + node ${reports.map((r) => fmt(r.requireMs)).join(', ')} ms (${reports[0].modules} modules, ${reports[0].dependencyModules} of them undici/form-data and theirs)`);

	const pack = await packDryRun();
	log(`${SCENARIO}: npm pack --dry-run: ${pack.size} bytes packed, ${pack.unpackedSize} unpacked, ${pack.entryCount} files`);
	const largest = [...pack.files].sort((a, b) => b.size - a.size).slice(0, 5);

	ctx.figures.push(
		figure(SCENARIO, 'added require time of dist/ credential + node (n8n-workflow already loaded)', 'ms', reports.map((r) => r.requireMs), { op: '<=', value: 150, text: '≤ 150 ms' }, `${reports[0].modules} modules loaded, ${reports[0].dependencyModules} from node_modules (undici, form-data and theirs)`),
		figure(SCENARIO, '  of which the credential', 'ms', reports.map((r) => r.credentialMs)),
		figure(SCENARIO, '  of which the node (and its transport: undici, form-data)', 'ms', reports.map((r) => r.nodeMs)),
		figure(SCENARIO, 'breakdown, separate processes: undici + form-data alone (required first)', 'ms', depsFirst.map((r) => r.dependenciesMs)),
		figure(SCENARIO, 'breakdown: then our credential + node on top (the package\'s own code)', 'ms', depsFirst.map((r) => r.requireMs)),
		figure(SCENARIO, 'constructing the credential and node types (extra)', 'ms', reports.map((r) => r.constructMs)),
		figure(SCENARIO, 'n8n-workflow itself, for scale (extra)', 'ms', reports.map((r) => r.n8nWorkflowMs)),
		figure(SCENARIO, 'packed tarball (npm pack --dry-run --json `size`)', 'kB', [pack.size / 1000], { op: '<=', value: 200, text: '≤ 200 kB (1 kB = 1,000 bytes)' }, `${pack.entryCount} files, ${fmt(pack.unpackedSize / 1000)} kB unpacked`),
	);
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	ctx.notes.push(
		`Scenario 5: loaded first in their own processes, undici and form-data take ${fmt(median(depsFirst.map((r) => r.dependenciesMs)))} ms and the package's own code ${fmt(median(depsFirst.map((r) => r.requireMs)))} ms on top ` +
			`(medians), against ${fmt(median(reports.map((r) => r.requireMs)))} ms for credential + node as n8n loads them.`,
	);
	ctx.details.coldLoad = { runs: reports, depsFirstRuns: depsFirst, pack: { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount, largest } };
}
