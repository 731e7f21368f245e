import type { IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import type { MultipartFile } from '../transport';
import { inputError } from './validation';

/** Chunk size for reading stored binaries: large enough to keep an upload busy, small enough to stay lean. */
const STREAM_CHUNK_BYTES = 256 * 1024;

/**
 * The audio of an item's binary property as an upload. A binary kept in a store (filesystem, S3,
 * database: it has an id) is streamed from the store, once per attempt; one held in memory is used as is.
 */
export async function binaryUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterDisplayName: string,
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
	return { open: async () => buffer, fileName, contentType, size: buffer.length };
}
