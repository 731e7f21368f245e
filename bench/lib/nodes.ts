/**
 * Node types the benchmark runs beside ours, registered with the harness's `extraNodeTypes`:
 * - `bench.minimalTts`: the least a node can do for Speech → Generate: read its parameters, send the
 *   same request with undici (the same copy and the same pool settings as our package), and store the
 *   answer with `prepareBinaryData(stream)`. Items run through a pool of `concurrency` workers.
 * - n8n's HTTP Request node, from the cached n8n 2.41.1's n8n-nodes-base.
 * - `bench.storedBinaryTrigger`: a start node that emits items whose binary is already in the
 *   filesystem store (so a memory measurement does not include copying the file in).
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import type { IBinaryData, IExecuteFunctions, INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { APP_NODE_MODULES } from './appModules';

export const MINIMAL_TYPE = 'bench.minimalTts';
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const STORED_TRIGGER_TYPE = 'bench.storedBinaryTrigger';
export const CARTESIA_TYPE = 'n8n-nodes-cartesia.cartesia';

interface UndiciModule {
	Agent: new (options: object) => object;
	request: (
		url: string,
		options: { method: string; headers: Record<string, string>; body?: string; dispatcher: object },
	) => Promise<{ statusCode: number; body: Readable & { text(): Promise<string> } }>;
}

/** The minimal node, on the undici copy installed with our package (`packageDir/node_modules/undici`). */
export function minimalNodeType(packageDir: string): INodeType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const undici = require(require.resolve('undici', { paths: [packageDir] })) as UndiciModule;
	// Our transport's pool settings (connect 10 s, headers and body 60 s), keep-alive as undici does by default.
	const agent = new undici.Agent({ connect: { timeout: 10_000 }, headersTimeout: 60_000, bodyTimeout: 60_000 });
	const text = (name: string, fallback: string | number = '') => ({ displayName: name, name, type: 'string' as const, default: String(fallback) });
	return {
		description: {
			displayName: 'Minimal TTS',
			name: MINIMAL_TYPE,
			group: ['transform'],
			version: 1,
			description: 'POST /tts/bytes with undici, answer stored with prepareBinaryData (benchmark only)',
			defaults: { name: 'Minimal TTS' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				text('baseUrl'),
				text('apiKey'),
				text('apiVersion'),
				text('transcript'),
				text('voiceId'),
				text('modelId'),
				text('language'),
				text('container'),
				text('encoding'),
				{ displayName: 'sampleRate', name: 'sampleRate', type: 'number', default: 16000 },
				{ displayName: 'concurrency', name: 'concurrency', type: 'number', default: 1 },
			],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const concurrency = Math.max(1, this.getNodeParameter('concurrency', 0) as number);
			const output: INodeExecutionData[] = new Array(items.length);
			const one = async (itemIndex: number): Promise<INodeExecutionData> => {
				const parameter = (name: string) => this.getNodeParameter(name, itemIndex) as string;
				const outputFormat = { container: parameter('container'), encoding: parameter('encoding'), sample_rate: this.getNodeParameter('sampleRate', itemIndex) as number };
				const language = parameter('language');
				const body = JSON.stringify({
					model_id: parameter('modelId'),
					transcript: parameter('transcript'),
					voice: { mode: 'id', id: parameter('voiceId') },
					output_format: outputFormat,
					...(language ? { language } : {}),
				});
				const response = await undici.request(`${parameter('baseUrl')}/tts/bytes`, {
					method: 'POST',
					headers: {
						'Cartesia-Version': parameter('apiVersion'),
						Authorization: `Bearer ${parameter('apiKey')}`,
						'user-agent': 'n8n-nodes-cartesia',
						accept: '*/*',
						'content-type': 'application/json',
					},
					body,
					dispatcher: agent,
				});
				if (response.statusCode >= 300) throw new Error(`HTTP ${response.statusCode}: ${await response.body.text()}`);
				const binary = await this.helpers.prepareBinaryData(response.body, 'speech.pcm', 'application/octet-stream');
				const input = items[itemIndex];
				return {
					json: { ...input.json, container: outputFormat.container, encoding: outputFormat.encoding, sampleRate: outputFormat.sample_rate },
					binary: { ...input.binary, data: binary },
					pairedItem: { item: itemIndex },
				};
			};
			let next = 0;
			const worker = async () => {
				while (next < items.length) {
					const itemIndex = next++;
					output[itemIndex] = await one(itemIndex);
				}
			};
			await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
			return [output];
		},
	};
}

/** n8n's HTTP Request node (all versions, as n8n registers it) from the application's n8n-nodes-base. */
export function httpRequestNodeType(): IVersionedNodeType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(join(APP_NODE_MODULES, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js')) as {
		HttpRequest: new () => IVersionedNodeType;
	};
	return new HttpRequest();
}

/** A start node emitting the given items as they are (binaries already stored, referenced by id). */
export function storedBinaryTriggerType(items: () => INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Stored Binary Trigger',
			name: STORED_TRIGGER_TYPE,
			group: ['trigger'],
			version: 1,
			description: 'Emits items whose binaries are already stored (benchmark only)',
			defaults: { name: 'Trigger' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute(): Promise<INodeExecutionData[][]> {
			return [items().map((item) => ({ json: { ...item.json }, binary: { ...(item.binary as Record<string, IBinaryData>) } }))];
		},
	};
}
