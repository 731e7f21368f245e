/**
 * Child of bench/scenarios/coldLoad.ts: a fresh Node process, plain JavaScript (no TypeScript loader,
 * whose resolve hook would slow every require being timed). Resolves n8n-workflow the way n8n 2.41.1
 * lets community packages find it (NODE_PATH = n8n's module paths, then Module._initPaths()), loads
 * n8n-workflow, then times the require of our built credential and node as installed from the tarball,
 * and the construction of each (n8n instantiates both when it loads the package).
 *
 * argv: <application node_modules> <installed package folder> [deps-first]
 * With `deps-first`, undici and form-data (the package's two runtime dependencies) are required, and
 * timed, before the credential and node: what is left is the package's own code.
 */
'use strict';
const Module = require('node:module');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const [appNodeModules, packageDir, mode] = process.argv.slice(2);
process.env.NODE_PATH = appNodeModules;
Module._initPaths();

// The application's n8n-workflow, resolved from the application (this file sits in the repository,
// whose own node_modules would come first); the package itself finds the same file through NODE_PATH.
const workflowPath = require.resolve('n8n-workflow', { paths: [join(appNodeModules, '..')] });
const t0 = performance.now();
require(workflowPath);
const tDeps = performance.now();
if (mode === 'deps-first') {
	require(require.resolve('undici', { paths: [packageDir] }));
	require(require.resolve('form-data', { paths: [packageDir] }));
}
const t1 = performance.now();
const { CartesiaApi } = require(join(packageDir, 'dist', 'credentials', 'CartesiaApi.credentials.js'));
const t2 = performance.now();
const { Cartesia } = require(join(packageDir, 'dist', 'nodes', 'Cartesia', 'Cartesia.node.js'));
const t3 = performance.now();
new CartesiaApi();
new Cartesia();
const t4 = performance.now();

const ours = Object.keys(require.cache).filter((file) => file.startsWith(packageDir));
process.stdout.write(
	`${JSON.stringify({
		n8nWorkflowMs: tDeps - t0,
		dependenciesMs: t1 - tDeps,
		credentialMs: t2 - t1,
		nodeMs: t3 - t2,
		requireMs: t3 - t1,
		constructMs: t4 - t3,
		modules: ours.length,
		dependencyModules: ours.filter((file) => file.includes(`${packageDir}/node_modules/`)).length,
		workflowFrom: workflowPath,
		packageResolvesWorkflowTo: require.resolve('n8n-workflow', { paths: [join(packageDir, 'dist')] }),
		workflowCopies: Object.keys(require.cache).filter((file) => file.endsWith('/n8n-workflow/package.json') || /n8n-workflow\/dist\/cjs\/index\.js$/.test(file)).length,
	})}\n`,
);
