/**
 * The editor check: the real n8n 2.41.1 editor in headless Chromium, with this package installed as a
 * community package and its credential pointed at the local Cartesia stand-in. Each step asserts what a
 * person sees and saves a screenshot: into the git-ignored e2e-output/screenshots/ on a test run, so
 * tests never touch tracked files, or into SCREENSHOTS_DIR when it is set (`npm run screenshots` sets it
 * to docs/screenshots to refresh the README's pictures on purpose).
 *
 * The steps build on each other (one workflow, one node): the node creator, the parameter panel (NDV),
 * the output format fields, the voice picker, then the credential form on the credentials page.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { toListItem } from '../../nodes/Cartesia/helpers/voiceListItem';
import { startStandIn, type StandIn } from '../standin';
import { launchEditorBrowser, type EditorBrowser } from './browser';
import { assertInstalled, N8N_INSTALLS } from './cache';
import { N8nApp, OWNER } from './n8nApp';
import { packedTarball } from './pack';

const install = N8N_INSTALLS.find((candidate) => candidate.version === '2.41.1')!;
const ROOT = join(__dirname, '..', '..');
/** Scratch by default; a relative SCREENSHOTS_DIR is taken from the package root. */
const SCREENSHOTS = resolve(ROOT, process.env.SCREENSHOTS_DIR || join('e2e-output', 'screenshots'));
const MAX_SCREENSHOT_BYTES = 300 * 1024;
/**
 * JPEG, not PNG: the README's pictures ship in the tarball (≤ 200 kB in all), and at this quality a
 * clipped editor panel comes out about 15 % smaller than as PNG, its text still clean.
 */
const JPEG_QUALITY = 70;
/** Room left around the elements a clipped screenshot is about. */
const CLIP_MARGIN = 12;
/** What a clipped screenshot shows: the elements it is about, cut to `within` (an enclosing panel) if given. */
interface Region {
	of: Locator[];
	within?: Locator;
}
type Box = { x: number; y: number; width: number; height: number };
const CREDENTIAL = { id: 'cartesiaEditorCred', name: 'Cartesia stand-in' };

const RESOURCES = ['Access Token', 'Agent', 'API Status', 'Call', 'Infill', 'Pronunciation Dictionary', 'Speech', 'Transcription', 'Voice', 'Voice Changer'];
/** What a newcomer types instead of the brand: each must find the node (the codex aliases). */
const SEARCH_TERMS = ['text to speech', 'tts', 'transcribe', 'speech to text', 'voice', 'audio'];
const NODE_DESCRIPTION = 'Generate speech, transcribe audio, and clone and manage voices with Cartesia';

