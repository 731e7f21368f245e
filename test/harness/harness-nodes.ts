/**
 * Node types the harness provides itself (there is no n8n-nodes-base here):
 * - `harness.itemsTrigger`: start node that emits the run's items (JSON and binary).
 * - `harness.set`: sets fields from (expression-capable) name/value pairs; a pass-through when empty.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	IPairedItemData,
} from 'n8n-workflow';

export const HARNESS_TRIGGER_TYPE = 'harness.itemsTrigger';
export const HARNESS_SET_TYPE = 'harness.set';

/** A binary property of a harness item before it is stored by n8n's binary helpers. */
export interface HarnessBinaryInput {
	/** File content; a string is taken as UTF-8 text. */
	buffer?: Buffer | Uint8Array | string;
	/** File content as base64 (handy in workflow JSON). */
	base64?: string;
	/** Read the content from this file (streamed into n8n). */
	filePath?: string;
	/** Defaults to the basename of `filePath`, or `data.bin`. */
	fileName?: string;
	/** Defaults to `application/octet-stream`. */
	mimeType?: string;
}

/** An item the trigger emits. A plain object without `json`/`binary` keys is taken as `json`. */
export interface HarnessItem {
	json?: IDataObject;
	binary?: Record<string, HarnessBinaryInput>;
	pairedItem?: IPairedItemData | IPairedItemData[] | number;
}

export type HarnessItemInput = HarnessItem | IDataObject;

function isHarnessItem(item: HarnessItemInput): item is HarnessItem {
	if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
	const keys = Object.keys(item);
	return (
		keys.length > 0 && keys.every((key) => key === 'json' || key === 'binary' || key === 'pairedItem')
	);
}

/** Normalizes `{ json, binary }` / plain-object items to `{ json, binary? }`. */
export function normalizeHarnessItem(item: HarnessItemInput): HarnessItem {
	if (isHarnessItem(item)) return { ...item, json: item.json ?? {} };
	return { json: item as IDataObject };
}

async function storeBinary(
	context: IExecuteFunctions,
	input: HarnessBinaryInput,
): Promise<IBinaryData> {
	const mimeType = input.mimeType ?? 'application/octet-stream';
	if (input.filePath !== undefined) {
		const fileName = input.fileName ?? basename(input.filePath);
		return await context.helpers.prepareBinaryData(createReadStream(input.filePath), fileName, mimeType);
	}
	let buffer: Buffer;
	if (input.base64 !== undefined) buffer = Buffer.from(input.base64, 'base64');
	else if (typeof input.buffer === 'string') buffer = Buffer.from(input.buffer, 'utf8');
	else if (input.buffer !== undefined) buffer = Buffer.from(input.buffer);
	else throw new NodeOperationError(context.getNode(), 'Harness binary input needs buffer, base64 or filePath');
	return await context.helpers.prepareBinaryData(buffer, input.fileName ?? 'data.bin', mimeType);
}

/**
 * Creates the trigger node type. `registeredItems` (from `runWorkflow({ triggerItems })`) win over
 * the node's `items` parameter (a JSON array of the same shape; binaries via `base64`/`filePath`).
 */
export function createItemsTriggerType(registeredItems?: HarnessItemInput[]): INodeType {
	return {
		description: {
			displayName: 'Harness Items Trigger',
			name: HARNESS_TRIGGER_TYPE,
			group: ['trigger'],
			version: 1,
			description: 'Emits the items given to the harness (test only)',
			defaults: { name: 'Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{
					displayName: 'Items',
					name: 'items',
					type: 'json',
					default: '[]',
					description: 'Items to emit when the harness run has no triggerItems',
				},
			],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			let items = registeredItems;
			if (items === undefined) {
				const raw = this.getNodeParameter('items', 0, '[]') as string | HarnessItemInput[];
				items = typeof raw === 'string' ? jsonParse<HarnessItemInput[]>(raw || '[]') : raw;
			}
			if (!Array.isArray(items)) {
				throw new NodeOperationError(this.getNode(), 'Trigger items must be an array');
			}
			const output: INodeExecutionData[] = [];
			for (const input of items) {
				const item = normalizeHarnessItem(input);
				const result: INodeExecutionData = { json: structuredClone(item.json ?? {}) };
				if (item.binary) {
					result.binary = {};
					for (const [property, binary] of Object.entries(item.binary)) {
						result.binary[property] = await storeBinary(this, binary);
					}
				}
				if (item.pairedItem !== undefined) result.pairedItem = item.pairedItem;
				output.push(result);
			}
			return [output];
		},
	};
}

/** Creates the `harness.set` node type: `assignments.values[] = { name, value }`, set per item. */
export function createSetType(): INodeType {
	return {
		description: {
			displayName: 'Harness Set',
			name: HARNESS_SET_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Sets fields on each item; passes items through (test only)',
			defaults: { name: 'Set' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{
					displayName: 'Assignments',
					name: 'assignments',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					options: [
						{
							displayName: 'Values',
							name: 'values',
							values: [
								{ displayName: 'Name', name: 'name', type: 'string', default: '' },
								{ displayName: 'Value', name: 'value', type: 'string', default: '' },
							],
						},
					],
				},
				{
					displayName: 'Keep Binary',
					name: 'keepBinary',
					type: 'boolean',
					default: true,
				},
			],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const output: INodeExecutionData[] = [];
			for (let i = 0; i < items.length; i++) {
				const assignments = this.getNodeParameter('assignments.values', i, []) as Array<{
					name: string;
					value: unknown;
				}>;
				const keepBinary = this.getNodeParameter('keepBinary', i, true) as boolean;
				const json: IDataObject = { ...items[i].json };
				for (const { name, value } of assignments) json[name] = value as IDataObject[string];
				const result: INodeExecutionData = { json, pairedItem: { item: i } };
				if (keepBinary && items[i].binary) result.binary = items[i].binary;
				output.push(result);
			}
			return [output];
		},
	};
}
