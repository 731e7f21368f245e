/** Where a test sees the node's temporary part files (helpers/audioParts.ts) come and go. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PART_SPOOL_PREFIX } from '../../nodes/Cartesia/helpers/audioParts';

/**
 * The node's temporary part files go to os.tmpdir(): points it at a folder of the test file's own for
 * the file's tests, and returns what is left there of the node's part folders.
 */
export function usePartSpoolFolder(prefix: string): () => string[] {
	let folder: string | undefined;
	const originalTmpdir = process.env.TMPDIR;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), prefix));
		process.env.TMPDIR = folder;
	});
	afterAll(() => {
		process.env.TMPDIR = originalTmpdir;
		if (folder) rmSync(folder, { recursive: true, force: true });
	});
	return () => (folder ? readdirSync(folder).filter((name) => name.startsWith(PART_SPOOL_PREFIX)) : []);
}

/** Every file below `dir` (none when it does not exist). */
export function filesUnder(dir: string | undefined): string[] {
	if (!dir || !existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}
