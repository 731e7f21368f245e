/**
 * Process environment for the in-process n8n engine.
 *
 * Must be imported before anything that loads `n8n-core` (it reads `N8N_USER_FOLDER`
 * when its instance settings are first created and otherwise writes `~/.n8n/config`).
 * Every harness module that imports n8n-core at runtime imports this file first.
 */
import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tempDirs = new Set<string>();
let exitHookRegistered = false;

/** Removes the temporary folders the harness made so far. */
export function cleanupTempDirs(): void {
	for (const dir of tempDirs) {
		try {
			rmSync(dir, { recursive: true, force: true });
		} catch {
			// best effort
		}
	}
	tempDirs.clear();
}

/** Removes a folder when the process exits (or, under Jest, after the test file). */
export function removeOnExit(dir: string): void {
	tempDirs.add(dir);
	if (exitHookRegistered) return;
	exitHookRegistered = true;
	process.once('exit', cleanupTempDirs);
}

// Jest's sandboxed `process` does not reliably emit 'exit' for the test file's listeners:
// when the harness is imported by a test file, clean up after that file instead.
const jestAfterAll = (globalThis as { afterAll?: (fn: () => void) => void }).afterAll;
if (typeof jestAfterAll === 'function') {
	try {
		jestAfterAll(cleanupTempDirs);
	} catch {
		// imported from inside a test: the exit hook still applies
	}
}

/** Makes a temporary folder that is removed when the process exits. */
export function makeTempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	removeOnExit(dir);
	return dir;
}

function setDefault(name: string, value: string): void {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = makeTempDir('n8n-harness-user-');
}
// No telemetry, no version checks, no log noise, no settings-file permission warnings.
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_VERSION_NOTIFICATIONS_ENABLED', 'false');
setDefault('N8N_TEMPLATES_ENABLED', 'false');
setDefault('N8N_LOG_LEVEL', 'silent');
setDefault('N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS', 'false');

/** The folder n8n-core uses as its user folder (settings file, caches). */
export const userFolder = process.env.N8N_USER_FOLDER as string;
