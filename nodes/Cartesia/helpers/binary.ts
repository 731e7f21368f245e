import type { IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import type { MultipartFile } from '../transport';
import { readHead } from '../transport/readHead';
import { sniffAudio, SNIFF_BYTES } from './audioSniff';
import { inputError } from './validation';

/** Chunk size for reading stored binaries: large enough to keep an upload busy, small enough to stay lean. */
const STREAM_CHUNK_BYTES = 256 * 1024;

export interface AudioUploadOptions {
	/** The user declared headerless PCM (Transcribe's PCM Encoding): there is no header to check. */
	rawPcm?: boolean;
	/** Added to the refusal of a file that is not audio: how else the user could say what it is. */
	notAudioHint?: string;
}

/**
 * The first bytes of a stored binary, read through a stream that is closed right after: a 2 GB
 * recording in S3 costs one small read, not a download.
 */
async function readStoredHead(context: IExecuteFunctions, binaryId: string): Promise<Buffer> {
	return await readHead(await context.helpers.getBinaryStream(binaryId, SNIFF_BYTES), SNIFF_BYTES);
}

/** Fails the item when the first bytes are not an audio container Cartesia reads. */
function assertAudio(
	context: IExecuteFunctions,
	itemIndex: number,
	head: Buffer,
	name: string,
	parameterDisplayName: string,
	options: AudioUploadOptions,
): void {
	if (options.rawPcm) return;
	const sniffed = sniffAudio(head);
	if (sniffed.audio) return;
	throw inputError(
		context,
		itemIndex,
		`"${parameterDisplayName}" ("${name}") does not hold audio: its bytes look like ${sniffed.looksLike}`,
		`Cartesia reads WAV, MP3, FLAC, OGG/Opus, M4A/MP4, WebM and MPEG audio. Set "${parameterDisplayName}" to the binary field with the audio.` +
			(options.notAudioHint ? ` ${options.notAudioHint}` : ''),
	);
}

/**
 * The audio of an item's binary property as an upload. A binary kept in a store (filesystem, S3,
 * database: it has an id) is streamed from the store, once per attempt; one held in memory is used as is.
 * Its first bytes must be audio, unless the user declared raw PCM.
 */
export async function binaryUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterDisplayName: string,
	options: AudioUploadOptions = {},
): Promise<MultipartFile> {
	const name = propertyName.trim();
	const item = context.getInputData()[itemIndex];
	const available = Object.keys(item?.binary ?? {});
	const binary = item?.binary?.[name];
	if (!name || !binary) {
		throw inputError(
			context,
			itemIndex,
			`No binary property "${name}" on item ${itemIndex} ("${parameterDisplayName}")`,
			available.length
				? `The item has these binary properties: ${available.join(', ')}. Set "${parameterDisplayName}" to one of them.`
				: `The item has no binary data at all. Add a node before this one that reads or downloads the audio file.`,
		);
	}
	const fileName = binary.fileName ?? `${name}.${binary.fileExtension ?? 'bin'}`;
	const contentType = binary.mimeType || 'application/octet-stream';
	if (binary.id) {
		const binaryId = binary.id;
		const { fileSize } = await context.helpers.getBinaryMetadata(binaryId);
		if (!fileSize) {
			throw inputError(context, itemIndex, `The binary property "${name}" is empty`, 'Cartesia needs audio to work on.');
		}
		assertAudio(context, itemIndex, await readStoredHead(context, binaryId), name, parameterDisplayName, options);
		return {
			open: async () => await context.helpers.getBinaryStream(binaryId, STREAM_CHUNK_BYTES),
			fileName,
			contentType,
			size: fileSize,
		};
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	if (buffer.length === 0) {
		throw inputError(context, itemIndex, `The binary property "${name}" is empty`, 'Cartesia needs audio to work on.');
	}
	assertAudio(context, itemIndex, buffer.subarray(0, SNIFF_BYTES), name, parameterDisplayName, options);
	return { open: async () => buffer, fileName, contentType, size: buffer.length };
}
