/**
 * Loads a community package the way n8n does (n8n-core's `PackageDirectoryLoader`, which reads
 * `package.json#n8n` and requires the compiled `dist/` files) and exposes its node and
 * credential types through n8n's `INodeTypes` interface.
 */
import './env';

import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers, UserError } from 'n8n-workflow';

import { toolNodeType } from './tool';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

export interface LoadedPackage {
	/** Real path of the package folder. */
	directory: string;
	/** `package.json#name`, the prefix of node types in workflows (`<name>.<node>`). */
	packageName: string;
	packageVersion: string;
	/** Node types by their short name (`description.name`, without the package prefix). */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Credential types by name. */
	credentialTypes: Record<string, ICredentialType>;
	/** Source files of the node types, by short name. */
	sourcePaths: Record<string, string>;
	loader: PackageDirectoryLoader;
}

const packageCache = new Map<string, Promise<LoadedPackage>>();

/**
 * The repository root (the Cartesia package): the nearest folder above this file whose
 * package.json has an `n8n` block (so it also works when the harness is compiled elsewhere).
 */
function findRepoRoot(): string {
	let dir = __dirname;
	for (;;) {
		try {
			const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8n?: unknown };
			if (json.n8n) return dir;
		} catch {
			// no (readable) package.json here
		}
		const parent = dirname(dir);
		if (parent === dir) return resolve(__dirname, '..', '..');
		dir = parent;
	}
}

export const REPO_ROOT = findRepoRoot();

async function load(directory: string): Promise<LoadedPackage> {
	const loader = new PackageDirectoryLoader(directory);
	if (!loader.packageJson.n8n) {
		throw new UserError(`${directory}/package.json has no "n8n" block`);
	}
	await loader.loadAll();
	const nodeTypes: LoadedPackage['nodeTypes'] = {};
	const sourcePaths: LoadedPackage['sourcePaths'] = {};
	for (const [name, loaded] of Object.entries(loader.nodeTypes)) {
		nodeTypes[name] = loaded.type;
		sourcePaths[name] = loaded.sourcePath;
	}
	const credentialTypes: LoadedPackage['credentialTypes'] = {};
	for (const [name, loaded] of Object.entries(loader.credentialTypes)) {
		credentialTypes[name] = loaded.type;
	}
	return {
		directory: loader.directory,
		packageName: loader.packageName,
		packageVersion: loader.packageJson.version,
		nodeTypes,
		credentialTypes,
		sourcePaths,
		loader,
	};
}

/**
 * Loads (once per process, cached by real path) the package in `packageDir`.
 * The compiled files must exist: run the build first for the real package.
 */
export async function loadPackage(packageDir: string = REPO_ROOT): Promise<LoadedPackage> {
	let directory: string;
	try {
		directory = realpathSync(packageDir);
	} catch {
		throw new UserError(`Package folder not found: ${packageDir}`);
	}
	let pending = packageCache.get(directory);
	if (!pending) {
		pending = load(directory);
		packageCache.set(directory, pending);
		pending.catch(() => packageCache.delete(directory));
	}
	return await pending;
}

/** Forgets loaded packages (the next run re-reads them; Node's require cache is also cleared). */
export function clearPackageCache(): void {
	for (const pending of packageCache.values()) {
		pending.then((loaded) => loaded.loader.reset()).catch(() => undefined);
	}
	packageCache.clear();
}

/**
 * `INodeTypes` over loaded packages plus extra (harness) node types. Accepts both the full
 * workflow type (`n8n-nodes-cartesia.cartesia`) and the loader's short key (`cartesia`).
 */
export class HarnessNodeTypes implements INodeTypes {
	constructor(
		private readonly packages: LoadedPackage[],
		private readonly extraNodeTypes: Record<string, INodeType | IVersionedNodeType> = {},
	) {}

	/** Returns the node type or `undefined` (no throw). */
	find(nodeType: string): INodeType | IVersionedNodeType | undefined {
		if (Object.hasOwn(this.extraNodeTypes, nodeType)) return this.extraNodeTypes[nodeType];
		for (const pkg of this.packages) {
			const prefix = `${pkg.packageName}.`;
			const shortName = nodeType.startsWith(prefix) ? nodeType.slice(prefix.length) : nodeType;
			if (Object.hasOwn(pkg.nodeTypes, shortName)) return pkg.nodeTypes[shortName];
		}
		return this.findTool(nodeType);
	}

	private readonly tools = new Map<string, INodeType>();

	/** `<node>Tool`: the AI-agent tool n8n builds from a node with `usableAsTool` (./tool.ts). */
	private findTool(nodeType: string): INodeType | undefined {
		if (!nodeType.endsWith('Tool')) return undefined;
		const cached = this.tools.get(nodeType);
		if (cached) return cached;
		const base = this.find(nodeType.slice(0, -'Tool'.length));
		if (!base || 'nodeVersions' in base || !base.description.usableAsTool) return undefined;
		const tool = toolNodeType(base);
		this.tools.set(nodeType, tool);
		return tool;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.find(nodeType);
		if (!found) {
			throw new UserError(
				`Unknown node type "${nodeType}". Known types: ${this.knownTypeNames().join(', ')}`,
			);
		}
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const pkg of this.packages) {
			for (const [name, type] of Object.entries(pkg.nodeTypes)) {
				known[`${pkg.packageName}.${name}`] = {
					className: type.constructor.name,
					sourcePath: pkg.sourcePaths[name],
				};
			}
		}
		for (const name of Object.keys(this.extraNodeTypes)) {
			known[name] = { className: name, sourcePath: '' };
		}
		return known;
	}

	/** Full type names (`<package>.<node>`) of everything this registry can run. */
	knownTypeNames(): string[] {
		return Object.keys(this.getKnownTypes());
	}

	/** The default `typeVersion` for a node type (latest version, as the editor would pick). */
	defaultVersion(nodeType: string): number {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) return type.currentVersion;
		const { version, defaultVersion } = type.description;
		if (defaultVersion !== undefined) return defaultVersion;
		return Array.isArray(version) ? Math.max(...version) : version;
	}
}

/** Credential types of loaded packages, by name. */
export class HarnessCredentialTypes {
	private readonly types: Record<string, ICredentialType> = {};

	constructor(packages: LoadedPackage[], extra: ICredentialType[] = []) {
		for (const pkg of packages) Object.assign(this.types, pkg.credentialTypes);
		for (const type of extra) this.types[type.name] = type;
	}

	find(name: string): ICredentialType | undefined {
		return Object.hasOwn(this.types, name) ? this.types[name] : undefined;
	}

	getByName(name: string): ICredentialType {
		const found = this.find(name);
		if (!found) {
			throw new UserError(
				`Unknown credential type "${name}". Known types: ${Object.keys(this.types).join(', ')}`,
			);
		}
		return found;
	}

	/** `extends` chain of a credential type, nearest parent first. */
	getParentTypes(name: string): string[] {
		const parents: string[] = [];
		const visit = (typeName: string) => {
			for (const parent of this.find(typeName)?.extends ?? []) {
				if (parents.includes(parent)) continue;
				parents.push(parent);
				visit(parent);
			}
		};
		visit(name);
		return parents;
	}
}
