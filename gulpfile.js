const path = require('node:path');
const { task, src, dest } = require('gulp');

// tsc compiles the TypeScript; this copies what it does not: icons and the codex (.node.json) files.
task('build:icons', copyAssets);

function copyAssets() {
	const icons = src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
	const nodeAssets = src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json'], { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	const credentialAssets = src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
	return Promise.all([icons, nodeAssets, credentialAssets].map(streamDone));
}

function streamDone(stream) {
	return new Promise((resolve, reject) => stream.on('finish', resolve).on('end', resolve).on('error', reject));
}
