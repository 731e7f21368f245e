/**
 * Headless Chromium for the editor check: Debian's /usr/bin/chromium driven by playwright-core, in an
 * empty temporary profile, with every request that is not for 127.0.0.1 aborted (and remembered).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface EditorBrowser {
	context: BrowserContext;
	page: Page;
	/** Requests the page tried to make to any host but 127.0.0.1 (all aborted). */
	blocked: string[];
	close(): Promise<void>;
}

let testIdSet = false;

export async function launchEditorBrowser(baseURL: string): Promise<EditorBrowser> {
	if (!testIdSet) {
		// n8n marks its elements with data-test-id.
		selectors.setTestIdAttribute('data-test-id');
		testIdSet = true;
	}
	const profile = mkdtempSync(join(tmpdir(), 'n8n-e2e-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			baseURL,
			viewport: { width: 1440, height: 900 },
			reducedMotion: 'reduce',
			locale: 'en-US',
			timezoneId: 'UTC',
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	const blocked: string[] = [];
	await context.route(
		(url) => /^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1',
		async (route) => {
			blocked.push(route.request().url());
			await route.abort('blockedbyclient');
		},
	);
	const page = context.pages()[0] ?? (await context.newPage());
	let closed = false;
	return {
		context,
		page,
		blocked,
		async close() {
			if (closed) return;
			closed = true;
			try {
				await context.close();
			} finally {
				rmSync(profile, { recursive: true, force: true });
			}
		},
	};
}
