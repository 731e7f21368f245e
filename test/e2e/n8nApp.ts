/**
 * One n8n application for end-to-end tests: a temporary user folder with this package installed
 * the way n8n installs a community package, the CLI, and the server, all on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { request } from 'undici';

import { n8nEntry, type N8nInstall } from './cache';

export const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

interface CommandResult {
	code: number | null;
	/** The signal that ended the command, when one did. */
	signal?: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to its end, collecting its output. */
export async function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

/**
 * Installs the packed tarball into `<user folder>/.n8n/nodes` as n8n 2.x does for a community package:
 * unpacked into node_modules/<name>, dev, peer and optional dependencies removed from its package.json,
 * then `npm install` of its production dependencies inside it. `--offline` takes them from npm's cache
 * (filled by `npm ci`), so no test reaches the registry. A missing runtime dependency, or a second
 * n8n-workflow, would show up here exactly as it would for a user.
 */
export async function installPackage(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', 'n8n-nodes-cartesia');
	mkdirSync(packageDir, { recursive: true });
	const untar = await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifestPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(readFileSync(manifestPath, 'utf8'));
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const install = await run(
		'npm',
		[
			'install',
			'--offline',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir },
	);
	if (install.code !== 0) throw new Error(`npm install of the package failed: ${install.stderr}`);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-cartesia': manifest.version } }, null, 2),
	);
	return packageDir;
}

export class N8nApp {
	readonly userFolder: string;

	private server: ChildProcess | undefined;

	private serverLog = '';

	private cookie = '';

	private constructor(
		readonly install: N8nInstall,
		readonly port: number,
		readonly brokerPort: number,
		private readonly settings: NodeJS.ProcessEnv,
	) {
		this.userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${install.version}-`));
	}

	/**
	 * A user folder with the package installed; `settings` adds to or replaces the environment of every
	 * command and of the server (a database, queue mode), and so tells apart the processes of one cluster.
	 */
	static async create(install: N8nInstall, tarball: string, settings: NodeJS.ProcessEnv = {}): Promise<N8nApp> {
		const app = new N8nApp(install, await freePort(), await freePort(), settings);
		await installPackage(app.userFolder, tarball);
		return app;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get log(): string {
		return this.serverLog;
	}

	/** The running server's or worker's process id (to read its memory from /proc). */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	env(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {
			PATH: `${dirname(this.install.nodeBinary)}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-cartesia-e2e-key',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			// Named here because its default moved (.n8n/binaryData, then .n8n/storage) across n8n versions.
			N8N_BINARY_DATA_STORAGE_PATH: join(this.userFolder, 'binary-data'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			DB_SQLITE_POOL_SIZE: '2',
			...this.settings,
		};
		return env;
	}

	/** An n8n CLI command, on the Node this n8n runs on. */
	async cli(args: string[]): Promise<CommandResult> {
		return await run(this.install.nodeBinary, [n8nEntry(this.install), ...args], { env: this.env() });
	}

