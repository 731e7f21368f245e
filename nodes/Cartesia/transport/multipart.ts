import { PassThrough, type Readable } from 'node:stream';

import FormData from 'form-data';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What an attempt's `open` hands over when the source itself says what the file is: a download learns
 * its name, type and length only from the response. Values given here win over the file's own.
 */
export interface OpenedFile {
	content: Readable | Buffer;
	fileName?: string;
	contentType?: string;
	size?: number;
}

/** An uploaded file. `open` is called once per attempt, because a consumed stream cannot be resent. */
export interface MultipartFile {
	open: () => Promise<Readable | Buffer | OpenedFile>;
	fileName: string;
	contentType: string;
	/** Byte length when known: lets the whole body carry a Content-Length. */
	size?: number;
}

/**
 * The error of a file that failed while it was being sent, when the file's source raised it as an n8n
 * error (which undici never does): it already says what went wrong in the item's terms.
 */
export function uploadSourceFailure(error: unknown): NodeApiError | NodeOperationError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		if (current instanceof NodeApiError || current instanceof NodeOperationError) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export type MultipartScalar = string | number | boolean;

/**
 * A multipart value: scalars become text parts, arrays repeat the `name[]` field once per item,
 * nested objects flatten to bracketed names (`output_format[container]`), files become file parts.
 * Undefined values are omitted (docs/wire-format.md §1.3).
 */
export type MultipartValue =
	| MultipartScalar
	| MultipartFile
	| MultipartScalar[]
	| { [key: string]: MultipartValue | undefined }
	| undefined;

export type MultipartFields = Record<string, MultipartValue>;

export function isMultipartFile(value: unknown): value is MultipartFile {
	return typeof value === 'object' && value !== null && typeof (value as MultipartFile).open === 'function';
}

type FlatPart = { name: string; value: string } | { name: string; file: MultipartFile };

/** The parts in wire order, with Cartesia's bracket naming. */
export function flattenMultipart(fields: MultipartFields, prefix?: string): FlatPart[] {
	const parts: FlatPart[] = [];
	for (const [key, value] of Object.entries(fields)) {
		const name = prefix ? `${prefix}[${key}]` : key;
		if (value === undefined) continue;
		if (isMultipartFile(value)) parts.push({ name, file: value });
		else if (Array.isArray(value)) for (const item of value) parts.push({ name: `${name}[]`, value: String(item) });
		else if (typeof value === 'object') parts.push(...flattenMultipart(value, name));
		else parts.push({ name, value: String(value) });
	}
	return parts;
}

export interface MultipartBody {
	body: Readable;
	headers: Record<string, string>;
}

async function openFile(file: MultipartFile): Promise<Required<Omit<OpenedFile, 'size'>> & { size?: number }> {
	const opened = await file.open();
	const described = Buffer.isBuffer(opened) || isReadable(opened) ? { content: opened } : opened;
	const { content } = described;
	return {
		content,
		fileName: described.fileName ?? file.fileName,
		contentType: described.contentType ?? file.contentType,
		size: Buffer.isBuffer(content) ? content.length : (described.size ?? file.size),
	};
}

function isReadable(value: unknown): value is Readable {
	return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function';
}

/**
 * Builds a streaming multipart body: files are piped from their streams, never gathered in memory.
 * When the body is destroyed (a failed attempt), or a later file fails to open, the streams already
 * opened are closed too, so a download is never left hanging on its host.
 */
export async function buildMultipartBody(fields: MultipartFields): Promise<MultipartBody> {
	const form = new FormData();
	const opened: Readable[] = [];
	const closeAll = (): void => {
		for (const stream of opened) if (!stream.destroyed) stream.destroy();
	};
	let lengthKnown = true;
	let opening = true;
	try {
		for (const part of flattenMultipart(fields)) {
			if ('value' in part) {
				form.append(part.name, part.value);
				continue;
			}
			const { content, fileName, contentType, size } = await openFile(part.file);
			if (!Buffer.isBuffer(content)) opened.push(content);
			if (size === undefined) lengthKnown = false;
			form.append(part.name, content, {
				filename: fileName,
				contentType,
				...(size !== undefined ? { knownLength: size } : {}),
			});
		}
		opening = false;
	} finally {
		if (opening) closeAll();
	}
	const headers: Record<string, string> = { ...form.getHeaders() };
	if (lengthKnown) headers['content-length'] = String(form.getLengthSync());
	// form-data is a legacy stream; undici wants a Readable, so pipe it through one.
	const body = new PassThrough();
	form.on('error', (error: Error) => body.destroy(error));
	body.once('close', closeAll);
	form.pipe(body);
	return { body, headers };
}
