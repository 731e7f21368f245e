import { Readable } from 'node:stream';

import { EventTooLargeError, readServerSentEventBatches, readServerSentEvents, type ServerSentEvent } from '../../nodes/Cartesia/transport/sse';

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

	describe('a stream cut into two chunks at every position gives the same events', () => {
		const streams: Record<string, string> = {
			'LF line ends': 'event: chunk\ndata: {"a":1}\n\n: comment\ndata: line 1\ndata: line 2\n\ndata:x\n\n',
			'CRLF line ends': 'event: chunk\r\ndata: {"a":1}\r\n\r\n: comment\r\ndata: line 1\r\ndata: line 2\r\n\r\ndata:x\r\n\r\n',
			'lone CR line ends': 'event: chunk\rdata: {"a":1}\r\r: comment\rdata: line 1\rdata: line 2\r\rdata:x\r\r',
		};
		const expected = [{ event: 'chunk', data: '{"a":1}' }, { data: 'line 1\nline 2' }, { data: 'x' }];
		for (const [name, text] of Object.entries(streams)) {
			it(name, async () => {
				const bytes = Buffer.from(text, 'utf8');
				for (let cut = 0; cut <= bytes.length; cut++) {
					const events = await eventsOf([bytes.subarray(0, cut), bytes.subarray(cut)]);
					expect({ cut, events }).toEqual({ cut, events: expected });
				}
			});
		}
	});

	it('reads a CRLF whose LF starts the next chunk as one line end, not two (which would end the event early)', async () => {
		expect(await eventsOf(['data: one\r', '\ndata: two\r\n\r\n'])).toEqual([{ data: 'one\ntwo' }]);
	});

	it('yields the events of one chunk together, and an event split between chunks with the chunk that ends it', async () => {
		const batches: string[][] = [];
		const chunks = ['data: 1\n\ndata: 2\n\ndata: 3', '\n\ndata: 4\n', '\n'];
		for await (const events of readServerSentEventBatches(Readable.from(chunks))) batches.push(events.map((event) => event.data));
		expect(batches).toEqual([['1', '2'], ['3'], ['4']]);
	});

	it('accepts an event of exactly the limit, whole or in pieces, and refuses one character more', async () => {
		const limit = 16 * 1024 * 1024;
		const payload = 'A'.repeat(limit - 'data: '.length);
		const read = async (chunks: string[]) => {
			const events: ServerSentEvent[] = [];
			for await (const event of readServerSentEvents(Readable.from(chunks), limit)) events.push(event);
			return events.map((event) => event.data.length);
		};
		const pieces = (text: string) => Array.from({ length: Math.ceil(text.length / 65536) }, (_, n) => text.slice(n * 65536, (n + 1) * 65536));
		// The unfinished line, `data: ` included, counts until its end arrives.
		expect(await read([...pieces(`data: ${payload}`), '\n\n'])).toEqual([payload.length]);
		await expect(read([...pieces(`data: ${payload}A`), '\n\n'])).rejects.toBeInstanceOf(EventTooLargeError);
		// Data lines already taken count too.
		await expect(read([`data: ${'B'.repeat(limit / 2)}\n`, `data: ${'C'.repeat(limit / 2 + 1)}\n`, '\n'])).rejects.toBeInstanceOf(EventTooLargeError);
	});

	it('destroys the body when an event grows past the limit', async () => {
		const body = Readable.from(['data: ', 'x'.repeat(100), 'y'.repeat(100)]);
		const reading = (async () => {
			for await (const event of readServerSentEvents(body, 150)) void event;
		})();
		await expect(reading).rejects.toBeInstanceOf(EventTooLargeError);
		expect(body.destroyed).toBe(true);
	});
});
