/**
 * Looking for a secret where it must never be: a stringify that reaches everything an object carries
 * (an Error's non-enumerable message, stack and cause, Buffers as text, cycles), and a capture of every
 * line n8n and the node could log while a run goes on.
 */
import { createRequire } from 'node:module';

import { LoggerProxy } from 'n8n-workflow';

/** The forms a key must never take in anything a user or a log can see. */
export function secretForms(key: string): string[] {
	return [key, `Bearer ${key}`, key.slice(0, 12)];
}

/** Every form of `key` found in `text`, each named with `where`. */
export function findSecrets(where: string, text: string, key: string): string[] {
	return secretForms(key)
		.filter((form) => text.includes(form))
		.map((form) => `${where} contains "${form}"`);
}

/**
 * JSON of anything, never throwing: Errors with all their own properties (non-enumerable `message`,
 * `stack` and `cause` too) and their class name, Buffers and typed arrays as latin1 text (so a key inside
 * them is found), cycles as "[Circular]", Maps and Sets as arrays, BigInts and functions as strings.
 */
export function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (current: unknown, depth: number): unknown => {
		if (typeof current === 'bigint') return `${current}n`;
		if (typeof current === 'function') return `[function ${current.name}]`;
		if (typeof current === 'symbol') return current.toString();
		if (current === null || typeof current !== 'object') return current;
		if (seen.has(current)) return '[Circular]';
		if (depth > 40) return '[too deep]';
		seen.add(current);
		if (Buffer.isBuffer(current)) return `[Buffer] ${current.toString('latin1')}`;
		if (ArrayBuffer.isView(current)) return `[bytes] ${Buffer.from(current.buffer, current.byteOffset, current.byteLength).toString('latin1')}`;
		if (current instanceof Map) return [...current.entries()].map((entry) => walk(entry, depth + 1));
		if (current instanceof Set) return [...current.values()].map((entry) => walk(entry, depth + 1));
		if (Array.isArray(current)) return current.map((entry) => walk(entry, depth + 1));
		const out: Record<string, unknown> = {};
		if (current instanceof Error) out['[class]'] = current.constructor?.name;
		const keys = current instanceof Error ? Object.getOwnPropertyNames(current) : Object.keys(current);
		if (current instanceof Error && !keys.includes('cause') && 'cause' in current) keys.push('cause');
		for (const key of keys) {
			try {
				out[key] = walk((current as Record<string, unknown>)[key], depth + 1);
			} catch (error) {
				out[key] = `[unreadable: ${(error as Error).message}]`;
			}
		}
		return out;
	};
	return JSON.stringify(walk(value, 0)) ?? String(value);
}

export interface LogCapture {
	/** Each captured line, message and metadata stringified. */
	lines: string[];
	stop(): void;
}

type LogMethod = 'error' | 'warn' | 'info' | 'debug';
const LOG_METHODS: LogMethod[] = ['error', 'warn', 'info', 'debug'];

/** n8n-core's own Logger class (its copy of @n8n/backend-common), which n8n-core and nodes log through. */
function n8nCoreLoggerClass(): { prototype: Record<LogMethod, (...args: unknown[]) => void> } {
	const fromCore = createRequire(require.resolve('n8n-core'));
	return (fromCore('@n8n/backend-common') as { Logger: { prototype: Record<LogMethod, (...args: unknown[]) => void> } }).Logger;
}

/**
 * Captures, until `stop()`: n8n-workflow's LoggerProxy (pointed at a recorder), every call to n8n-core's Logger whatever the configured level (so `silent` hides nothing
 * from the test), `console.*`, and writes to stdout and stderr (still passed through).
 */
export function captureLogs(): LogCapture {
	const lines: string[] = [];
	let stopped = false;
	const record = (source: string, args: unknown[]) => !stopped && lines.push(`${source}: ${args.map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg))).join(' ')}`);
	const restorers: Array<() => void> = [];

	const proxyLogger = Object.fromEntries(LOG_METHODS.map((level) => [level, (...args: unknown[]) => record(`LoggerProxy.${level}`, args)]));
	// LoggerProxy cannot say what it pointed at before; the recorder stays, inert once stopped (the
	// harness runs n8n-core's Logger at level `silent`, so nothing is lost).
	LoggerProxy.init(proxyLogger as never);

	const Logger = n8nCoreLoggerClass();
	for (const level of LOG_METHODS) {
		const original = Logger.prototype[level];
		Logger.prototype[level] = function capture(this: unknown, ...args: unknown[]) {
			record(`Logger.${level}`, args);
			return original.apply(this, args);
		};
		restorers.push(() => (Logger.prototype[level] = original));
	}

	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		const original = console[method];
		console[method] = (...args: unknown[]) => record(`console.${method}`, args);
		restorers.push(() => (console[method] = original));
	}

	for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
		const original = stream.write;
		stream.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
			record(name, [Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk)]);
			return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
		} as typeof stream.write;
		restorers.push(() => (stream.write = original));
	}

	return {
		lines,
		stop() {
			stopped = true;
			for (const restore of restorers.reverse()) restore();
		},
	};
}
