/**
 * The stand-in's file host (test/standin/files.ts), read as a specification: the recordings, images,
 * redirects and failures it serves for audio given by URL, without any Cartesia key.
 */
import { sniffAudio } from '../nodes/Cartesia/helpers/audioSniff';
import { useStandIn } from './helpers/cartesia';

const standIn = useStandIn();

const get = (path: string, init: RequestInit = {}) => fetch(`${standIn().url}${path}`, { redirect: 'manual', ...init });

describe('generated recordings', () => {
	it('serves a WAV with its length and type, and needs no key', async () => {
		const response = await get('/files/call.wav');
		const body = Buffer.from(await response.arrayBuffer());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('audio/wav');
		expect(Number(response.headers.get('content-length'))).toBe(body.length);
		expect(sniffAudio(body.subarray(0, 64))).toEqual({ audio: true, format: 'WAV' });
		// Two seconds of 16 kHz 16-bit mono, plus the header with the embedded text.
		expect(body.length).toBeGreaterThan(64_000);
		expect(body.toString('utf8')).toContain('This is call.');
	});

	it('serves an MP3 carrying the text it was asked for', async () => {
		const response = await get('/files/episode.mp3?text=Hello%20listeners.');
		const body = Buffer.from(await response.arrayBuffer());
		expect(response.headers.get('content-type')).toBe('audio/mpeg');
		expect(sniffAudio(body.subarray(0, 64))).toEqual({ audio: true, format: 'MP3 (ID3)' });
		expect(body.toString('utf8')).toContain('Hello listeners.');
	});

	it('makes exactly `bytes` of audio after the header', async () => {
		const small = Buffer.from(await (await get('/files/a.wav?bytes=0')).arrayBuffer());
		const big = Buffer.from(await (await get('/files/a.wav?bytes=1000000')).arrayBuffer());
		expect(big.length - small.length).toBe(1_000_000);
	});

	it('announces a huge file without generating it until it is read', async () => {
		const controller = new AbortController();
		const response = await get('/files/huge.wav?bytes=3000000000', { signal: controller.signal });
		expect(Number(response.headers.get('content-length'))).toBeGreaterThan(3_000_000_000);
		controller.abort();
		await response.body?.cancel().catch(() => undefined);
	});

	it('leaves out Content-Length when asked, so the size shows only while streaming', async () => {
		const response = await get('/files/a.wav?chunked=1');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(64_000);
	});

	it('sends the Content-Type and Content-Disposition it is told to, or no type at all', async () => {
		const named = await get('/files/a.wav?type=application/octet-stream&disposition=Voicemail%2042.wav');
		expect(named.headers.get('content-type')).toBe('application/octet-stream');
		expect(named.headers.get('content-disposition')).toBe('attachment; filename="Voicemail 42.wav"');
		await named.arrayBuffer();
		const untyped = await get('/files/a.wav?type=none');
		expect(untyped.headers.get('content-type')).toBeNull();
		await untyped.arrayBuffer();
	});
});

describe('files that are not audio', () => {
	it('serves a PNG image', async () => {
		const response = await get('/files/photo.png');
		const body = Buffer.from(await response.arrayBuffer());
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(sniffAudio(body)).toEqual({ audio: false, looksLike: 'a PNG image' });
	});

	it('serves text', async () => {
		const response = await get('/files/notes.txt');
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await response.text()).toBe('This is notes, not audio.\n');
	});
});

describe('slow files', () => {
	it('waits delayMs before the headers', async () => {
		const started = Date.now();
		const response = await get('/files/a.wav?delayMs=300');
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		await response.arrayBuffer();
	});

	it('pauses chunkDelayMs before every chunk after the first', async () => {
		const response = await get('/files/a.wav?seconds=6&chunkDelayMs=100');
		const started = Date.now();
		await response.arrayBuffer();
		// 6 s of 16 kHz 16-bit audio is about 192 kB: three chunks or more, so two pauses or more.
		expect(Date.now() - started).toBeGreaterThanOrEqual(180);
	});

	it('records a download the client abandoned', async () => {
		const controller = new AbortController();
		const response = await get('/files/a.wav?seconds=60&chunkDelayMs=200', { signal: controller.signal });
		const reader = response.body!.getReader();
		await reader.read();
		controller.abort();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(standIn().requests[0].rejection).toBe('the client went away during the file');
	});
});

describe('redirects and failures', () => {
	it('redirects n times, keeping the query, then serves the file', async () => {
		let path = '/files/redirect/3/call.wav?text=Hi.';
		const hops: string[] = [];
		for (;;) {
			const response = await get(path);
			if (response.status !== 302) {
				expect(response.status).toBe(200);
				expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toContain('Hi.');
				break;
			}
			await response.arrayBuffer();
			path = response.headers.get('location')!;
			hops.push(path);
		}
		expect(hops).toEqual(['/files/redirect/2/call.wav?text=Hi.', '/files/redirect/1/call.wav?text=Hi.', '/files/call.wav?text=Hi.']);
	});

	it('answers 404 for a file it does not have, and any status it is asked for', async () => {
		expect((await get('/files/missing.flac')).status).toBe(404);
		expect((await get('/files/nested/path.wav')).status).toBe(404);
		const failing = await get('/files/status/503');
		expect(failing.status).toBe(503);
		expect(await failing.text()).toBe('The file host answered 503\n');
	});

	it('refuses methods other than GET and HEAD', async () => {
		const response = await get('/files/a.wav', { method: 'POST', body: 'x' });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET, HEAD');
	});
});

describe('what it records', () => {
	it('records file requests with their headers, outside the Cartesia counters', async () => {
		await (await get('/files/a.wav', { headers: { 'x-probe': 'yes' } })).arrayBuffer();
		expect(standIn().requests).toHaveLength(1);
		expect(standIn().requests[0]).toMatchObject({ method: 'GET', path: '/files/a.wav', status: 200 });
		expect(standIn().requests[0].headers['x-probe']).toBe('yes');
		expect(standIn().maxInFlight).toBe(0);
	});

	it('does not take a fault meant for Cartesia', async () => {
		standIn().inject({ kind: 'status', status: 500 });
		expect((await get('/files/a.wav')).status).toBe(200);
		const status = await fetch(`${standIn().url}/`);
		expect(status.status).toBe(500);
	});
});
