/**
 * One n8n, the application's: import this module before anything that loads n8n-core.
 *
 * Why: the benchmark compares our node with n8n's HTTP Request node, so both must run in the same
 * engine, on the same n8n-workflow, as they would inside n8n 2.41.1. The in-repo harness
 * (`test/harness`) imports `n8n-core`, `n8n-workflow` and `@n8n/di` by bare name, which would resolve
 * to the repository's devDependencies (n8n-core 2.41.1, n8n-workflow 2.41.0: the same release, but a
 * second copy). n8n-nodes-base exists only in the cached application. Two copies of n8n-workflow in
 * one process break `instanceof` on its error classes and give two DI containers.
 *
 * What: a small `Module._resolveFilename` hook. Any module outside the application's folder that asks
 * for one of the names below (or a subpath of one) gets the copy in the cached application's
 * `node_modules`, resolved as if from the application's root. Modules inside the application resolve
 * as they always do, so n8n-core, n8n-nodes-base and their dependencies load exactly the files the
 * application loads. Our package is loaded from the tarball installed the way n8n installs a community
 * package (`installPackage()` from test/e2e/n8nApp.ts), which leaves n8n-workflow out of the package.
 * n8n finds it for community packages through NODE_PATH (its LoadNodesAndCredentials.init sets
 * NODE_PATH to its own module paths and calls `Module._initPaths()`); this file does the same, and the
 * hook covers it as well.
 *
 * It also gives the process its own temporary `N8N_USER_FOLDER` (where the package is installed, and
 * where n8n-core writes its settings), removed at exit, whatever the environment said: a benchmark must
 * never install into, or write settings to, a real n8n user folder.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

import { N8N_INSTALLS, assertInstalled } from '../../test/e2e/cache';

export const APP = N8N_INSTALLS.find((install) => install.version === '2.41.1')!;
/**
 * The cached application's root: its `node_modules` holds n8n, n8n-core, n8n-nodes-base. A real path,
 * as Node resolves modules through links (a cache folder that is a symlink) and paths are compared.
 */
export const APP_DIR = existsSync(APP.dir) ? realpathSync(APP.dir) : APP.dir;
export const APP_NODE_MODULES = join(APP_DIR, 'node_modules');

/** Bare names always taken from the application (with their subpaths). */
const FROM_APP = ['n8n-core', 'n8n-workflow', '@n8n/di', '@n8n/backend-common', 'n8n-nodes-base', 'reflect-metadata'];

function fromApp(request: string): boolean {
	return FROM_APP.some((name) => request === name || request.startsWith(`${name}/`));
}

type ResolveFilename = (request: string, parent: NodeJS.Module | undefined, isMain: boolean, options?: object) => string;

const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename; _initPaths: () => void };

let installed = false;

export function installAppModuleResolution(): void {
	if (installed) return;
	installed = true;
	assertInstalled(APP);
	const original = moduleInternals._resolveFilename;
	const appPrefix = APP_DIR + sep;
	moduleInternals._resolveFilename = function resolveFromApp(request, parent, isMain, options) {
		if (fromApp(request) && !parent?.filename?.startsWith(appPrefix)) {
			return original.call(this, request, parent, isMain, { paths: [APP_DIR] });
		}
		return original.call(this, request, parent, isMain, options);
	};
	// As n8n does for community packages: its module paths become NODE_PATH.
	process.env.NODE_PATH = [APP_NODE_MODULES, process.env.NODE_PATH].filter(Boolean).join(':');
	moduleInternals._initPaths();
}

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-bench-user-'));
process.env.N8N_USER_FOLDER = userFolder;
process.once('exit', () => rmSync(userFolder, { recursive: true, force: true }));
// Ctrl-C or a kill: leave through process.exit so every 'exit' handler removes its temporary folder
// (the memory scenario's holds a few GB).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
installAppModuleResolution();
