const fs = require('node:fs');
const path = require('node:path');
const { task, src, dest } = require('gulp');

// tsc compiles the TypeScript; this copies what it does not: icons, the codex (.node.json) files, and
// the pictures the README shows (npm shows the README, but the tarball holds dist/ only).
task('build:icons', copyAssets);

/**
 * The README links its pictures by absolute URL into the published package
 * (https://unpkg.com/n8n-nodes-cartesia@<version>/dist/docs/…); each one so linked is copied from docs/.
 */
function readmePictures() {
	const { name, version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
	const prefix = `https://unpkg.com/${name}@${version}/dist/`;
	const links = [...fs.readFileSync('README.md', 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
	return links.filter((link) => link.startsWith(prefix)).map((link) => link.slice(prefix.length));
}

function copyAssets() {
	const icons = src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
	const nodeAssets = src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json'], { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	const credentialAssets = src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
	const pictures = readmePictures();
	const readmeAssets = src(pictures.length ? pictures : 'docs/none', { encoding: false, allowEmpty: true, base: '.' }).pipe(
		dest(path.resolve('dist')),
	);
	return Promise.all([icons, nodeAssets, credentialAssets, readmeAssets].map(streamDone));
}

function streamDone(stream) {
	return new Promise((resolve, reject) => stream.on('finish', resolve).on('end', resolve).on('error', reject));
}
