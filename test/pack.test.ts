/**
 * What npm would publish: the tarball holds dist/ only, so every picture the README shows must be in
 * it, linked by absolute URL to the published package's files, and every other README link must
 * resolve without the repository. Runs `npm pack --dry-run` on the built package (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
/** The benchmark's target (bench/scenarios/coldLoad.ts, scenario 5), where 1 kB is 1,000 bytes. */
const MAX_TARBALL_BYTES = 200 * 1000;

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface PackResult {
	size: number;
	files: Array<{ path: string; size: number }>;
}

let packed: PackResult;

beforeAll(() => {
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' });
	expect(result.status).toBe(0);
	packed = (JSON.parse(result.stdout) as PackResult[])[0];
}, 60_000);

/** Every `[text](target)` and `![alt](target)` of the README, anchors aside. */
function links(): Array<{ image: boolean; target: string }> {
	return [...readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)]
		.map((match) => ({ image: match[1] === '!', target: match[2] }))
		.filter((link) => !link.target.startsWith('#'));
}

describe('the published package', () => {
	it(`is at most ${MAX_TARBALL_BYTES / 1000} kB packed`, () => {
		expect(packed.size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
	});

	it('ships no source maps, TypeScript sources or tests', () => {
		expect(packed.files.map((file) => file.path).filter((path) => /\.(map|ts)$|\.test\.js$|(^|\/)test\//.test(path))).toEqual([]);
	});

	it("ships every picture the README shows, linked to the published package's own files", () => {
		const prefix = `https://unpkg.com/${manifest.name}@${manifest.version}/`;
		const pictures = links().filter((link) => link.image);
		expect(pictures.length).toBeGreaterThan(0);
		const files = new Set(packed.files.map((file) => file.path));
		for (const { target } of pictures) {
			expect(target.startsWith(prefix)).toBe(true);
			expect(files).toContain(target.slice(prefix.length));
		}
	});

	it('has no README link that only resolves in the repository', () => {
		for (const { target } of links()) expect(target).toMatch(/^https:\/\//);
	});

	it('ships the codex, whose Docs link is the README on npm', () => {
		expect(packed.files.map((file) => file.path)).toContain('dist/nodes/Cartesia/Cartesia.node.json');
	});
});
