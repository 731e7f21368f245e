import { PassThrough, type Readable } from 'node:stream';

import FormData from 'form-data';

/** An uploaded file. `open` is called once per attempt, because a consumed stream cannot be resent. */
export interface MultipartFile {
	open: () => Promise<Readable | Buffer>;
	fileName: string;
	contentType: string;
	/** Byte length when known: lets the whole body carry a Content-Length. */
	size?: number;
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

/** Builds a streaming multipart body: files are piped from their streams, never gathered in memory. */
export async function buildMultipartBody(fields: MultipartFields): Promise<MultipartBody> {
	const form = new FormData();
	let lengthKnown = true;
	for (const part of flattenMultipart(fields)) {
		if ('value' in part) {
			form.append(part.name, part.value);
			continue;
		}
		const content = await part.file.open();
		const size = Buffer.isBuffer(content) ? content.length : part.file.size;
		if (size === undefined) lengthKnown = false;
		form.append(part.name, content, {
			filename: part.file.fileName,
			contentType: part.file.contentType,
			...(size !== undefined ? { knownLength: size } : {}),
		});
	}
	const headers: Record<string, string> = { ...form.getHeaders() };
	if (lengthKnown) headers['content-length'] = String(form.getLengthSync());
	// form-data is a legacy stream; undici wants a Readable, so pipe it through one.
	const body = new PassThrough();
	form.on('error', (error: Error) => body.destroy(error));
	form.pipe(body);
	return { body, headers };
}
