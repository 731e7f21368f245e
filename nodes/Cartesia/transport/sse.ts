import type { Readable } from 'node:stream';

/** One server-sent event: the `event:` name (if any) and its joined `data:` lines. */
export interface ServerSentEvent {
	event?: string;
	data: string;
}

/** Thrown when one event grows past the limit: a line that never ends would otherwise fill memory. */
export class EventTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`A server-sent event grew past ${limit} characters`);
	}
}

/** One event's limit unless the caller sets another: far above any real audio chunk. */
export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * Splits a text/event-stream body into events as bytes arrive (frame by frame, never the whole body).
 * Handles `\n`, `\r\n` and `\r` line ends, multi-line data, comments, and frames split across chunks.
 * An event (its pending line and data lines together) may not grow past `maxEventChars`.
 */
export async function* readServerSentEvents(
	body: Readable,
	maxEventChars = DEFAULT_MAX_EVENT_CHARS,
): AsyncGenerator<ServerSentEvent> {
	const decoder = new TextDecoder('utf-8');
	let buffer = '';
	/**
	 * Whether the buffer ends in `\r`, kept aside: asking the buffer itself (`endsWith`) flattens the
	 * string built by `+=` on every chunk, which makes a long line cost time in its square.
	 */
	let bufferEndsInCr = false;
	let event: string | undefined;
	let data: string[] = [];
	let dataChars = 0;

	function* takeLines(final: boolean): Generator<ServerSentEvent> {
		let start = 0;
		// The next `\r` is looked up again only once passed: Cartesia's frames end in `\n`, and searching
		// the whole buffer for a `\r` on every line would cost time proportional to the buffer.
		let cr = buffer.indexOf('\r');
		for (;;) {
			const lf = buffer.indexOf('\n', start);
			if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start);
			let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
			if (end === -1) break;
			// A trailing `\r` may be the first half of `\r\n`: wait for the next chunk.
			if (end === buffer.length - 1 && buffer[end] === '\r' && !final) break;
			const line = buffer.slice(start, end);
			if (buffer[end] === '\r' && buffer[end + 1] === '\n') end++;
			start = end + 1;
			const dispatched = takeLine(line);
			if (dispatched) yield dispatched;
		}
		buffer = buffer.slice(start);
	}

	function takeLine(line: string): ServerSentEvent | undefined {
		if (line === '') {
			if (data.length === 0) {
				event = undefined;
				return undefined;
			}
			const dispatched: ServerSentEvent = { data: data.join('\n'), ...(event ? { event } : {}) };
			event = undefined;
			data = [];
			dataChars = 0;
			return dispatched;
		}
		if (line.startsWith(':')) return undefined;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') {
			data.push(value);
			dataChars += value.length;
		}
		else if (field === 'event') event = value;
		return undefined;
	}

	for await (const chunk of body) {
		const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Buffer, { stream: true });
		// A chunk without a line end cannot finish a line (unless it follows a lone `\r`): skip the scan,
		// so a long line costs time in proportion to its length, not its square.
		const lineMayEnd = bufferEndsInCr || text.includes('\n') || text.includes('\r');
		buffer += text;
		if (text) bufferEndsInCr = text.endsWith('\r');
		if (lineMayEnd) yield* takeLines(false);
		if (!buffer) bufferEndsInCr = false;
		if (buffer.length + dataChars > maxEventChars) {
			body.destroy();
			throw new EventTooLargeError(maxEventChars);
		}
	}
	buffer += decoder.decode();
	yield* takeLines(true);
	// As the SSE standard says, an event cut off by the end of the stream is not dispatched.
}
