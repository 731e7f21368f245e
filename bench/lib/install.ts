/**
 * Our package as a user gets it: `npm pack` of the built package, installed into the user folder's
 * `.n8n/nodes` by test/e2e/n8nApp.ts's `installPackage()` (as n8n 2.x installs a community package:
 * dev and peer dependencies stripped, production dependencies from npm's cache).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installPackage, run } from '../../test/e2e/n8nApp';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface InstalledPackage {
	tarball: string;
	tarballBytes: number;
	/** `<user folder>/.n8n/nodes/node_modules/n8n-nodes-cartesia` */
	packageDir: string;
}

export async function packAndInstall(userFolder: string): Promise<InstalledPackage> {
	const destination = mkdtempSync(join(tmpdir(), 'n8n-bench-pack-'));
	process.once('exit', () => rmSync(destination, { recursive: true, force: true }));
	const packed = await run('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], { cwd: REPO_ROOT });
	if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const tarball = join(destination, packed.stdout.trim().split('\n').pop()!);
	const packageDir = await installPackage(userFolder, tarball);
	return { tarball, tarballBytes: statSync(tarball).size, packageDir };
}

export interface PackDryRun {
	/** Bytes of the gzipped tarball. */
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

export async function packDryRun(): Promise<PackDryRun> {
	const result = await run('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: REPO_ROOT });
	if (result.code !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr}`);
	const [report] = JSON.parse(result.stdout) as PackDryRun[];
	return report;
}
