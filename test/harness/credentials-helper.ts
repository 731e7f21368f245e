/**
 * An n8n `ICredentialsHelper` backed by fixture data held in memory: it returns the fixture
 * for a credential type (with the type's property defaults filled in) and applies the type's
 * `authenticate` (generic object with `={{$credentials…}}` expressions, or a function).
 */
import {
	ICredentials,
	ICredentialsHelper,
	UserError,
	Workflow,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { HARNESS_SET_TYPE } from './harness-nodes';
import type { HarnessCredentialTypes } from './node-types';

/** Fixture credential data by credential type name (or by the node's credential id). */
export type HarnessCredentials = Record<string, ICredentialDataDecryptedObject>;

/** One credential access the engine made, for assertions. */
export interface CredentialAccess {
	type: string;
	nodeName?: string;
	credentialId?: string | null;
}

class MemoryCredentials extends ICredentials {
	private value: ICredentialDataDecryptedObject;

	constructor(details: INodeCredentialsDetails, type: string, value: ICredentialDataDecryptedObject) {
		super(details, type);
		this.value = { ...value };
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.value };
	}

	getDataToSave(): ICredentialsEncrypted {
		return {
			id: this.id,
			name: this.name,
			type: this.type,
			data: JSON.stringify(this.value),
		};
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.value = { ...data };
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next: ICredentialDataDecryptedObject = { ...this.value };
		for (const [key, value] of Object.entries(toUpdate)) {
			if (value !== undefined) next[key] = value;
		}
		for (const key of toDelete) delete next[key];
		this.value = next;
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Every `getDecrypted` call, in order. */
	readonly accesses: CredentialAccess[] = [];

	private readonly store: HarnessCredentials;

	private expressionWorkflow?: { workflow: Workflow; node: INode };

	constructor(
		private readonly credentialTypes: HarnessCredentialTypes,
		private readonly nodeTypes: INodeTypes,
		credentials: HarnessCredentials = {},
	) {
		super();
		this.store = {};
		for (const [key, value] of Object.entries(credentials)) this.store[key] = { ...value };
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.credentialTypes.find(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		const supported = type.supportedNodes ?? [];
		const shortName = nodeType.includes('.') ? nodeType.slice(nodeType.indexOf('.') + 1) : nodeType;
		return supported.includes(nodeType) || supported.includes(shortName);
	}

	/** Properties of a credential type including the ones it inherits (`extends`). */
	getCredentialsProperties(type: string): INodeProperties[] {
		const byName = new Map<string, INodeProperties>();
		const chain = [...this.getParentTypes(type)].reverse();
		chain.push(type);
		for (const typeName of chain) {
			for (const property of this.credentialTypes.find(typeName)?.properties ?? []) {
				byName.set(property.name, property);
			}
		}
		return [...byName.values()];
	}

	private lookup(details: INodeCredentialsDetails | undefined, type: string): ICredentialDataDecryptedObject {
		const candidates = [details?.id ?? undefined, type, details?.name];
		for (const key of candidates) {
			if (key && Object.hasOwn(this.store, key)) return this.store[key];
		}
		throw new UserError(
			`The harness has no credentials for type "${type}"` +
				(details?.id ? ` (node credential id "${details.id}")` : '') +
				'. Pass them in runWorkflow({ credentials: { [type]: {...} } }).',
		);
	}

	private withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const result: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.type === 'notice') continue;
			if (property.default !== undefined) {
				result[property.name] = structuredClone(property.default) as ICredentialDataDecryptedObject[string];
			}
		}
		return { ...result, ...data };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new MemoryCredentials(nodeCredentials, type, this.lookup(nodeCredentials, type));
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		this.credentialTypes.getByName(type);
		this.accesses.push({ type, nodeName: executeData?.node?.name, credentialId: nodeCredentials?.id });
		const data = this.lookup(nodeCredentials, type);
		return raw ? { ...data } : this.withDefaults(type, data);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const key = nodeCredentials.id && Object.hasOwn(this.store, nodeCredentials.id) ? nodeCredentials.id : type;
		this.store[key] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const current = this.lookup(nodeCredentials, type);
		await this.updateCredentials(nodeCredentials, type, { ...current, oauthTokenData: data.oauthTokenData });
	}

	/** Evaluates `={{ … }}` with `$credentials` bound, through n8n's own expression engine. */
	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow?: Workflow,
		node?: INode,
	): unknown {
		if (typeof value !== 'string' || !isExpression(value)) return value;
		if (!workflow || !node) {
			if (!this.expressionWorkflow) {
				const expressionNode: INode = {
					id: 'harness-credential-expression',
					name: 'Credential Expression',
					type: HARNESS_SET_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				};
				this.expressionWorkflow = {
					node: expressionNode,
					workflow: new Workflow({
						nodes: [expressionNode],
						connections: {},
						active: false,
						nodeTypes: this.nodeTypes,
					}),
				};
			}
			workflow = this.expressionWorkflow.workflow;
			node = this.expressionWorkflow.node;
		}
		return workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes.getByName(typeName);
		let authenticate = type.authenticate;
		for (const parent of this.getParentTypes(typeName)) {
			if (authenticate) break;
			authenticate = this.credentialTypes.find(parent)?.authenticate;
		}
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate.call(type, credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate.type !== 'generic') {
			throw new UserError(`Unsupported authenticate type "${String(authenticate.type)}" on "${typeName}"`);
		}
		const options = requestOptions as unknown as Record<string, unknown>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			if (!entries || typeof entries !== 'object') continue;
			const current = options[section];
			if (current !== undefined && !isPlainObject(current)) continue;
			const target: Record<string, unknown> = { ...(current ?? {}) };
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				const resolvedKey = String(this.resolve(key, credentials, workflow, node));
				target[resolvedKey] = this.resolve(value, credentials, workflow, node);
			}
			options[section] = target;
		}
		return requestOptions as IHttpRequestOptions;
	}

	private expirableProperty(typeName: string): INodeProperties | undefined {
		return this.getCredentialsProperties(typeName).find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		const expirable = this.expirableProperty(typeName);
		if (!type.preAuthentication || !expirable) return undefined;
		const current = credentials[expirable.name];
		if (current !== '' && current !== undefined && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) {
			throw new UserError(`preAuthentication of "${typeName}" did not return "${expirable.name}"`);
		}
		const updated = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		const details = node.credentials?.[typeName];
		if (details) await this.updateCredentials(details, typeName, updated);
		return updated;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		if (!type.preAuthentication) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		return { ...credentials, ...output } as ICredentialDataDecryptedObject;
	}
}
