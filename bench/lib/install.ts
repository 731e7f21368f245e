/**
 * Our package as a user gets it: `npm pack` of the built package, installed into the user folder's
 * `.n8n/nodes` by test/e2e/n8nApp.ts's `installPackage()` (as n8n 2.x installs a community package:
 * dev and peer dependencies stripped, production dependencies from npm's cache).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
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

export async function packAndInstall(userFolder: string, sourceDir = REPO_ROOT): Promise<InstalledPackage> {
	const destination = mkdtempSync(join(tmpdir(), 'n8n-bench-pack-'));
	process.once('exit', () => rmSync(destination, { recursive: true, force: true }));
	const packed = await run('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], { cwd: sourceDir });
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

/**
 * The package as it was at `revision` (a baseline to run beside today's): its sources from `git archive`,
 * built with this checkout's node_modules, packed and installed like the current one.
 */
export async function packAndInstallRevision(userFolder: string, revision: string): Promise<InstalledPackage> {
	const sourceDir = mkdtempSync(join(tmpdir(), 'n8n-bench-revision-'));
	process.once('exit', () => rmSync(sourceDir, { recursive: true, force: true }));
	execFileSync('sh', ['-c', `git archive ${revision} | tar -x -C '${sourceDir}'`], { cwd: REPO_ROOT });
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(sourceDir, 'node_modules'));
	const build = await run('npm', ['run', 'build', '--loglevel=error'], { cwd: sourceDir });
	if (build.code !== 0) throw new Error(`building ${revision} failed: ${build.stdout}${build.stderr}`);
	return await packAndInstall(userFolder, sourceDir);
}

/** The commit just before `path` was added: the package as it was before that change. */
export function revisionBefore(path: string): string {
	const added = execFileSync('git', ['log', '--diff-filter=A', '--format=%H', '--', path], { cwd: REPO_ROOT }).toString().trim().split('\n').pop();
	if (!added) throw new Error(`${path} was never committed`);
	return execFileSync('git', ['rev-parse', '--short', `${added}^`], { cwd: REPO_ROOT }).toString().trim();
}

/**
 * Makes the next run start cold, as the first burst on its plan: the installed package's process-wide
 * limiters (transport/sharedLimiters.ts) forget what earlier runs taught them. Without it a window
 * learned on an unlimited stand-in (scenario 1 opens it to 64) meets a plan of 5 in the next scenario.
 * A package built before the shared limiters has none to forget.
 */
export function forgetLearnedPlans(packageDir: string): void {
	const modulePath = join(packageDir, 'dist', 'nodes', 'Cartesia', 'transport', 'sharedLimiters.js');
	if (!existsSync(modulePath)) return;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require(modulePath) as { sharedLimiters: { clear(): void } }).sharedLimiters.clear();
}
