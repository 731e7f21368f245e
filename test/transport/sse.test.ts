import { Readable } from 'node:stream';

import { EventTooLargeError, readServerSentEvents, type ServerSentEvent } from '../../nodes/Cartesia/transport/sse';

async function eventsOf(chunks: Array<string | Buffer>): Promise<ServerSentEvent[]> {
	const events: ServerSentEvent[] = [];
	for await (const event of readServerSentEvents(Readable.from(chunks))) events.push(event);
	return events;
}

describe('readServerSentEvents', () => {
	it('yields one event per blank-line-terminated frame', async () => {
		expect(await eventsOf(['data: {"a":1}\n\ndata: {"b":2}\n\n'])).toEqual([
			{ data: '{"a":1}' },
			{ data: '{"b":2}' },
		]);
	});

	it('joins a frame split across many chunks, even inside a line', async () => {
		const text = 'data: {"type":"chunk","data":"AAAA"}\n\n';
		const chunks = text.split('').map((character) => character);
		expect(await eventsOf(chunks)).toEqual([{ data: '{"type":"chunk","data":"AAAA"}' }]);
	});

	it('accepts CRLF and lone CR line ends, including a CRLF split between chunks', async () => {
		expect(await eventsOf(['data: one\r', '\n\r\ndata: two\r\rdata: three\n\n'])).toEqual([
			{ data: 'one' },
			{ data: 'two' },
			{ data: 'three' },
		]);
	});

	it('keeps the event name and joins multi-line data with newlines', async () => {
		expect(await eventsOf(['event: error\ndata: line 1\ndata: line 2\n\n'])).toEqual([
			{ event: 'error', data: 'line 1\nline 2' },
		]);
	});

	it('skips comments and frames without data', async () => {
		expect(await eventsOf([': keep-alive\n\nevent: ping\n\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
	});

	it('drops an event cut off by the end of the stream, as the SSE standard says', async () => {
		expect(await eventsOf(['data: a\n\ndata: b\n'])).toEqual([{ data: 'a' }]);
	});

	it('decodes UTF-8 characters split across chunk boundaries', async () => {
		const bytes = Buffer.from('data: héllo wörld\n\n', 'utf8');
		const chunks = [...bytes].map((byte) => Buffer.from([byte]));
		expect(await eventsOf(chunks)).toEqual([{ data: 'héllo wörld' }]);
	});

	it('yields the first event before the stream has ended', async () => {
		const body = new Readable({ read() {} });
		const iterator = readServerSentEvents(body);
		body.push('data: early\n\n');
		const first = await iterator.next();
		expect(first.value).toEqual({ data: 'early' });
		body.push(null);
		expect((await iterator.next()).done).toBe(true);
	});

	it('stops a line with no end at the limit, in time proportional to its length (the buffer is never re-flattened per chunk)', async () => {
		const piece = Buffer.alloc(64 * 1024, 'A');
		const chunks = [Buffer.from('data: '), ...Array.from({ length: 320 }, () => piece)];
		const started = Date.now();
		const reading = (async () => {
			for await (const event of readServerSentEvents(Readable.from(chunks), 16 * 1024 * 1024)) void event;
		})();
		await expect(reading).rejects.toBeInstanceOf(EventTooLargeError);
		// Quadratic work (asking the growing string whether it ends in \r on every chunk) took 1.5 s here.
		expect(Date.now() - started).toBeLessThan(700);
	});
});
