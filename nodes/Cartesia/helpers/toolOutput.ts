import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RAW_ENCODINGS, type RawEncoding } from '../catalog';
import { bytesPerSample, wavHeader } from './audio';
import { locatorRawValue } from './validation';
import { resolvedVoiceId } from './voiceName';

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

/** A parameter's value if this operation has it, else undefined (never throws). */
function parameter(context: IExecuteFunctions, itemIndex: number, name: string): unknown {
	try {
		return locatorRawValue(context.getNodeParameter(name, itemIndex, undefined) as unknown);
	} catch {
		return undefined;
	}
}

/** Seconds of audio in a file, from its format: exact for PCM and WAV, from the bit rate for MP3. */
function durationFromFormat(json: IDataObject, bytes: number): number | undefined {
	const sampleRate = Number(json.sampleRate);
	if (!(sampleRate > 0)) return undefined;
	if (json.container === 'mp3') {
		const bitRate = Number(json.bitRate);
		return bitRate > 0 ? (bytes * 8) / bitRate : undefined;
	}
	const encoding = json.encoding as RawEncoding;
	if (!RAW_ENCODINGS.includes(encoding)) return undefined;
	const header = json.container === 'wav' ? wavHeader(encoding, sampleRate, 0).length : 0;
	return Math.max(0, bytes - header) / (sampleRate * bytesPerSample(encoding));
}

/**
 * What an agent learns about audio it asked for. n8n hands an agent JSON only (binary data is
 * dropped from tool results), so the audio travels as a signed download link into n8n's binary store,
 * which the agent can pass on to a person. The summary fields (`durationSeconds`, `bytes`, `characters`,
 * `model`, `voiceId`) are taken from the result when it carries them, else worked out here.
 */
export function audioSummary(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): IDataObject {
	const { json } = item;
	const [binary] = Object.values(item.binary ?? {}) as IBinaryData[];
	const bytes = typeof json.bytes === 'number' ? json.bytes : binary?.bytes;
	const duration = typeof json.durationSeconds === 'number' ? json.durationSeconds : bytes !== undefined ? durationFromFormat(json, bytes) : undefined;
	const transcript = parameter(context, itemIndex, 'transcript');
	const model = json.model ?? parameter(context, itemIndex, 'model');
	const summary: IDataObject = {
		durationSeconds: duration === undefined ? undefined : Math.round(duration * 100) / 100,
		bytes,
		characters: json.characters ?? (typeof transcript === 'string' ? transcript.length : undefined),
		model: typeof model === 'string' ? model.trim().toLowerCase() : undefined,
		voiceId: json.voiceId ?? resolvedVoiceId(context, itemIndex),
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
