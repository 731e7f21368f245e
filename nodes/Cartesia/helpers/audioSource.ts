/**
 * An operation's input audio, from the item's binary field or from a URL, as an upload.
 *
 * A URL is downloaded for every attempt of the upload and streamed straight into it (never whole in
 * memory, never through n8n's binary store), through n8n's own HTTP helper: see transport/download.ts.
 * Before a byte goes to Cartesia the URL must be http(s), the host must answer 2xx within the time limits,
 * announce no more than Max Download Size, and send audio (its first bytes are checked).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { CartesiaClient, DownloadFailure, MultipartFile, OpenedFile } from '../transport';
import { CartesiaRequestCancelledError, startDownload } from '../transport';
import { sniffAudio, SNIFF_BYTES } from './audioSniff';
import { binaryUpload, type AudioUploadOptions } from './binary';
import { inputError } from './validation';

export type AudioSource = 'binaryField' | 'url';

/** The parameters of one audio input, and how messages name them. */
export interface AudioInputNames {
	source: string;
	sourceDisplayName: string;
	binaryField: string;
	binaryFieldDisplayName: string;
	url: string;
	urlDisplayName: string;
}

/** 2 GB: the largest file Cartesia transcribes. */
export const DEFAULT_MAX_DOWNLOAD_MB = 2048;
/** Enough for a CDN or a share link's hops; more is a loop or a maze. */
export const MAX_REDIRECTS = 5;
const MB = 1024 * 1024;

/** The file's extension and type by the container its first bytes show (audioSniff.ts formats). */
const SNIFFED_FILES: Record<string, { extension: string; mimeType: string }> = {
	WAV: { extension: 'wav', mimeType: 'audio/wav' },
	'MP3 (ID3)': { extension: 'mp3', mimeType: 'audio/mpeg' },
	'MPEG audio': { extension: 'mp3', mimeType: 'audio/mpeg' },
	FLAC: { extension: 'flac', mimeType: 'audio/flac' },
	Ogg: { extension: 'ogg', mimeType: 'audio/ogg' },
	'M4A/MP4': { extension: 'm4a', mimeType: 'audio/mp4' },
	WebM: { extension: 'webm', mimeType: 'audio/webm' },
	'MPEG program stream': { extension: 'mpeg', mimeType: 'video/mpeg' },
};

/** The URL as messages show it: scheme, host and path, without credentials, query or fragment (they may hold secrets). */
export function describeUrl(url: URL): string {
	const shown = `${url.protocol}//${url.host}${url.pathname}`;
	return shown.length > 120 ? `${shown.slice(0, 119)}…` : shown;
}

