import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import type { InstalledPackage } from './install';
import type { Figure } from './stats';
import type { StandInProcess } from './standinProcess';
import type { Target } from './workflows';

export interface BenchContext {
	standIn: StandInProcess;
	target: Target;
	pkg: InstalledPackage;
	extraNodeTypes: Record<string, INodeType | IVersionedNodeType>;
	figures: Figure[];
	/** Raw per-run data and notes, by scenario, for results.json. */
	details: Record<string, unknown>;
	/** Lines for the report's Notes section. */
	notes: string[];
	/** Scales repetitions (BENCH_QUICK=1 for a smoke run). */
	quick: boolean;
}

/** A fresh folder for one run's binaries, removed afterwards (and at exit, whatever happens). */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	const remove = () => rmSync(dir, { recursive: true, force: true });
	process.once('exit', remove);
	try {
		return await fn(dir);
	} finally {
		remove();
		process.off('exit', remove);
	}
}
