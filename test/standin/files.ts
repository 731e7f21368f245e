/**
 * Files outside Cartesia's API, for audio given to the node by URL: the stand-in also plays the host a
 * recording lives on (a telephony provider, a podcast feed, a shared drive). These routes need no key and
 * check no Cartesia header; they are recorded like every request, so a test can count downloads and see
 * what the node sent to a foreign host.
 *
 *   GET /files/<name>.wav | .mp3     generated audio: a tone with the text embedded, so Transcribe reads
 *                                    it back (`text`, default "This is <name>."; `seconds`, default 2;
 *                                    or `bytes`: exactly that many bytes of audio after the header)
 *   GET /files/<name>.png | .txt     a small PNG image, a line of text: files that are not audio
 *   GET /files/redirect/<n>/<path>   a 302 chain of n hops ending at /files/<path> (query kept)
 *   GET /files/status/<code>         that status, with a short text body
 *
 * Query knobs on any file:
 *   delayMs=<ms>        wait before the headers
 *   chunkDelayMs=<ms>   pause before every body chunk after the first (a slow download)
 *   chunked=1           no Content-Length (the size shows only while streaming)
 *   type=<type>|none    the Content-Type to send, or none at all
 *   disposition=<name>  a Content-Disposition naming the file
 *
 * Everything is generated chunk by chunk: a 3 GB file costs nothing unless it is read.
 */
import type { ServerResponse } from 'node:http';

import { audioBody, planAudio, type AudioFormat, type AudioPlan } from './audio';
import { ResponseAbandoned } from './errors';
import type { RecordedRequest } from './types';
import { ResponseWriter, sleep } from './writer';

export const FILES_PREFIX = '/files/';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64',
);

const AUDIO_FORMATS: Record<string, { format: AudioFormat; contentType: string }> = {
	wav: { format: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 }, contentType: 'audio/wav' },
	mp3: { format: { container: 'mp3', sampleRate: 44100, bitRate: 128000 }, contentType: 'audio/mpeg' },
};

export function isFileRequest(path: string): boolean {
	return path.startsWith(FILES_PREFIX);
}

interface FileRequest {
	method: string;
	path: string;
	query: Array<[string, string]>;
	/** The raw query string, without `?`, kept across redirects. */
	search: string;
	record: RecordedRequest;
	res: ServerResponse;
	/** Aborted when the client goes away. */
	signal: AbortSignal;
	requestId: string;
}

function queryValue(query: Array<[string, string]>, name: string): string | undefined {
	return query.find(([key]) => key === name)?.[1];
}

function queryNumber(query: Array<[string, string]>, name: string): number | undefined {
	const value = queryValue(query, name);
	if (value === undefined || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** The body of a file, chunk by chunk, with its length when known up front. */
interface FileBody {
	contentType: string;
	size: number;
	chunks: Iterable<Buffer>;
}

function audioFile(name: string, extension: string, query: Array<[string, string]>): FileBody {
	const { format, contentType } = AUDIO_FORMATS[extension];
	const text = queryValue(query, 'text') ?? `This is ${name}.`;
	const plan: AudioPlan = planAudio(format, text, queryNumber(query, 'seconds') ?? 2, queryNumber(query, 'bytes'));
	let size = 0;
	// The header and trailer are small; the audio is counted from the plan, not generated twice.
	for (const chunk of audioBody({ ...plan, audioBytes: 0 })) size += chunk.length;
	size += plan.audioBytes + (format.container === 'wav' && plan.audioBytes % 2 === 1 ? 1 : 0);
	return { contentType, size, chunks: audioBody(plan) };
}

function fileBody(fileName: string, query: Array<[string, string]>): FileBody | undefined {
	const dot = fileName.lastIndexOf('.');
	const name = dot > 0 ? fileName.slice(0, dot) : fileName;
	const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
	if (AUDIO_FORMATS[extension]) return audioFile(name, extension, query);
	if (extension === 'png') return { contentType: 'image/png', size: PNG.length, chunks: [PNG] };
	if (extension === 'txt') {
		const text = Buffer.from(`${queryValue(query, 'text') ?? `This is ${name}, not audio.`}\n`);
		return { contentType: 'text/plain; charset=utf-8', size: text.length, chunks: [text] };
	}
	return undefined;
}

async function answerText(request: FileRequest, status: number, text: string, headers: Record<string, string> = {}): Promise<void> {
	const writer = new ResponseWriter(request.res, {
		requestId: request.requestId,
		delayMs: 0,
		signal: request.signal,
		onHead: (sent) => (request.record.status = sent),
	});
	await writer.send(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }, Buffer.from(`${text}\n`));
}

async function serve(request: FileRequest): Promise<void> {
	const { path, query } = request;
	const rest = path.slice(FILES_PREFIX.length);
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		await answerText(request, 405, `${request.method} is not allowed on files; use GET`, { allow: 'GET, HEAD' });
		return;
	}
	const redirect = /^redirect\/(\d+)\/(.+)$/.exec(rest);
	if (redirect) {
		const hops = Number(redirect[1]);
		const next = hops > 1 ? `${FILES_PREFIX}redirect/${hops - 1}/${redirect[2]}` : `${FILES_PREFIX}${redirect[2]}`;
		const location = `${next}${request.search ? `?${request.search}` : ''}`;
		await answerText(request, 302, `See ${location}`, { location });
		return;
	}
	const status = /^status\/(\d{3})$/.exec(rest);
	if (status) {
		await answerText(request, Number(status[1]), `The file host answered ${status[1]}`);
		return;
	}
	const body = /^[^/]+$/.test(rest) ? fileBody(decodeURIComponent(rest), query) : undefined;
	if (!body) {
		await answerText(request, 404, `No file at ${path}`);
		return;
	}
	const headers: Record<string, string | number> = {};
	const type = queryValue(query, 'type') ?? body.contentType;
	if (type !== 'none') headers['content-type'] = type;
	if (queryValue(query, 'chunked') !== '1') headers['content-length'] = body.size;
	const disposition = queryValue(query, 'disposition');
	if (disposition) headers['content-disposition'] = `attachment; filename="${disposition}"`;
	const writer = new ResponseWriter(request.res, {
		requestId: request.requestId,
		delayMs: queryNumber(query, 'delayMs') ?? 0,
		signal: request.signal,
		onHead: (sent) => (request.record.status = sent),
	});
	await writer.head(200, headers);
	if (request.method === 'HEAD') {
		await writer.end();
		return;
	}
	const chunkDelayMs = queryNumber(query, 'chunkDelayMs') ?? 0;
	let first = true;
	for (const chunk of body.chunks) {
		if (!first && chunkDelayMs > 0) await sleep(chunkDelayMs, request.signal);
		first = false;
		await writer.write(chunk);
	}
	await writer.end();
}

/** Answers a request under /files/; a client that goes away mid-file just ends it. */
export async function serveFile(request: FileRequest): Promise<void> {
	try {
		await serve(request);
	} catch (error) {
		if (error instanceof ResponseAbandoned || request.signal.aborted) {
			request.record.rejection = 'the client went away during the file';
			return;
		}
		throw error;
	}
}