/** Text from a failed request, with any URL's query string and credentials taken out. */
function withoutUrlSecrets(text: string): string {
	return text
		.replace(/(https?:\/\/)[^\s/@"']*@/gi, '$1')
		.replace(/(https?:\/\/[^\s?#"']*)[?#][^\s"']*/gi, '$1');
}

/** The URL parameter, checked before any request: present, parseable, and http(s) only. */
export function readAudioUrl(context: IExecuteFunctions, itemIndex: number, names: AudioInputNames): URL | undefined {
	const raw = context.getNodeParameter(names.url, itemIndex, '') as unknown;
	const text = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
	if (!text) return undefined;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
		throw urlError(
			context,
			itemIndex,
			`"${names.urlDisplayName}" on item ${itemIndex} is not a URL: ${shown}`,
			'Enter the full address of the audio file, starting with https:// or http://, e.g. https://example.com/recording.mp3.',
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw urlError(
			context,
			itemIndex,
			`"${names.urlDisplayName}" on item ${itemIndex} must be an http:// or https:// address, not ${url.protocol}`,
			'Only web addresses are downloaded. To send a file n8n already has, set ' +
				`"${names.sourceDisplayName}" to Binary Field and name the field that holds it.`,
		);
	}
	return url;
}

/** Max Download Size (MB) from the operation's Options, as bytes. */
function readMaxDownloadBytes(context: IExecuteFunctions, itemIndex: number): number {
	const raw = context.getNodeParameter('options.maxDownloadSize', itemIndex, DEFAULT_MAX_DOWNLOAD_MB) as unknown;
	const value = raw === '' || raw === undefined || raw === null ? DEFAULT_MAX_DOWNLOAD_MB : Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw inputError(
			context,
			itemIndex,
			`"Max Download Size (MB)" must be more than 0, not ${JSON.stringify(raw)}`,
			`Set it to the largest file to accept in MB (${DEFAULT_MAX_DOWNLOAD_MB} by default), or remove the option.`,
		);
	}
	return Math.floor(value * MB);
}

/** What a connection failure was, in words, by its code. */
const CONNECTION_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the host refused the connection',
	ECONNRESET: 'the connection was reset',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection was aborted',
	CERT_HAS_EXPIRED: "the host's TLS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: "the host's TLS certificate is self-signed",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the host's TLS certificate could not be verified",
	ERR_FR_REDIRECTION_FAILURE: 'a redirect could not be followed',
};

/**
 * The item's error for a URL that failed. n8n swaps a message merely containing a Node error code
 * (ECONNREFUSED, ENOENT…) for a generic one, and a URL may contain such letters: ours says more, so it stays.
 */
function urlError(context: IExecuteFunctions, itemIndex: number, message: string, description?: string) {
	const error = inputError(context, itemIndex, message, description);
	error.message = message;
	return error;
}

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A download failure as the item's error, naming the parameter, the item and the URL (host and path only). */
function downloadError(
	context: IExecuteFunctions,
	itemIndex: number,
	names: AudioInputNames,
	url: URL,
	failure: DownloadFailure,
) {
	const what = `Could not download "${names.urlDisplayName}" of item ${itemIndex} (${describeUrl(url)})`;
	const tooLarge = 'Raise "Max Download Size (MB)" under Options (Cartesia transcribes files of up to 2 GB), or use a shorter recording.';
	const slow = 'The host of the file may be slow or unreachable from n8n. Raise Connect Timeout or Idle Timeout in Request Options if it needs more time.';
	switch (failure.kind) {
		case 'status':
			return urlError(
				context,
				itemIndex,
				`${what}: the host answered ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}`,
				failure.status >= 500
					? 'The host of the file had a problem; trying again later usually helps.'
					: 'Check that the address is right, that the file is public and that the link has not expired. n8n sends no credentials with this download.',
			);
		case 'tooLarge':
			return urlError(
				context,
				itemIndex,
				failure.declared !== undefined
					? `${what}: the file is ${megabytes(failure.declared)}, more than "Max Download Size (MB)" (${megabytes(failure.limit)})`
					: `${what}: the file grew past "Max Download Size (MB)" (${megabytes(failure.limit)}) while downloading`,
				tooLarge,
			);
		case 'tooManyRedirects':
			return urlError(
				context,
				itemIndex,
				`${what}: it redirected more than ${failure.limit} times`,
				'Use the final address of the file (open the link in a browser to see where it ends), or check the link for a redirect loop.',
			);
		case 'noAnswer':
			return urlError(context, itemIndex, `${what}: the host did not answer within Connect Timeout + Idle Timeout (${seconds(failure.ms)})`, slow);
		case 'stalled':
			return urlError(context, itemIndex, `${what}: the download stalled for longer than the Idle Timeout (${seconds(failure.ms)})`, slow);
		case 'lengthMismatch':
			return urlError(
				context,
				itemIndex,
				failure.received < failure.declared
					? `${what}: the download ended after ${failure.received} of the ${failure.declared} bytes its host announced`
					: `${what}: the host sent more than the ${failure.declared} bytes it announced`,
				'The connection to the host of the file broke, or the host sent a broken answer. Try again; if it keeps happening, download the file with an HTTP Request node instead.',
			);
		case 'empty':
			return urlError(context, itemIndex, `${what}: the file is empty`, 'Cartesia needs audio to work on. Check the address.');
		case 'refused':
			return urlError(context, itemIndex, `${what}: n8n refused the address: ${failure.message}`, failure.description);
		case 'connection': {
			const detail = withoutUrlSecrets(failure.message);
			return urlError(
				context,
				itemIndex,
				`${what}: ${(failure.code && CONNECTION_FAILURES[failure.code]) ?? 'the connection failed'}`,
				`${[failure.code, detail].filter(Boolean).join(': ')}. Check the address, and that n8n can reach its host (network, proxy settings).`,
			);
		}
	}
}

/** The name the file part carries: Content-Disposition's, else the URL's last path segment, with an extension. */
function uploadFileName(disposition: string | undefined, url: URL, extension: string | undefined): string {
	let name: string | undefined;
	const encoded = disposition && /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/i.exec(disposition);
	const plain = disposition && /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
	try {
		if (encoded) name = decodeURIComponent(encoded[1].trim());
		else if (plain) name = (plain[1] ?? plain[2]).trim();
		else name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	} catch {
		name = url.pathname.split('/').pop();
	}
	name = (name ?? '').replace(/[\\/]/g, '_').replace(/[\r\n"]/g, '').trim() || 'audio';
	if (extension && !/\.[A-Za-z0-9]{1,5}$/.test(name)) name = `${name}.${extension}`;
	return name;
}

/** The part's type: the host's when it says audio or video, else what the bytes show, else octet-stream. */
function uploadContentType(declared: string | undefined, sniffedMimeType: string | undefined): string {
	const type = declared?.split(';')[0].trim().toLowerCase();
	if (type && /^(audio|video)\/[\w.+-]+$/.test(type)) return type;
	return sniffedMimeType ?? 'application/octet-stream';
}

/**
 * The audio at a URL as an upload. `open` downloads it (once per attempt of the upload), and checks
 * the answer and the first bytes before handing the stream on.
 */
export function urlUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	names: AudioInputNames,
	url: URL,
	options: AudioUploadOptions = {},
): MultipartFile {
	const maxBytes = readMaxDownloadBytes(context, itemIndex);
	const node = context.getNode();
	const open = async (): Promise<OpenedFile> => {
		const download = await startDownload(async (request) => await context.helpers.httpRequest(request), url.href, {
			...client.downloadLimits,
			maxBytes,
			maxRedirects: MAX_REDIRECTS,
			failure: (failure) => downloadError(context, itemIndex, names, url, failure),
			cancelled: () => new CartesiaRequestCancelledError(node),
		});
		let sniffed: { extension: string; mimeType: string } | undefined;
		if (!options.rawPcm) {
			const head = await download.peek(SNIFF_BYTES);
			const sniff = sniffAudio(head);
			if (!sniff.audio) {
				download.body.destroy();
				throw urlError(
					context,
					itemIndex,
					`"${names.urlDisplayName}" of item ${itemIndex} (${describeUrl(url)}) is not audio: its bytes look like ${sniff.looksLike}`,
					`Cartesia reads WAV, MP3, FLAC, OGG/Opus, M4A/MP4, WebM and MPEG audio. Check that the address leads to the file itself, not to a web page about it.` +
						(options.notAudioHint ? ` ${options.notAudioHint}` : ''),
				);
			}
			sniffed = SNIFFED_FILES[sniff.format];
		}
		return {
			content: download.body,
			fileName: uploadFileName(download.contentDisposition, url, sniffed?.extension),
			contentType: uploadContentType(download.contentType, sniffed?.mimeType),
			size: download.size,
		};
	};
	return { open, fileName: uploadFileName(undefined, url, undefined), contentType: 'application/octet-stream' };
}

/**
 * An input's audio as an upload, from the source the user chose; undefined when the input is optional
 * (Infill's sides) and left empty.
 */
export async function optionalAudioUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	names: AudioInputNames,
	options: AudioUploadOptions = {},
): Promise<MultipartFile | undefined> {
	const source = context.getNodeParameter(names.source, itemIndex, 'binaryField') as AudioSource;
	if (source === 'url') {
		const url = readAudioUrl(context, itemIndex, names);
		return url ? urlUpload(context, itemIndex, client, names, url, options) : undefined;
	}
	if (source !== 'binaryField') {
		throw inputError(context, itemIndex, `"${names.sourceDisplayName}" cannot be "${String(source)}"`, 'Choose Binary Field or URL.');
	}
	const field = String(context.getNodeParameter(names.binaryField, itemIndex, '')).trim();
	return field ? await binaryUpload(context, itemIndex, field, names.binaryFieldDisplayName, options) : undefined;
}

/** An input's audio as an upload; an empty binary field name or URL fails the item, naming the parameter. */
export async function audioUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	names: AudioInputNames,
	options: AudioUploadOptions = {},
): Promise<MultipartFile> {
	const file = await optionalAudioUpload(context, itemIndex, client, names, options);
	if (file) return file;
	const source = context.getNodeParameter(names.source, itemIndex, 'binaryField') as AudioSource;
	if (source === 'url') {
		throw inputError(
			context,
			itemIndex,
			`"${names.urlDisplayName}" is empty on item ${itemIndex}`,
			'Enter the http:// or https:// address of the audio file, e.g. from the trigger with an expression.',
		);
	}
	// binaryUpload words the missing field the way it always has.
	return await binaryUpload(context, itemIndex, '', names.binaryFieldDisplayName, options);
}
