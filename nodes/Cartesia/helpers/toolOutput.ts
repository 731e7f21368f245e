import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';


/**
 * Whether this run is a call from an AI agent. n8n builds the tool from `usableAsTool` as a node
 * type of its own, named `<node>Tool` (`convertNodeToAiTool` in n8n's cli appends "Tool"; n8n-workflow's
 * `@tool` display option and `NodeHelpers.isToolType` read the same suffix), and runs that type's
 * `execute` for each call. So the node's own type is the signal, the same on every n8n version.
 */
export function isToolCall(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** A voice as an agent needs it: what it is called, what it speaks, and how it sounds. */
export function shortVoice(voice: IDataObject): IDataObject {
	const record: IDataObject = { id: voice.id, name: voice.name };
	for (const key of ['language', 'gender', 'description'] as const) {
		if (voice[key] !== undefined && voice[key] !== null && voice[key] !== '') record[key] = voice[key];
	}
	return record;
}

/**
 * What an agent learns about audio it asked for. n8n hands an agent JSON only (binary data is
 * dropped from tool results), so the audio travels as a signed download link into n8n's binary store,
 * which the agent can pass on to a person. Every audio result carries the summary fields
 * (`durationSeconds`, `bytes`, `characters`, `model`, `voiceId`; helpers/audioOutput.ts).
 */
export function toolAudioResult(context: IExecuteFunctions, item: INodeExecutionData): IDataObject {
	const { json } = item;
	const [binary] = Object.values(item.binary ?? {}) as IBinaryData[];
	const summary: IDataObject = {
		durationSeconds: json.durationSeconds,
		bytes: json.bytes,
		characters: json.characters,
		model: json.model,
		voiceId: json.voiceId,
		fileName: binary?.fileName,
		mimeType: binary?.mimeType,
		container: json.container,
		encoding: json.encoding,
		sampleRate: json.sampleRate,
		bitRate: json.bitRate,
	};
	for (const key of ['words', 'phonemes', 'contextId'] as const) {
		if (json[key] !== undefined) summary[key] = json[key];
	}
	Object.assign(summary, downloadLink(context, binary));
	return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined && value !== null));
}

/**
 * A signed link to the stored audio (`createBinarySignedUrl`, n8n-core; a day by default). In
 * n8n's in-memory binary mode there is nothing to link to: the result then says so instead.
 */
function downloadLink(context: IExecuteFunctions, binary: IBinaryData | undefined): IDataObject {
	if (!binary) return {};
	const sign = (context.helpers as Partial<IExecuteFunctions['helpers']>).createBinarySignedUrl;
	let reason = 'this n8n version cannot sign download links';
	if (typeof sign === 'function') {
		try {
			return { downloadUrl: sign.call(context.helpers, binary) };
		} catch (error) {
			reason = binary.id
				? `n8n could not sign a download link (${(error as Error).message})`
				: 'n8n keeps binary data in memory here (binary data mode "default"), which cannot be linked; use the filesystem, S3 or database mode';
		}
	}
	return { downloadUrl: null, note: `The audio was generated, but no download link is available: ${reason}.` };
}
