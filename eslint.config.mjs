import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	// The package is linted as n8n lints community packages that keep runtime dependencies (not n8n Cloud).
	...configWithoutCloudSupport,
	{
		// The customer's stack ships undici and form-data at run time for real streaming both ways;
		// this rule forbids any runtime dependency, so it alone is turned off. Every other rule stays on.
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// n8n's rules are for the package's code; tests, benchmarks and scripts are not shipped.
		ignores: ['dist/**', 'coverage/**', 'demo-output/**', 'e2e-output/**', 'test/**', 'bench/**', 'scripts/**', 'gulpfile.js', 'jest.config.js'],
	},
];