/** `npm pack` takes dist as it is; a build running at that moment leaves the editor without the node. */
function assertPackageComplete(app: N8nApp): void {
	const packageDir = join(app.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-cartesia');
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const files: string[] = [...manifest.n8n.nodes, ...manifest.n8n.credentials, 'dist/icons/cartesia.svg'];
	const missing = files.filter((file) => !existsSync(join(packageDir, file)));
	if (missing.length) throw new Error(`the packed package lacks ${missing.join(', ')}: run npm run build (and let it finish) first`);
}

describe(`the ${install.label} editor`, () => {
	let standIn: StandIn | undefined;
	let app: N8nApp | undefined;
	let browser: EditorBrowser | undefined;
	let page: Page;

	/**
	 * A screenshot (JPEG) without the hover state the pointer leaves behind: of the part of the viewport
	 * around the elements `region` is about when given, else of the whole viewport.
	 */
	async function screenshot(name: string, region?: Region): Promise<void> {
		await page.mouse.move(1430, 890);
		const path = join(SCREENSHOTS, name);
		const clip = region ? await around(region) : undefined;
		await page.screenshot({ path, type: 'jpeg', quality: JPEG_QUALITY, clip, animations: 'disabled' });
		expect(statSync(path).size).toBeLessThan(MAX_SCREENSHOT_BYTES);
	}

	/** The smallest rectangle holding every element of `region.of`, plus CLIP_MARGIN, inside `region.within` and the viewport. */
	async function around(region: Region): Promise<Box> {
		const boxes = (await Promise.all(region.of.map((element) => element.boundingBox()))) as Box[];
		const viewport = page.viewportSize()!;
		const bounds = region.within ? (await region.within.boundingBox())! : { x: 0, y: 0, ...viewport };
		const left = Math.max(0, bounds.x, Math.min(...boxes.map((box) => box.x)) - CLIP_MARGIN);
		const top = Math.max(0, bounds.y, Math.min(...boxes.map((box) => box.y)) - CLIP_MARGIN);
		const right = Math.min(viewport.width, bounds.x + bounds.width, Math.max(...boxes.map((box) => box.x + box.width)) + CLIP_MARGIN);
		const bottom = Math.min(viewport.height, bounds.y + bounds.height, Math.max(...boxes.map((box) => box.y + box.height)) + CLIP_MARGIN);
		return { x: left, y: top, width: right - left, height: bottom - top };
	}

	/** The options of the dropdown that is open now (n8n renders them detached, under <body>). */
	const openOptions = () => page.getByTestId('parameter-input-item').filter({ visible: true });

	const param = (name: string) => page.getByTestId(`parameter-input-${name}`);

	/** Back to the canvas from the parameter panel. */
	async function closeNdv(): Promise<void> {
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	beforeAll(async () => {
		assertInstalled(install);
		mkdirSync(SCREENSHOTS, { recursive: true });
		standIn = await startStandIn();
		app = await N8nApp.create(install, await packedTarball());
		assertPackageComplete(app);
		await app.importCredentials([
			{ ...CREDENTIAL, type: 'cartesiaApi', data: { apiKey: standIn.apiKey, apiVersion: '2025-11-04', baseUrl: standIn.url } },
		]);
		await app.start();
		await app.signIn();
		browser = await launchEditorBrowser(app.baseUrl);
		page = browser.page;
		page.setDefaultTimeout(20_000);
		const login = await browser.context.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		expect(login.status()).toBe(200);
	});

	afterAll(async () => {
		// Everything started here is stopped, each step even if an earlier one throws.
		const failures: unknown[] = [];
		for (const stop of [() => browser?.close(), () => app?.dispose(), () => standIn?.close()]) {
			try {
				await stop();
			} catch (error) {
				failures.push(error);
			}
		}
		if (failures.length) throw failures[0];
	});

	/** The node creator's result for Cartesia (among the others a search finds). */
	const cartesiaResult = () =>
		page
			.getByTestId('item-iterator-item')
			.filter({ has: page.getByTestId('node-creator-item-name').getByText('Cartesia', { exact: true }) });

	it(`finds Cartesia in the node creator by what it does: ${SEARCH_TERMS.map((term) => `"${term}"`).join(', ')}`, async () => {
		await page.goto('/workflow/new');
		await page.getByTestId('canvas-add-button').click();
		const search = page.getByTestId('node-creator-search-bar');
		for (const term of SEARCH_TERMS) {
			await search.fill(term);
			await cartesiaResult().waitFor();
			expect(await cartesiaResult().count()).toBe(1);
			if (term === 'text to speech') await screenshot('node-creator-text-to-speech.jpg', { of: [search, cartesiaResult()] });
		}
	});

	it('finds Cartesia in the node creator', async () => {
		await page.getByTestId('node-creator-search-bar').fill('Cartesia');
		const result = page
			.getByTestId('item-iterator-item')
			.filter({ has: page.getByTestId('node-creator-item-name').getByText('Cartesia', { exact: true }) });
		await result.waitFor();
		expect(await result.getByTestId('node-creator-item-description').innerText()).toBe(NODE_DESCRIPTION);
		// The result carries the node's own icon, served from the installed package.
		expect(await result.locator('img').first().getAttribute('src')).toMatch(/n8n-nodes-cartesia\/.*cartesia\.svg$/);
		await screenshot('node-creator.jpg');
	});

	it('adds the node and opens the parameter panel on Speech → Generate, offering every resource', async () => {
		// A node with resources opens its list of actions first; "Generate speech" is Speech → Generate.
		await page
			.getByTestId('item-iterator-item')
			.filter({ has: page.getByTestId('node-creator-item-name').getByText('Cartesia', { exact: true }) })
			.click();
		const creator = page.getByTestId('node-creator');
		// The action list says what each action does; the retired ones say so.
		for (const action of ['Transcribe audio to text', 'Create a voice with the retired endpoint', 'Mix voices with the retired endpoint']) {
			await creator.getByText(action, { exact: true }).waitFor({ state: 'attached' });
		}
		await creator.getByText('Generate speech', { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await param('resource').waitFor();
		await param('operation').waitFor();
		expect(await param('resource').locator('input').inputValue()).toBe('Speech');
		expect(await param('operation').locator('input').inputValue()).toBe('Generate');
		// The saved credential is picked without asking.
		expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(CREDENTIAL.name);

		await param('resource').click();
		await openOptions().first().waitFor();
		expect(await openOptions().allInnerTexts()).toEqual(RESOURCES);
		await screenshot('ndv-resource-options.jpg');
		// Picking the current value closes the list without changing anything.
		await openOptions().getByText('Speech', { exact: true }).click();
		await openOptions().first().waitFor({ state: 'hidden' });
		expect(await param('resource').locator('input').inputValue()).toBe('Speech');
		expect(await param('operation').locator('input').inputValue()).toBe('Generate');
		await screenshot('ndv-speech-generate.jpg');
	});

	it('groups the format fields under Output Format: MP3, 44.1 kHz, 128 kbps; Encoding for WAV and Bit Rate for MP3, never both', async () => {
		// The collection's own item: its label, then the fields it holds.
		const group = page.getByTestId('parameter-item').filter({ has: page.locator('label[for="outputFormat"]') });
		await group.waitFor();
		// The fields sit in the group, not in the main panel.
		for (const name of ['container', 'sampleRate', 'bitRate']) expect(await group.getByTestId(`parameter-input-${name}`).count()).toBe(1);
		expect(await param('container').locator('input').inputValue()).toBe('MP3');
		expect(await param('sampleRate').locator('input').inputValue()).toBe('44100 Hz');
		expect(await param('bitRate').locator('input').inputValue()).toBe('128 Kbps');
		expect(await param('encoding').count()).toBe(0);
		await param('container').locator('input').blur();
		// The parameters from Resource down to the group; the group's last field ends at the panel's edge.
		const resource = page.getByTestId('parameter-item').filter({ has: param('resource') });
		await screenshot('ndv-output-format-mp3.jpg', { of: [resource, group], within: page.getByTestId('ndv') });

		// A field of the group is shown once in its values; what the group can still add follows the container.
		const addable = async (): Promise<string[]> => {
			await group.getByTestId('collection-parameter-add').last().click();
			const options = page.getByTestId('collection-parameter-option').filter({ visible: true });
			await options.first().waitFor();
			const texts = await options.allInnerTexts();
			await page.keyboard.press('Escape');
			return texts.map((text) => text.trim());
		};
		// With MP3, every field that applies is already there: nothing to add.
		expect(await group.getByTestId('collection-parameter-add').count()).toBe(0);

		await param('container').click();
		await openOptions().getByText('WAV', { exact: true }).click();
		await param('bitRate').waitFor({ state: 'detached' });
		expect(await param('container').locator('input').inputValue()).toBe('WAV');
		expect(await param('sampleRate').isVisible()).toBe(true);
		expect(await addable()).toEqual(['Encoding']);
		await group.getByTestId('collection-parameter-add').last().click();
		await page.getByTestId('collection-parameter-option').filter({ visible: true }).getByText('Encoding', { exact: true }).click();
		await param('encoding').waitFor();
		expect(await param('encoding').locator('input').inputValue()).toBe('PCM 16-Bit Signed');
		expect(await param('bitRate').count()).toBe(0);
		await param('encoding').locator('input').blur();
		await screenshot('ndv-output-format-wav.jpg');

		await param('container').click();
		await openOptions().getByText('MP3', { exact: true }).click();
		await param('encoding').waitFor({ state: 'detached' });
		expect(await addable()).toEqual(['Bit Rate']);

	});

	it('lists the voices of the account in the voice picker and searches them', async () => {
		const voices = standIn!.voices();
		const picker = page.getByTestId('resource-locator-voice');
		await picker.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item');
		await items.first().waitFor();
		const listed = await items.allInnerTexts();
		// The first page, in the account's order.
		expect(listed.length).toBeGreaterThanOrEqual(100);
		// Each entry says what a user chooses by: "Katie · English · feminine · yours".
		const shown = (voice: (typeof voices)[number]) =>
			toListItem({ id: voice.id, name: voice.name, language: voice.language, gender: voice.gender, is_owner: voice.isOwner, is_public: voice.isPublic }).name;
		expect(listed.slice(0, 100)).toEqual(voices.slice(0, 100).map(shown));
		expect(listed.slice(0, 100).some((name) => name.endsWith(' · yours'))).toBe(true);
		// The list's popover: the innermost element holding its search field and its items.
		const dropdown = page.locator('div').filter({ has: page.getByTestId('rlc-search') }).filter({ has: items.first() }).last();
		await screenshot('voice-list.jpg', { of: [page.getByTestId('parameter-item').filter({ has: picker }), dropdown] });

		// A voice whose name no other voice shares, searched by part of its name.
		const target = voices.find((voice, index) => index >= 5 && voices.filter((other) => other.name === voice.name).length === 1)!;
		const needle = target.name.slice(0, -3).trim();
		await page.getByTestId('rlc-search').fill(needle);
		await items.getByText(shown(target), { exact: true }).waitFor();
		await items.filter({ hasNotText: needle }).first().waitFor({ state: 'detached' });
		const found = await items.allInnerTexts();
		expect(found).toContain(shown(target));
		expect(found.length).toBeLessThan(listed.length);
		for (const name of found) expect(name.toLowerCase()).toContain(needle.toLowerCase());
		// The search ran at Cartesia (the stand-in), not only in the browser.
		expect(standIn!.requests.some((entry) => entry.path === '/voices' && entry.query.some(([key, value]) => key === 'q' && value === needle))).toBe(true);
		await screenshot('voice-picker.jpg');

		await items.getByText(shown(target), { exact: true }).click();
		await items.first().waitFor({ state: 'hidden' });
		expect(await picker.getByTestId('rlc-input').inputValue()).toBe(shown(target));
	});

	it('shows on the canvas what the node does, and the retired voice actions by name', async () => {
		const canvasNode = page.locator('[data-test-id="canvas-node"][data-node-type="n8n-nodes-cartesia.cartesia"]');
		const lines = async () => (await canvasNode.innerText()).split('\n').map((line) => line.trim());
		await closeNdv();
		// Added from the action list, n8n names the node after the action; under the name, the subtitle
		// says the action too (it said "generate: speech" before).
		await canvasNode.getByText('Generate speech', { exact: true }).first().waitFor();
		expect(await lines()).toEqual(['Generate speech', 'Generate speech']);

		await canvasNode.dblclick();
		await param('resource').click();
		await openOptions().getByText('Voice', { exact: true }).click();
		await param('operation').click();
		await openOptions().first().waitFor();
		const operations = await openOptions().allInnerTexts();
		const names = operations.map((text) => text.split('\n')[0].trim());
		expect(names).toEqual(expect.arrayContaining(['Create a Voice (Retired)', 'Mix Voices (Retired)']));
		expect(operations.find((text) => text.startsWith('Mix Voices (Retired)'))).toContain('2026-06-01');
		await screenshot('ndv-voice-operations.jpg');
		await openOptions().getByText('Get Many', { exact: true }).click();
		await closeNdv();
		// n8n renames a node it named after its action; the subtitle follows the action as well.
		await canvasNode.getByText('Get many voices', { exact: true }).first().waitFor();
		expect(await lines()).toEqual(['Get many voices', 'Get many voices']);
		await screenshot('canvas-subtitle.jpg');
	});

	it('shows the credential form and the result of its test, readable when the key is wrong', async () => {
		await page.goto('/home/credentials');
		await page.getByTestId('add-resource-credential').click();
		const chooser = page.getByTestId('selectCredential-modal');
		await chooser.getByTestId('new-credential-type-select').locator('input').fill('Cartesia');
		await page.getByTestId('new-credential-type-select-option').getByText('Cartesia API', { exact: true }).click();
		await chooser.getByTestId('new-credential-type-button').click();

		const modal = page.getByTestId('editCredential-modal');
		await modal.waitFor();
		const field = (name: string) => modal.getByTestId(`parameter-input-${name}`).locator('input');
		const labels = (await modal.getByTestId('credential-connection-parameter').allInnerTexts()).map((text) => text.split('\n')[0].trim());
		// n8n 2.x adds its own "Allowed HTTP Request Domains" after the credential's fields.
		expect(labels.slice(0, 3)).toEqual(['API Key *', 'API Version', 'Base URL']);
		expect(await field('apiKey').getAttribute('type')).toBe('password');
		expect(await field('apiVersion').inputValue()).toBe("2026-08-14 (Cartesia's Current Version)");
		expect(await field('baseUrl').inputValue()).toBe('https://api.cartesia.ai');

		// Saving runs the credential test.
		await field('apiKey').fill(standIn!.apiKey);
		await field('baseUrl').fill(standIn!.url);
		await modal.getByTestId('credential-save-button').click();
		const success = modal.getByTestId('credentials-config-container-test-success');
		await success.waitFor();
		expect(await success.innerText()).toMatch(/^Connection tested successfully/);
		expect(await field('apiKey').inputValue()).toBe(standIn!.apiKey);
		await screenshot('credential-ok.jpg');

		await field('apiKey').fill('sk_wrong_key');
		await modal.getByTestId('credential-save-button').click();
		await modal.getByText('Couldn’t connect with these settings').waitFor();
		await success.waitFor({ state: 'hidden' });
		await modal.getByText('More details', { exact: true }).click();
		const message = modal.getByText(/^Cartesia refused the API key \(401\)/);
		await message.waitFor();
		expect(await message.innerText()).toBe('Cartesia refused the API key (401). Check the key, and that the API version matches it.');
		expect(await modal.innerText()).not.toContain('sk_wrong_key');
		// The banner (n8n's Banner is an Element Plus tag) and the fields down to Base URL.
		const banner = modal.locator('.el-tag').filter({ has: page.getByText('Couldn’t connect with these settings') });
		await screenshot('credential-error.jpg', { of: [banner, modal.getByTestId('credential-connection-parameter').nth(2)] });
		expect(standIn!.requests.some((entry) => entry.path === '/voices' && entry.status === 401)).toBe(true);
	});
});
