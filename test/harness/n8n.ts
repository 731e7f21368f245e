/**
 * Runtime handles on n8n-core and on the dependency-injection container it uses.
 *
 * n8n-core ships its own nested copy of `@n8n/di` (a different version than the one at
 * the repository root), so the container must be resolved from n8n-core's location,
 * otherwise `Container.set(BinaryDataService, …)` would land in a container n8n-core never reads.
 */
import './env';

import { dirname } from 'node:path';
import type { Container as ContainerInstance } from '@n8n/di';

const n8nCoreEntry = require.resolve('n8n-core');

/** Resolves a module the way n8n-core itself would (from its own folder). */
export function resolveFromN8nCore(moduleName: string): string {
	return require.resolve(moduleName, { paths: [dirname(n8nCoreEntry)] });
}

// Plain `require` of an absolute path keeps this inside Jest's module registry, so the
// instance is the same one n8n-core's own `require('@n8n/di')` returns.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const di = require(resolveFromN8nCore('@n8n/di')) as { Container: typeof ContainerInstance };

/** The `Container` n8n-core registers and looks up its services in. */
export const Container: typeof ContainerInstance = di.Container;
