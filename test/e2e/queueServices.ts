/**
 * Redis and Postgres for queue mode, each started by the tests on a loopback port in a scratch folder
 * (Debian's binaries, installed by `npm run e2e:setup`; no system service) and stopped by pid, its
 * folder removed. Postgres refuses to run as root, which CI is: it runs through `runuser` as the
 * `postgres` user Debian's package creates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, run } from './n8nApp';

export interface LocalService {
	port: number;
	log(): string;
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function spawnLogged(command: string, args: string[]): { child: ChildProcess; log: () => string } {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return { child, log: () => output };
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log().slice(-2000)}`);
		if (await ready()) return;
		await sleep(100);
	}
	throw new Error(`${what} did not start in 30 s:\n${log().slice(-2000)}`);
}

export async function startRedis(): Promise<LocalService> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-redis-'));
	const { child, log } = spawnLogged('redis-server', [
		'--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no',
	]);
	await waitFor('redis-server', async () => log().includes('Ready to accept connections'), child, log);
	return {
		port,
		log,
		stop: async () => {
			await stopChild(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Debian's newest Postgres (`/usr/lib/postgresql/<version>/bin`). */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
	if (!versions.length) throw new Error('Postgres is not installed: run npm run e2e:setup');
	return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

export const POSTGRES_USER = 'n8n';

export async function startPostgres(): Promise<LocalService> {
	const bin = postgresBin();
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
	const data = join(dir, 'data');
	// As root, the server runs as Debian's `postgres` user, which must own the scratch folder.
	const asRoot = userInfo().uid === 0;
	const as = (command: string, args: string[]): [string, string[]] =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	if (asRoot) {
		const { uid, gid } = postgresIds();
		chownSync(dir, uid, gid);
	}
	const initdb = await run(...as(join(bin, 'initdb'), ['-D', data, '-U', POSTGRES_USER, '-A', 'trust', '-E', 'UTF8', '--no-sync']));
	if (initdb.code !== 0) throw new Error(`initdb failed: ${initdb.stdout}${initdb.stderr}`);
	const { child, log } = spawnLogged(
		...as(join(bin, 'postgres'), [
			'-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=60',
		]),
	);
	const ready = async () => (await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])).code === 0;
	await waitFor('postgres', ready, child, log);
	return {
		port,
		log,
		stop: async () => {
			// A fast shutdown through pg_ctl (runuser passes signals on, but the server's own tool waits for it).
			await run(...as(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']));
			await stopChild(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function postgresIds(): { uid: number; gid: number } {
	const passwd = readFileSync('/etc/passwd', 'utf8');
	const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
	if (!line) throw new Error('Debian’s postgres user is missing: run npm run e2e:setup');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}