	async importCredentials(credentials: unknown[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		if (result.code !== 0) throw new Error(`import:credentials failed: ${result.stdout}${result.stderr}`);
	}

	async importWorkflows(workflows: unknown[]): Promise<void> {
		const dir = join(this.userFolder, 'workflows');
		mkdirSync(dir, { recursive: true });
		for (const [index, workflow] of workflows.entries()) writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow));
		const result = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		if (result.code !== 0) throw new Error(`import:workflow failed: ${result.stdout}${result.stderr}`);
	}

	/** `n8n execute --id`, returning the execution's run data. */
	async execute(workflowId: string): Promise<{ run: ExecutionJson; output: string }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const output = `${result.stdout}\n${result.stderr}`;
		// Log lines may come first; the execution is the pretty-printed object that runs to the end.
		const lines = result.stdout.split('\n');
		// Under heavy load n8n 2.41.1's CLI has been seen to end by a signal after printing a finished
		// execution: the run itself is whole, so it is read, and the signal is reported.
		const printedWhole = result.code === 0 || (result.signal != null && result.stdout.includes('"finished": true'));
		if (result.code !== 0 && printedWhole) console.warn(`n8n execute --id=${workflowId} ended by ${result.signal} after printing its execution`);
		for (let index = 0; printedWhole && index < lines.length; index++) {
			if (lines[index] !== '{') continue;
			// n8n may log a line (its task runner registering, say) after the execution: read up to the
			// execution's own closing brace.
			const end = lines.lastIndexOf('}');
			try {
				return { run: JSON.parse(lines.slice(index, end > index ? end + 1 : undefined).join('\n')) as ExecutionJson, output };
			} catch {
				// not the start of the execution JSON
			}
		}
		throw new Error(`n8n execute --id=${workflowId} failed (exit ${result.code}, signal ${result.signal ?? 'none'}):\n${output.slice(-4000)}`);
	}

	/** The file behind a filesystem-mode binary id (`filesystem-v2:<path>`). */
	binaryFile(binaryId: string): string {
		const [, relative] = binaryId.split(':');
		return join(this.userFolder, 'binary-data', relative);
	}

	/**
	 * Starts the server (`n8n start`), or a queue-mode worker (`n8n worker`, ready once it says so);
	 * `extraEnv` is for this process alone (say, a log level), not for CLI commands.
	 */
	async start(extraEnv: NodeJS.ProcessEnv = {}, command: 'start' | 'worker' = 'start'): Promise<void> {
		this.serverLog = '';
		const server = spawn(this.install.nodeBinary, [n8nEntry(this.install), command], {
			env: { ...this.env(), ...extraEnv },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = server;
		server.stdout?.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
		server.stderr?.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (server.exitCode !== null) throw new Error(`n8n exited with ${server.exitCode}:\n${this.serverLog.slice(-4000)}`);
			if (command === 'worker' && this.serverLog.includes('n8n worker is now ready')) return;
			// Readiness answers 200 before the published workflows' webhooks are registered; `n8n start`
			// prints this line (2.8.4 and 2.41.1) only once they are.
			if (this.serverLog.includes('Editor is now accessible via')) {
				try {
					const response = await request(`${this.baseUrl}/healthz/readiness`);
					await response.body.dump();
					if (response.statusCode === 200) return;
				} catch {
					// not listening yet
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`n8n did not become ready in 120 s:\n${this.serverLog.slice(-4000)}`);
	}

	/** Stops the server it started, by pid: SIGTERM, then SIGKILL if it lingers. */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.cookie = '';
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}

	/** Creates the owner account (first start) and signs in; later REST calls carry the session. */
	async signIn(): Promise<void> {
		for (let attempt = 0; attempt < 40; attempt++) {
			const setup = await this.rest('POST', '/rest/owner/setup', OWNER);
			if (setup.status !== 404) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const login = await request(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password }),
		});
		const text = await login.body.text();
		if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${text}`);
		const setCookie = login.headers['set-cookie'];
		this.cookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	async rest(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; json: any }> {
		const response = await request(`${this.baseUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: response.statusCode, json };
	}

	/**
	 * POSTs JSON to a production webhook. n8n may say it is ready a moment before it has registered the
	 * published workflows' webhooks (seen under load on 2.41.1), so "not registered" is retried for 30 s.
	 */
	async postWebhook(path: string, body: unknown): Promise<{ status: number; text: string }> {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const response = await request(`${this.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				headersTimeout: 170_000,
				bodyTimeout: 170_000,
			});
			const text = await response.body.text();
			if (response.statusCode === 404 && text.includes('is not registered') && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				continue;
			}
			return { status: response.statusCode, text };
		}
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** The parts of n8n's execution JSON the tests read. */
export interface ExecutionJson {
	data: {
		resultData: {
			error?: { message: string };
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, any>; binary?: Record<string, any> }>> } }>>;
		};
	};
}

export function nodeOutput(run: ExecutionJson, nodeName: string) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	return runs[runs.length - 1].data?.main[0] ?? [];
}
