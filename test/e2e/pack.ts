/** `npm pack` of the built package, once per test run, as a user would receive it from npm. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { run } from './n8nApp';

const ROOT = join(__dirname, '..', '..');
let tarball: Promise<string> | undefined;
let packDir: string | undefined;

// Each test file packs once; its tarball goes when the file is done.
if (typeof afterAll === 'function') {
	afterAll(() => {
		if (packDir) rmSync(packDir, { recursive: true, force: true });
	});
}

export async function packedTarball(): Promise<string> {
	tarball ??= (async () => {
		const destination = mkdtempSync(join(tmpdir(), 'n8n-cartesia-pack-'));
		packDir = destination;
		const result = await run('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], { cwd: ROOT });
		if (result.code !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
		return join(destination, result.stdout.trim().split('\n').pop()!);
	})();
	return await tarball;
}
