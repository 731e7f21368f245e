/**
 * The stand-in's faults for the reliability suite (test/reliability), read as a specification:
 * uploads cut short, oversized JSON answers, and SSE streams that break or carry the unexpected.
 */
import { useStandIn } from '../helpers/cartesia';
import { UNKNOWN_SSE_FRAMES } from './sse';

const standIn = useStandIn();

const VERSION = '2025-11-04';

function call(path: string, init: { json?: unknown; form?: FormData } = {}): Promise<Response> {
	const headers: Record<string, string> = { 'Cartesia-Version': VERSION, Authorization: `Bearer ${standIn().apiKey}` };
	let body: RequestInit['body'];
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	} else if (init.form) {
		body = init.form;
	}
	return fetch(`${standIn().url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body });
}

const sseRequest = (): Record<string, unknown> => ({
	model_id: 'sonic-3',
	transcript: 'Hello from the stand-in',
	voice: { mode: 'id', id: standIn().voices()[0].id },
	output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 },
});

/** Every `data:` payload of a stream, in order, and whether the text ended on a frame boundary. */
async function sseData(response: Response): Promise<{ data: string[]; text: string }> {
	const text = await response.text();
	const data = text
		.split('\n')
		.filter((line) => line.startsWith('data: '))
		.map((line) => line.slice(6));
	return { data, text };
}

function sttForm(bytes: number): FormData {
	const form = new FormData();
	form.append('file', new Blob([Buffer.alloc(bytes, 1)], { type: 'audio/wav' }), 'big.wav');
	form.append('model', 'ink-whisper');
	return form;
}

describe('reset-mid-upload', () => {
	test('cuts the connection once afterBytes of the body have arrived, and records how many did', async () => {
		standIn().inject({ kind: 'reset-mid-upload', afterBytes: 64 * 1024 });
		await expect(call('/stt', { form: sttForm(4 * 1024 * 1024) })).rejects.toThrow();
		const [request] = standIn().requests;
		expect(request).toMatchObject({ path: '/stt', status: 0, fault: 'reset-mid-upload' });
		expect(request.bodyBytesBeforeReset).toBeGreaterThanOrEqual(64 * 1024);
		expect(request.bodyBytesBeforeReset).toBeLessThan(4 * 1024 * 1024);
		const next = await call('/stt', { form: sttForm(1000) });
		expect(next.status).toBe(200);
	});
});

describe('huge-json', () => {
	test('pads the real answer to about the size asked, chunked, without Content-Length', async () => {
		standIn().inject({ kind: 'huge-json', bytes: 3 * 1024 * 1024 });
		const voice = standIn().voices()[0];
		const response = await call(`/voices/${voice.id}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBeNull();
		const text = await response.text();
		expect(Math.abs(text.length - 3 * 1024 * 1024)).toBeLessThan(100);
		const json = JSON.parse(text) as Record<string, unknown>;
		expect(json).toMatchObject({ id: voice.id, name: voice.name });
		expect(json.padding).toMatch(/^x+$/);
	});

	test('leaves error answers alone', async () => {
		standIn().inject({ kind: 'huge-json', bytes: 1024 * 1024 });
		const response = await call('/voices/not-a-voice');
		expect(response.status).toBe(404);
		expect((await response.text()).length).toBeLessThan(1000);
	});
});

describe('sse faults of the reliability suite', () => {
	test('sse-truncated sends N events, then half an event with no line end, then ends', async () => {
		standIn().inject({ kind: 'sse-truncated', afterEvents: 2 });
		const { data, text } = await sseData(await call('/tts/sse', { json: sseRequest() }));
		expect(data).toHaveLength(3);
		expect(data[2]).toBe('{"type":"chunk","data":"AAAA');
		expect(text.endsWith('AAAA')).toBe(true);
	});

	test('sse-no-done sends every event but done, and ends cleanly', async () => {
		const whole = await sseData(await call('/tts/sse', { json: sseRequest() }));
		standIn().inject({ kind: 'sse-no-done' });
		const { data, text } = await sseData(await call('/tts/sse', { json: sseRequest() }));
		expect(data).toEqual(whole.data.slice(0, -1));
		expect(JSON.parse(whole.data.at(-1)!)).toMatchObject({ done: true });
		expect(data.some((payload) => (JSON.parse(payload) as { done?: boolean }).done === true)).toBe(false);
		expect(text.endsWith('\n\n')).toBe(true);
		expect(standIn().requests[1]).toMatchObject({ status: 200, fault: 'sse-no-done' });
	});

	test('sse-unknown-events puts a comment, a ping and an unknown type before every event', async () => {
		const whole = await sseData(await call('/tts/sse', { json: sseRequest() }));
		standIn().inject({ kind: 'sse-unknown-events' });
		const { data, text } = await sseData(await call('/tts/sse', { json: sseRequest() }));
		const known = data.filter((payload) => !/"type":"(ping|flush_done)"/.test(payload));
		expect(known).toEqual(whole.data);
		expect(data).toHaveLength(whole.data.length * 3);
		expect(text.startsWith(UNKNOWN_SSE_FRAMES)).toBe(true);
		expect(text).toContain('event: ping\n');
	});

	test('sse-long-line sends `data: ` and `chars` characters with no line end, then ends', async () => {
		standIn().inject({ kind: 'sse-long-line', chars: 1_000_000, afterEvents: 1 });
		const { data, text } = await sseData(await call('/tts/sse', { json: sseRequest() }));
		expect(data).toHaveLength(2);
		expect(data[1]).toBe('A'.repeat(1_000_000));
		expect(text.endsWith('A')).toBe(true);
	});

	test('the new sse faults wait for an SSE request', async () => {
		standIn().inject({ kind: 'sse-no-done' });
		expect((await call('/voices')).status).toBe(200);
		expect(standIn().requests[0].fault).toBeUndefined();
	});
});
