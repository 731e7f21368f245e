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

const LF = 10;
const COLON = 58;
const SPACE = 32;

/**
 * Turns text/event-stream text into events, one piece of text at a time. Handles `\n`, `\r\n` and `\r`
 * line ends (a `\r\n` split between pieces too), multi-line data, comments, and lines split across
 * pieces. Each piece is scanned once with `indexOf`; a line's text is copied out once, when it ends.
 */
export class ServerSentEventParser {
	/** The unfinished line's text, in the pieces it came in (joined once, when its end arrives). */
	private pending: string[] = [];
	private pendingChars = 0;
	/** The last piece ended in `\r`: a `\n` starting the next one belongs to that line end. */
	private skipLf = false;
	private event: string | undefined;
	private data: string | undefined;
	/** Data lines after the first (rare: Cartesia sends one line an event). */
	private moreData: string[] | undefined;
	private dataChars = 0;

	/** Characters held for the event being read (its unfinished line and its data lines so far). */
	get heldChars(): number {
		return this.pendingChars + this.dataChars;
	}

	/** The events that `text` completes, in order (often none, often several). */
	push(text: string): ServerSentEvent[] {
		const events: ServerSentEvent[] = [];
		const length = text.length;
		if (length === 0) return events;
		let start = 0;
		if (this.skipLf) {
			this.skipLf = false;
			if (text.charCodeAt(0) === LF) start = 1;
		}
		// The next `\r` is looked up again only once passed: Cartesia's frames end in `\n`, and looking
		// for a `\r` to the end of the text on every line would cost time in proportion to the text.
		let cr = text.indexOf('\r', start);
		while (start < length) {
			const lf = text.indexOf('\n', start);
			if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
			const end = lf === -1 ? cr : cr === -1 ? lf : lf < cr ? lf : cr;
			if (end === -1) {
				this.pending.push(start === 0 ? text : text.slice(start));
				this.pendingChars += length - start;
				break;
			}
			let line = text.slice(start, end);
			if (this.pendingChars > 0) {
				this.pending.push(line);
				line = this.pending.join('');
				this.pending = [];
				this.pendingChars = 0;
			}
			start = end + 1;
			if (end === cr) {
				if (start === length) this.skipLf = true;
				else if (text.charCodeAt(start) === LF) start++;
			}
			const event = this.takeLine(line);
			if (event) events.push(event);
		}
		return events;
	}

	private takeLine(line: string): ServerSentEvent | undefined {
		if (line.length === 0) return this.dispatch();
		if (line.charCodeAt(0) === COLON) return undefined;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = '';
		if (colon !== -1) value = line.charCodeAt(colon + 1) === SPACE ? line.slice(colon + 2) : line.slice(colon + 1);
		if (field === 'data') {
			if (this.data === undefined) this.data = value;
			else (this.moreData ??= []).push(value);
			this.dataChars += value.length;
		} else if (field === 'event') this.event = value;
		return undefined;
	}

	private dispatch(): ServerSentEvent | undefined {
		const { data, moreData, event } = this;
		this.event = undefined;
		this.data = undefined;
		this.moreData = undefined;
		this.dataChars = 0;
		if (data === undefined) return undefined;
		const joined = moreData ? [data, ...moreData].join('\n') : data;
		return event ? { event, data: joined } : { data: joined };
	}
}

/**
 * Splits a text/event-stream body into events as bytes arrive (never the whole body), yielding all the
 * events of one network chunk together, so a reader pays for a wait per chunk rather than per event.
 * An event (its pending line and data lines together) may not grow past `maxEventChars`. As the SSE
 * standard says, an event cut off by the end of the stream is not dispatched.
 */
export async function* readServerSentEventBatches(
	body: Readable,
	maxEventChars = DEFAULT_MAX_EVENT_CHARS,
): AsyncGenerator<ServerSentEvent[]> {
	const decoder = new TextDecoder('utf-8');
	const parser = new ServerSentEventParser();
	for await (const chunk of body) {
		const events = parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Buffer, { stream: true }));
		if (events.length) yield events;
		if (parser.heldChars > maxEventChars) {
			body.destroy();
			throw new EventTooLargeError(maxEventChars);
		}
	}
	const events = parser.push(decoder.decode());
	if (events.length) yield events;
}

/** The events of a text/event-stream body one by one, as {@link readServerSentEventBatches} reads them. */
export async function* readServerSentEvents(
	body: Readable,
	maxEventChars = DEFAULT_MAX_EVENT_CHARS,
): AsyncGenerator<ServerSentEvent> {
	for await (const events of readServerSentEventBatches(body, maxEventChars)) yield* events;
}
