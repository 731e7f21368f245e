import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toolAudioResult, shortVoice } from '../helpers/toolOutput';
import type { CartesiaOperationMap, CartesiaResource } from './node.type';

/** What an agent receives for one output item of an operation. */
type ToolResult = (context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number) => IDataObject;

type OperationKey = { [R in CartesiaResource]: `${R}.${CartesiaOperationMap[R]}` }[CartesiaResource];

/** Transcribe: the words heard, and their timings and subtitles when the tool was set up to ask. */
const transcript: ToolResult = (_context, { json }) =>
	Object.fromEntries(
		(['text', 'language', 'duration', 'words', 'srt', 'vtt'] as const)
			.filter((key) => json[key] !== undefined && json[key] !== null)
			.map((key) => [key, json[key]]),
	);

const voice: ToolResult = (_context, { json }) => shortVoice(json);

/**
 * The compact JSON each operation gives an agent, in one table. An operation not listed gives its
 * JSON as is; any item that carries audio gives the audio summary with its download link.
 */
const TOOL_RESULTS: Partial<Record<OperationKey, ToolResult>> = {
	'transcription.transcribe': transcript,
	'voice.get': voice,
	'voice.getMany': voice,
	'voice.update': voice,
	'voice.clone': voice,
	'voice.localize': voice,
	'voice.create': voice,
	'voice.mix': voice,
};

/**
 * Shapes the items of a tool call into what the agent reads. n8n gives the agent every item's JSON
 * (as an array) and drops binary data, so no item is left with binary only. Error items (Continue On
 * Fail) pass through.
 */
export function toToolResults(
	context: IExecuteFunctions,
	resource: CartesiaResource,
	operation: string,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	const shape = TOOL_RESULTS[`${resource}.${operation}` as OperationKey];
	return items.map((item) => {
		const itemIndex = typeof item.pairedItem === 'object' && !Array.isArray(item.pairedItem) ? item.pairedItem.item : 0;
		let json: IDataObject;
		if (item.json.error !== undefined) json = item.json;
		else if (item.binary && Object.keys(item.binary).length) json = toolAudioResult(context, item);
		else json = shape ? shape(context, item, itemIndex) : item.json;
		return { json, pairedItem: item.pairedItem };
	});
}
