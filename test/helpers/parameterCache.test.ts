/** helpers/parameterCache.ts: expression-free parameters resolved once per execution, expressions per item. */
import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { withParameterCache } from '../../nodes/Cartesia/helpers/parameterCache';

/** A context whose getNodeParameter resolves `={{item}}` to the item's index and counts its calls. */
function countingContext(parameters: INodeParameters) {
	const calls: string[] = [];
	const context = {
		marker: 'real context',
		getNodeParameter(name: string, itemIndex: number, fallbackValue?: unknown, options?: { extractValue?: boolean }) {
			calls.push(name);
			const raw = name.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
			if (raw === undefined) return fallbackValue;
			const resolve = (value: unknown): unknown =>
				typeof value === 'string' && value.startsWith('=')
					? `item ${itemIndex}`
					: value && typeof value === 'object'
						? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]))
						: value;
			const resolved = resolve(raw);
			return options?.extractValue && resolved && typeof resolved === 'object' ? (resolved as { value: unknown }).value : resolved;
		},
		whoAmI(this: { marker: string }) {
			return this.marker;
		},
	};
	return { context: context as unknown as IExecuteFunctions & { whoAmI(): string }, calls };
}

describe('withParameterCache', () => {
	const parameters: INodeParameters = {
		transcript: '={{ $json.text }}',
		model: 'sonic-3',
		outputFormat: { container: 'wav', sampleRate: 16000 },
		voice: { __rl: true, mode: 'id', value: '={{ $json.voice }}' },
		options: { speed: 1.2 },
	};

	it('resolves a parameter without an expression once, whatever the item', () => {
		const { context, calls } = countingContext(parameters);
		const cached = withParameterCache(context, parameters);
		for (let item = 0; item < 5; item++) {
			expect(cached.getNodeParameter('model', item)).toBe('sonic-3');
			expect(cached.getNodeParameter('outputFormat', item)).toEqual({ container: 'wav', sampleRate: 16000 });
			expect(cached.getNodeParameter('options.speed', item)).toBe(1.2);
		}
		expect(calls.filter((name) => name === 'model')).toHaveLength(1);
		expect(calls.filter((name) => name === 'outputFormat')).toHaveLength(1);
		expect(calls.filter((name) => name === 'options.speed')).toHaveLength(1);
	});

	it('resolves a parameter holding an expression, even deep inside, for every item', () => {
		const { context, calls } = countingContext(parameters);
		const cached = withParameterCache(context, parameters);
		expect(cached.getNodeParameter('transcript', 0)).toBe('item 0');
		expect(cached.getNodeParameter('transcript', 1)).toBe('item 1');
		expect(cached.getNodeParameter('voice', 2, undefined, { extractValue: true })).toBe('item 2');
		expect(cached.getNodeParameter('voice', 3, undefined, { extractValue: true })).toBe('item 3');
		expect(calls).toEqual(['transcript', 'transcript', 'voice', 'voice']);
	});

	it('keeps apart reads with different fallbacks or options, and absent parameters', () => {
		const { context, calls } = countingContext(parameters);
		const cached = withParameterCache(context, parameters);
		expect(cached.getNodeParameter('missing', 0, 'a')).toBe('a');
		expect(cached.getNodeParameter('missing', 1, 'b')).toBe('b');
		expect(cached.getNodeParameter('missing', 2, 'a')).toBe('a');
		expect(calls).toEqual(['missing', 'missing']);
		// Fallbacks alike as text but of other types, or given as objects, are other reads.
		expect(cached.getNodeParameter('missing', 3, 1)).toBe(1);
		expect(cached.getNodeParameter('missing', 4, '1')).toBe('1');
		expect(cached.getNodeParameter('missing', 5, { a: 1 })).toEqual({ a: 1 });
		expect(cached.getNodeParameter('missing', 6, {})).toEqual({});
		expect(cached.getNodeParameter('missing', 7, 1)).toBe(1);
		expect(calls).toHaveLength(6);
	});

	it('hands out frozen values, so one item cannot change what the next reads', () => {
		const { context } = countingContext(parameters);
		const cached = withParameterCache(context, parameters);
		const first = cached.getNodeParameter('outputFormat', 0) as { container: string };
		expect(() => {
			first.container = 'mp3';
		}).toThrow(TypeError);
		expect(cached.getNodeParameter('outputFormat', 1)).toEqual({ container: 'wav', sampleRate: 16000 });
	});

	it('runs the context’s other methods on the context itself', () => {
		const { context } = countingContext(parameters);
		const cached = withParameterCache(context, parameters) as typeof context;
		expect(cached.whoAmI()).toBe('real context');
		expect(cached.whoAmI).toBe(cached.whoAmI);
	});
});
