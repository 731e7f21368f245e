/**
 * Binary data storage for a harness run, through n8n-core's real `BinaryDataService`:
 * - `memory`: the service is not initialised, so binaries stay inline (base64 in the item);
 * - `filesystem`: `init()` with a local storage path, so binaries go to disk and items carry an id.
 */
import './env';

import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { BinaryDataService, ErrorReporter } from 'n8n-core';
import type { BinaryDataConfig } from 'n8n-core';
import { BINARY_ENCODING, UserError } from 'n8n-workflow';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { makeTempDir } from './env';
import { Container, resolveFromN8nCore } from './n8n';

export type BinaryMode = 'memory' | 'filesystem';

export interface HarnessBinaryStore {
	mode: BinaryMode;
	/** Storage folder in filesystem mode. */
	dir?: string;
	service: BinaryDataService;
}

type ServiceLogger = ConstructorParameters<typeof BinaryDataService>[2];

function getLogger(): ServiceLogger {
	// Logger of n8n-core's own @n8n/backend-common copy (the one its container resolves).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(resolveFromN8nCore('@n8n/backend-common')) as {
		Logger: new () => ServiceLogger;
	};
	return Container.get(Logger);
}

/**
 * Creates a `BinaryDataService` for one run and registers it in n8n-core's container
 * (the binary helpers look it up there on every call).
 */
export async function installBinaryStore(mode: BinaryMode, dir?: string): Promise<HarnessBinaryStore> {
	const storagePath = mode === 'filesystem' ? (dir ?? makeTempDir('n8n-harness-binary-')) : undefined;
	if (storagePath) mkdirSync(storagePath, { recursive: true });
	const config = {
		availableModes: ['filesystem'],
		mode: 'filesystem',
		localStoragePath: storagePath ?? '',
		signingSecret: 'n8n-harness-signing-secret',
		dbMaxFileSize: 512,
	} as unknown as BinaryDataConfig;
	const service = new BinaryDataService(config, Container.get(ErrorReporter), getLogger());
	if (mode === 'filesystem') await service.init();
	Container.set(BinaryDataService, service);
	return { mode, dir: storagePath, service };
}

export function getBinary(item: INodeExecutionData, property = 'data'): IBinaryData {
	const binary = item.binary?.[property];
	if (!binary) {
		const available = Object.keys(item.binary ?? {});
		throw new UserError(
			`Item has no binary property "${property}" (available: ${available.join(', ') || 'none'})`,
		);
	}
	return binary;
}

export async function readBinary(
	store: HarnessBinaryStore,
	item: INodeExecutionData,
	property = 'data',
): Promise<Buffer> {
	const binary = getBinary(item, property);
	if (binary.id) return await store.service.getAsBuffer(binary);
	return Buffer.from(binary.data, BINARY_ENCODING);
}

export async function binaryStream(
	store: HarnessBinaryStore,
	item: INodeExecutionData,
	property = 'data',
): Promise<Readable> {
	const binary = getBinary(item, property);
	if (binary.id) return await store.service.getAsStream(binary.id);
	return Readable.from([Buffer.from(binary.data, BINARY_ENCODING)]);
}

/** Absolute path of a binary stored on disk; `undefined` for inline binaries. */
export function binaryPath(
	store: HarnessBinaryStore,
	item: INodeExecutionData,
	property = 'data',
): string | undefined {
	const binary = getBinary(item, property);
	return binary.id ? store.service.getPath(binary.id) : undefined;
}
