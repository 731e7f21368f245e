/**
 * The workflows the scenarios run: one node after a start node, run through n8n-core's WorkflowExecute
 * by the in-repo harness (on the application's n8n-core, see appModules.ts).
 */
import type { INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { chainWorkflow, runWorkflow, type HarnessItemInput, type RunWorkflowResult } from '../../test/harness';
import { CARTESIA_TYPE, HTTP_REQUEST_TYPE, MINIMAL_TYPE, STORED_TRIGGER_TYPE } from './nodes';

export const API_VERSION = '2025-11-04';
export const TRANSCRIPT = 'Benchmark item.';
export const NODE_NAME = 'Node';

export interface Target {
	url: string;
	apiKey: string;
	voiceId: string;
}

export interface SpeechFormat {
	container: 'raw' | 'wav';
	encoding: 'pcm_s16le';
	sampleRate: number;
}

export const SMALL_RAW: SpeechFormat = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 };

/** What a node does in one scenario: its type, parameters and node-level settings. */
export interface NodeSpec {
	type: string;
	parameters: Record<string, unknown>;
	settings?: { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number; onError?: 'continueRegularOutput' };
	credentials?: string[];
}

export function oursGenerate(target: Target, format: SpeechFormat, maxConcurrentRequests?: number): NodeSpec {
	return {
		type: CARTESIA_TYPE,
		credentials: ['cartesiaApi'],
		parameters: {
			resource: 'speech',
			operation: 'generate',
			transcript: TRANSCRIPT,
			voice: { __rl: true, mode: 'id', value: target.voiceId },
			outputFormat: { container: format.container, encoding: format.encoding, sampleRate: format.sampleRate },
			...(maxConcurrentRequests === undefined ? {} : { requestOptions: { maxConcurrentRequests } }),
		},
	};
}

export function oursTranscribe(): NodeSpec {
	return { type: CARTESIA_TYPE, credentials: ['cartesiaApi'], parameters: { resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data' } };
}

export function minimalGenerate(target: Target, format: SpeechFormat, modelId: string, language: string | undefined, concurrency: number): NodeSpec {
	return {
		type: MINIMAL_TYPE,
		parameters: {
			baseUrl: target.url,
			apiKey: target.apiKey,
			apiVersion: API_VERSION,
			transcript: TRANSCRIPT,
			voiceId: target.voiceId,
			modelId,
			language: language ?? '',
			container: format.container,
			encoding: format.encoding,
			sampleRate: format.sampleRate,
			concurrency,
		},
	};
}

const httpHeaders = (target: Target) => ({
	sendHeaders: true,
	specifyHeaders: 'keypair',
	headerParameters: {
		parameters: [
			{ name: 'Cartesia-Version', value: API_VERSION },
			{ name: 'Authorization', value: `Bearer ${target.apiKey}` },
		],
	},
});

/** HTTP Request: POST /tts/bytes with the JSON body our node sent, response format left on autodetect. */
export function httpGenerate(target: Target, body: unknown, options: Record<string, unknown> = {}, settings?: NodeSpec['settings']): NodeSpec {
	return {
		type: HTTP_REQUEST_TYPE,
		settings,
		parameters: {
			method: 'POST',
			url: `${target.url}/tts/bytes`,
			authentication: 'none',
			...httpHeaders(target),
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: JSON.stringify(body),
			options,
		},
	};
}

/** HTTP Request: POST /stt as multipart/form-data, the file from the item's binary field `data`. */
export function httpTranscribe(target: Target): NodeSpec {
	return {
		type: HTTP_REQUEST_TYPE,
		parameters: {
			method: 'POST',
			url: `${target.url}/stt`,
			authentication: 'none',
			...httpHeaders(target),
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
					{ parameterType: 'formData', name: 'model', value: 'ink-whisper' },
				],
			},
			options: {},
		},
	};
}

export interface RunOptions {
	target: Target;
	nodes: NodeSpec[];
	items?: HarnessItemInput[];
	/** Start from bench.storedBinaryTrigger instead of the harness trigger. */
	storedTrigger?: boolean;
	binaryMode: 'memory' | 'filesystem';
	binaryDir?: string;
	packageDir: string;
	extraNodeTypes: Record<string, INodeType | IVersionedNodeType>;
}

export async function runChain(options: RunOptions): Promise<RunWorkflowResult> {
	const names = options.nodes.length === 1 ? [NODE_NAME] : options.nodes.map((_, index) => `${NODE_NAME}${index + 1}`);
	const workflow = chainWorkflow(
		options.nodes.map((node, index) => ({
			name: names[index],
			type: node.type,
			parameters: node.parameters as never,
			...(node.credentials ? { credentials: node.credentials } : {}),
			...(node.settings ?? {}),
		})),
		options.storedTrigger ? { trigger: { name: 'Trigger', type: STORED_TRIGGER_TYPE } } : {},
	);
	return await runWorkflow({
		workflow,
		packageDir: options.packageDir,
		extraNodeTypes: options.extraNodeTypes,
		credentials: { cartesiaApi: { apiKey: options.target.apiKey, apiVersion: API_VERSION, baseUrl: options.target.url } },
		triggerItems: options.items ?? [{}],
		binaryMode: options.binaryMode,
		binaryDir: options.binaryDir,
	});
}

/** Output items of the last node that carry a binary `data` (the completed ones). */
export function completedItems(result: RunWorkflowResult, nodeName = NODE_NAME): INodeExecutionData[] {
	if (result.status !== 'success') return [];
	return result.output(nodeName).filter((item) => item.binary?.data && !item.json.error);
}
