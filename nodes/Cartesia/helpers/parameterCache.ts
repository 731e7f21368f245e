/**
 * n8n resolves a parameter anew on every `getNodeParameter` call: it reads the raw value, resolves it
 * as an expression, and checks it against the node's description (ours lists several hundred
 * properties). A parameter holding no expression has the same value for every item, so an execution
 * resolves it once and hands the value out again. What is handed out is frozen, so an item cannot
 * change another's: a change throws (in strict code) instead of leaking.
 */
import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/** Whether a raw parameter value holds an expression anywhere (n8n marks them with a leading `=`). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** The raw value at a dotted path (`options.maxDownloadSize`), as n8n finds it. */
function rawValueAt(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

/**
 * What tells one read from another: the name, with the fallback and options when given. Most reads
 * pass neither, or a plain value as fallback, and are keyed without serializing anything.
 */
function readKey(name: string, fallbackValue: unknown, options: Record<string, unknown> | undefined): string {
	if (options === undefined) {
		if (fallbackValue === undefined) return name;
		if (typeof fallbackValue !== 'object' || fallbackValue === null) return `${name}\u0000${typeof fallbackValue}\u0000${String(fallbackValue)}`;
	}
	return `${name}\u0000${JSON.stringify(fallbackValue) ?? ''}\u0000${JSON.stringify(options) ?? ''}`;
}

type GetNodeParameter = (name: string, itemIndex: number, fallbackValue?: unknown, options?: Record<string, unknown>) => unknown;

/**
 * `context` with a `getNodeParameter` that resolves each expression-free parameter once. Everything
 * else is the context's own, called on the context itself.
 */
export function withParameterCache(context: IExecuteFunctions, parameters: INodeParameters): IExecuteFunctions {
	const read = context.getNodeParameter.bind(context) as GetNodeParameter;
	// Whether a name may be cached: decided once, since the raw parameters do not change in an execution.
	const cacheable = new Map<string, boolean>();
	const resolved = new Map<string, unknown>();
	const getNodeParameter: GetNodeParameter = (name, itemIndex, fallbackValue, options) => {
		let plain = cacheable.get(name);
		if (plain === undefined) {
			// Path syntax beyond dots goes to n8n as asked.
			plain = !/[[\]]/.test(name) && !holdsExpression(rawValueAt(parameters, name));
			cacheable.set(name, plain);
		}
		if (!plain || options?.rawExpressions) return read(name, itemIndex, fallbackValue, options);
		const key = readKey(name, fallbackValue, options);
		const hit = resolved.get(key);
		if (hit !== undefined || resolved.has(key)) return hit;
		const value = deepFreeze(read(name, itemIndex, fallbackValue, options) as NodeParameterValueType);
		resolved.set(key, value);
		return value;
	};
	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(context, {
		get(target, key) {
			if (key === 'getNodeParameter') return getNodeParameter;
			const known = bound.get(key);
			if (known) return known;
			const member = Reflect.get(target, key, target) as unknown;
			if (typeof member !== 'function') return member;
			// The context's own methods run on the context, not on this proxy.
			const method = (member as (...args: unknown[]) => unknown).bind(target);
			bound.set(key, method);
			return method;
		},
	});
}
