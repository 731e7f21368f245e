/**
 * The local Cartesia stand-in, read as a specification: what it accepts, what it refuses (and says why),
 * what it answers, and the faults it can inject.
 */
import { connect } from 'node:net';

import type { ApiVersion } from '../nodes/Cartesia/versions';
import { type StandIn, TRANSCRIPT_MARKER, startStandIn } from './standin';

let standIn: StandIn;

beforeAll(async () => {
	standIn = await startStandIn();
});

afterAll(async () => {
	await standIn.close();
});

beforeEach(() => {
	standIn.reset();
});

// ---- helpers ------------------------------------------------------------------------------------

const LATEST: ApiVersion = '2025-11-04';

function authHeaders(version: ApiVersion, key = standIn.apiKey): Record<string, string> {
	return version === '2024-11-13' ? { 'X-API-Key': key } : { Authorization: `Bearer ${key}` };
}

interface CallOptions {
	method?: string;
	version?: ApiVersion | null;
	/** Replace the default auth headers (pass {} to send none). */
	auth?: Record<string, string>;
	headers?: Record<string, string>;
	json?: unknown;
	form?: FormData;
	body?: string | Buffer;
	signal?: AbortSignal;
}

function call(path: string, options: CallOptions = {}): Promise<Response> {
	const version = options.version === undefined ? LATEST : options.version;
	const headers: Record<string, string> = {};
	if (version !== null) {
		headers['Cartesia-Version'] = version;
		Object.assign(headers, options.auth ?? authHeaders(version));
	}
	let body: RequestInit['body'];
	if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		body = options.form;
	} else if (options.body !== undefined) {
		body = options.body;
	}
	Object.assign(headers, options.headers);
	const method = options.method ?? (body === undefined ? 'GET' : 'POST');
	return fetch(`${standIn.url}${path}`, { method, headers, body, signal: options.signal });
}

/** Why the stand-in refused the last request. */
function lastRejection(): string | undefined {
	return standIn.requests[standIn.requests.length - 1]?.rejection;
}

/** The refusal reached the client (JSON `message` or `Title: Message` text) and was recorded. */
async function expectRejected(response: Response, status: number, message: string): Promise<void> {
	const text = await response.text();
	const said = response.headers.get('content-type') === 'application/json' ? (JSON.parse(text) as { message: string }).message : text;
	expect({ status: response.status, said, rejection: lastRejection() }).toEqual({
		status,
		said: expect.stringContaining(message),
		rejection: expect.stringContaining(message),
	});
}

const voiceId = (): string => standIn.voices()[0].id;

function ttsRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		model_id: 'sonic-3',
		transcript: 'Hello from the stand-in',
		voice: { mode: 'id', id: voiceId() },
		output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 16000 },
		...overrides,
	};
}

async function bytesOf(response: Response): Promise<Buffer> {
	return Buffer.from(await response.arrayBuffer());
}

function audioForm(fields: Record<string, string | string[]>, files: Record<string, { data: Buffer; name?: string; type?: string }>): FormData {
	const form = new FormData();
	for (const [name, file] of Object.entries(files)) {
		form.append(name, new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name ?? `${name}.bin`);
	}
	for (const [name, value] of Object.entries(fields)) {
		for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
	}
	return form;
}

/** A multipart body built by hand, for parts FormData cannot produce. */
function handMadeMultipart(parts: Array<{ name: string; filename?: string; type?: string; data: string }>): { body: string; contentType: string } {
	const boundary = 'standinboundary42';
	const body = parts
		.map((part) => {
			const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
			const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
			return `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n${part.data}\r\n`;
		})
		.join('') + `--${boundary}--\r\n`;
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

interface SseFrame {
	event?: string;
	data: string;
}

function sseFrames(text: string): SseFrame[] {
	return text
		.split('\n\n')
		.filter((block) => block.trim() !== '')
		.map((block) => {
			const frame: SseFrame = { data: '' };
			for (const line of block.split('\n')) {
				if (line.startsWith('event: ')) frame.event = line.slice(7);
				if (line.startsWith('data: ')) frame.data = line.slice(6);
			}
			return frame;
		});
}

/** An independent reading of a WAV header, to check the stand-in's. */
function parseWav(buffer: Buffer): { format: number; channels: number; sampleRate: number; byteRate: number; blockAlign: number; bits: number; dataSize: number; dataOffset: number; comment?: string; riffSize: number } {
	expect(buffer.toString('latin1', 0, 4)).toBe('RIFF');
	expect(buffer.toString('latin1', 8, 12)).toBe('WAVE');
	let offset = 12;
	const info: Partial<ReturnType<typeof parseWav>> = { riffSize: buffer.readUInt32LE(4) };
	while (offset < buffer.length) {
		const id = buffer.toString('latin1', offset, offset + 4);
		const size = buffer.readUInt32LE(offset + 4);
		if (id === 'fmt ') {
			info.format = buffer.readUInt16LE(offset + 8);
			info.channels = buffer.readUInt16LE(offset + 10);
			info.sampleRate = buffer.readUInt32LE(offset + 12);
			info.byteRate = buffer.readUInt32LE(offset + 16);
			info.blockAlign = buffer.readUInt16LE(offset + 20);
			info.bits = buffer.readUInt16LE(offset + 22);
		}
		if (id === 'LIST') {
			const text = buffer.toString('utf8', offset + 12, offset + 8 + size);
			const at = text.indexOf('ICMT');
			if (at >= 0) {
				const length = Buffer.from(text.slice(at + 4, at + 8), 'utf8').readUInt32LE(0);
				info.comment = text.slice(at + 8, at + 8 + length).replace(/\0+$/, '');
			}
		}
		if (id === 'data') {
			info.dataSize = size;
			info.dataOffset = offset + 8;
			break;
		}
		offset += 8 + size + (size % 2);
	}
	return info as ReturnType<typeof parseWav>;
}

async function transcribe(audio: Buffer, filename: string, options: { version?: ApiVersion; query?: string; words?: boolean } = {}): Promise<Record<string, unknown>> {
	const form = audioForm(
		{ model: 'ink-whisper', ...(options.words ? { 'timestamp_granularities[]': 'word' } : {}) },
		{ file: { data: audio, name: filename } },
	);
	const response = await call(`/stt${options.query ?? ''}`, { form, version: options.version });
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown>;
}

// ---- routing and versions -----------------------------------------------------------------------

describe('routing', () => {
	test('GET / needs no auth and answers { ok, version }', async () => {
		const response = await call('/', { auth: {}, version: '2025-04-16' });
		expect(await response.json()).toEqual({ ok: true, version: '2025-04-16' });
	});

	test('GET / works without a Cartesia-Version header but checks one if sent', async () => {
		expect((await call('/', { version: null })).status).toBe(200);
		const response = await call('/', { version: null, headers: { 'Cartesia-Version': '2023-01-01' } });
		await expectRejected(response, 400, 'Cartesia-Version "2023-01-01" is not one of 2024-11-13, 2025-04-16, 2025-11-04, 2026-03-01');
	});

	test('an unknown path is 404', async () => {
		await expectRejected(await call('/voices/clone/extra'), 404, 'no endpoint at /voices/clone/extra');
	});

	test('a wrong method is 405 with Allow', async () => {
		const response = await call('/tts/bytes', { method: 'GET' });
		expect(response.headers.get('allow')).toBe('POST');
		await expectRejected(response, 405, 'GET is not allowed on /tts/bytes');
	});

	test('every endpoint except GET / needs a Cartesia-Version header', async () => {
		const response = await call('/voices', { version: null, auth: {}, headers: { Authorization: `Bearer ${standIn.apiKey}` } });
		await expectRejected(response, 400, 'missing Cartesia-Version header');
	});

	test('Mix and Create exist only for 2024-11-13', async () => {
		const mix = await call('/voices/mix', { version: '2025-04-16', json: { voices: [] } });
		await expectRejected(mix, 404, 'POST /voices/mix does not exist in Cartesia-Version 2025-04-16');
		const create = await call('/voices/', { version: '2026-03-01', json: {} });
		await expectRejected(create, 404, 'POST /voices/ does not exist in Cartesia-Version 2026-03-01');
	});
});

describe('error bodies', () => {
	test('2026-03-01 answers JSON { error_code, title, message, request_id, doc_url } with the x-request-id', async () => {
		const response = await call('/voices/not-a-voice', { version: '2026-03-01' });
		const body = (await response.json()) as Record<string, unknown>;
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(body).toEqual({
			error_code: 'not_found',
			title: 'Not Found',
			message: 'voice "not-a-voice" not found',
			request_id: response.headers.get('x-request-id'),
			doc_url: expect.stringContaining('docs.cartesia.ai'),
		});
	});

	test('older versions answer plain text "Title: Message"', async () => {
		const response = await call('/voices/not-a-voice', { version: '2025-11-04' });
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await response.text()).toBe('Not Found: voice "not-a-voice" not found');
	});

	test('every response carries a fresh x-request-id', async () => {
		const first = await call('/voices');
		const second = await call('/voices');
		expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
	});

	test('one 400 names every problem, unknown fields first', async () => {
		const response = await call('/tts/bytes', { json: { modelId: 'sonic-3', transcript: 'hi', voice: { mode: 'id', id: voiceId() }, output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 } } });
		await expectRejected(response, 400, 'unknown field "modelId"; field "model_id" is required');
	});
});

// ---- auth ---------------------------------------------------------------------------------------

describe('auth by version', () => {
	test('2024-11-13 authenticates with X-API-Key', async () => {
		expect((await call('/voices', { version: '2024-11-13' })).status).toBe(200);
	});

	test('2024-11-13 refuses Authorization: Bearer', async () => {
		const response = await call('/voices', { version: '2024-11-13', auth: { Authorization: `Bearer ${standIn.apiKey}` } });
		await expectRejected(response, 401, 'Cartesia-Version 2024-11-13 authenticates with the X-API-Key header');
	});

	test.each(['2025-04-16', '2025-11-04', '2026-03-01'] as const)('%s authenticates with Authorization: Bearer and refuses X-API-Key', async (version) => {
		expect((await call('/voices', { version })).status).toBe(200);
		const response = await call('/voices', { version, auth: { 'X-API-Key': standIn.apiKey } });
		await expectRejected(response, 401, 'do not send an X-API-Key header');
	});

	test('a wrong key is 401', async () => {
		await expectRejected(await call('/voices', { auth: { Authorization: 'Bearer sk_wrong' } }), 401, 'invalid API key or access token');
	});

	test('a missing key is 401', async () => {
		await expectRejected(await call('/voices', { auth: {} }), 401, 'missing Authorization header');
	});
});

describe('access tokens', () => {
	async function mint(body: unknown, version: ApiVersion = LATEST): Promise<string> {
		const response = await call('/access-token', { json: body, version });
		expect(response.status).toBe(200);
		return ((await response.json()) as { token: string }).token;
	}

	test('a tts token works on /tts/bytes and /tts/sse', async () => {
		const token = await mint({ grants: { tts: true } });
		const auth = { Authorization: `Bearer ${token}` };
		expect((await call('/tts/bytes', { auth, json: ttsRequest() })).status).toBe(200);
		const sse = await call('/tts/sse', { auth, json: ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 8000 } }) });
		expect(sse.status).toBe(200);
		await sse.text();
	});

	test('a tts token is refused on /stt (no stt grant)', async () => {
		const token = await mint({ grants: { tts: true } });
		const form = audioForm({ model: 'ink-whisper' }, { file: { data: Buffer.from('abc'), name: 'a.wav' } });
		const response = await call('/stt', { auth: { Authorization: `Bearer ${token}` }, form });
		await expectRejected(response, 401, 'the access token lacks the "stt" grant');
	});

	test('a token is refused on endpoints that take only the API key', async () => {
		const token = await mint({ grants: { tts: true, stt: true } });
		const response = await call('/voices', { auth: { Authorization: `Bearer ${token}` } });
		await expectRejected(response, 401, 'access tokens are not accepted on GET /voices');
	});

	test('a token cannot mint another token', async () => {
		const token = await mint({ grants: { tts: true } });
		const response = await call('/access-token', { auth: { Authorization: `Bearer ${token}` }, json: {} });
		await expectRejected(response, 401, 'access tokens are not accepted on POST /access-token');
	});

	test('the agent grant arrives with 2025-11-04', async () => {
		await mint({ grants: { agent: true } }, '2025-11-04');
		const response = await call('/access-token', { version: '2025-04-16', json: { grants: { agent: true } } });
		await expectRejected(response, 400, 'field "grants.agent" is not accepted by Cartesia-Version 2025-04-16');
	});

	test('expires_in must be an integer 1..3600', async () => {
		await expectRejected(await call('/access-token', { json: { expires_in: 3601 } }), 400, 'field "expires_in" must be an integer 1..3600');
		await expectRejected(await call('/access-token', { json: { expires_in: 1.5 } }), 400, 'field "expires_in" must be an integer 1..3600');
	});

	test('a token expires', async () => {
		const token = await mint({ grants: { tts: true }, expires_in: 1 });
		await new Promise((resolve) => setTimeout(resolve, 1050));
		const response = await call('/tts/bytes', { auth: { Authorization: `Bearer ${token}` }, json: ttsRequest() });
		await expectRejected(response, 401, 'the access token has expired');
	});
});

// ---- voices -------------------------------------------------------------------------------------

describe('voices list', () => {
	test('the default page is 10 voices with has_more and next_page = last id', async () => {
		const page = (await (await call('/voices')).json()) as { data: Array<{ id: string }>; has_more: boolean; next_page: string };
		expect(page.data).toHaveLength(10);
		expect(page.has_more).toBe(true);
		expect(page.next_page).toBe(page.data[9].id);
	});

	test('pages of 100 follow starting_after through all 330 voices without duplicates', async () => {
		const seen: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		for (;;) {
			const query = `?limit=100${cursor ? `&starting_after=${cursor}` : ''}`;
			const page = (await (await call(`/voices${query}`)).json()) as { data: Array<{ id: string }>; has_more: boolean; next_page: string | null };
			pages++;
			seen.push(...page.data.map((voice) => voice.id));
			if (!page.has_more) {
				expect(page.next_page).toBeNull();
				break;
			}
			cursor = page.data[page.data.length - 1].id;
		}
		expect(pages).toBe(4);
		expect(new Set(seen).size).toBe(330);
		expect(seen).toEqual(standIn.voices().map((voice) => voice.id));
	});

	test('ending_before walks back to the previous page', async () => {
		const ids = standIn.voices().map((voice) => voice.id);
		const page = (await (await call(`/voices?limit=5&ending_before=${ids[20]}`)).json()) as { data: Array<{ id: string }>; has_more: boolean };
		expect(page.data.map((voice) => voice.id)).toEqual(ids.slice(15, 20));
		expect(page.has_more).toBe(true);
	});

	test('GET /voices/ (trailing slash, as PY2 sends it) lists too', async () => {
		expect((await call('/voices/?limit=1', { version: '2024-11-13' })).status).toBe(200);
	});

	test('seed voices are the same on every reset', async () => {
		const before = standIn.voices().map((voice) => voice.id);
		standIn.reset();
		expect(standIn.voices().map((voice) => voice.id)).toEqual(before);
	});

	test('"limit" must be an integer 1..100', async () => {
		await expectRejected(await call('/voices?limit=101'), 400, 'query parameter "limit" must be an integer 1..100');
		await expectRejected(await call('/voices?limit=ten'), 400, '"limit" must be an integer 1..100');
	});

	test('expand must be sent as expand[]', async () => {
		await expectRejected(await call('/voices?expand=preview_file_url'), 400, 'query parameter "expand" must be sent as "expand[]"');
	});

	test('expand[] values follow the version', async () => {
		const legacy = (await (await call('/voices?limit=1&expand[]=embedding&expand[]=is_starred', { version: '2024-11-13' })).json()) as { data: Array<Record<string, unknown>> };
		expect(legacy.data[0].embedding).toHaveLength(192);
		expect(typeof legacy.data[0].is_starred).toBe('boolean');
		await expectRejected(await call('/voices?expand[]=embedding', { version: '2025-04-16' }), 400, 'query parameter "expand[]" value "embedding" is not accepted by Cartesia-Version 2025-04-16');
		const modern = (await (await call('/voices?limit=1&expand%5B%5D=preview_file_url')).json()) as { data: Array<Record<string, unknown>> };
		expect(modern.data[0].preview_file_url).toBe(`${standIn.url}/voices/${modern.data[0].id}/preview`);
	});

	test('the query is recorded as raw decoded pairs in order', async () => {
		await call('/voices?expand%5B%5D=preview_file_url&limit=3&expand[]=preview_file_url');
		expect(standIn.requests[0].query).toEqual([['expand[]', 'preview_file_url'], ['limit', '3'], ['expand[]', 'preview_file_url']]);
	});

	test('is_starred filters up to 2025-04-16 only', async () => {
		const page = (await (await call('/voices?limit=100&is_starred=true&expand[]=is_starred', { version: '2025-04-16' })).json()) as { data: Array<{ is_starred: boolean }> };
		expect(page.data.length).toBeGreaterThan(0);
		expect(page.data.every((voice) => voice.is_starred)).toBe(true);
		await expectRejected(await call('/voices?is_starred=true'), 400, 'query parameter "is_starred" is not accepted by Cartesia-Version 2025-11-04');
	});

	test('booleans are "true" or "false"', async () => {
		await expectRejected(await call('/voices?is_owner=1'), 400, 'query parameter "is_owner" must be "true" or "false"');
	});

	test('is_owner and gender filter', async () => {
		const page = (await (await call('/voices?limit=100&is_owner=true&gender=feminine')).json()) as { data: Array<{ is_owner: boolean; gender: string }> };
		expect(page.data.length).toBeGreaterThan(0);
		expect(page.data.every((voice) => voice.is_owner && voice.gender === 'feminine')).toBe(true);
	});

	test('q searches name, description and id case-insensitively, from 2025-11-04', async () => {
		const page = (await (await call('/voices?limit=100&q=NARRATOR')).json()) as { data: Array<{ name: string }> };
		expect(page.data.length).toBeGreaterThan(0);
		expect(page.data.every((voice) => /narrator/i.test(voice.name))).toBe(true);
		const target = standIn.voices()[42].id;
		const byId = (await (await call(`/voices?q=${target.slice(0, 13)}`)).json()) as { data: Array<{ id: string }> };
		expect(byId.data.map((voice) => voice.id)).toContain(target);
		await expectRejected(await call('/voices?q=narrator', { version: '2025-04-16' }), 400, 'query parameter "q" is not accepted by Cartesia-Version 2025-04-16');
	});

	test('an unknown query parameter is refused', async () => {
		await expectRejected(await call('/voices?page=2'), 400, 'unknown query parameter "page"');
	});

	test('a voice object is shaped per version', async () => {
		const first = async (version: ApiVersion): Promise<Record<string, unknown>> =>
			((await (await call('/voices?limit=1', { version })).json()) as { data: Array<Record<string, unknown>> }).data[0];
		expect(Object.keys(await first('2024-11-13'))).toEqual(['id', 'is_owner', 'name', 'description', 'created_at', 'language']);
		expect(Object.keys(await first('2025-04-16'))).toEqual(['id', 'is_owner', 'is_public', 'name', 'description', 'gender', 'created_at', 'language']);
	});
});

describe('voice get, update, delete', () => {
	test('a missing voice is 404', async () => {
		await expectRejected(await call('/voices/00000000-0000-4000-8000-000000000000'), 404, 'voice "00000000-0000-4000-8000-000000000000" not found');
	});

	test('GET /voices/{id} takes expand[] only from 2025-11-04', async () => {
		const id = voiceId();
		const voice = (await (await call(`/voices/${id}?expand[]=preview_file_url`)).json()) as Record<string, unknown>;
		expect(voice.preview_file_url).toContain(id);
		await expectRejected(await call(`/voices/${id}?expand[]=preview_file_url`, { version: '2025-04-16' }), 400, 'query parameter "expand[]" is not accepted by Cartesia-Version 2025-04-16');
	});

	test('2024-11-13 update requires name and description', async () => {
		const response = await call(`/voices/${voiceId()}`, { method: 'PATCH', version: '2024-11-13', json: { name: 'Renamed' } });
		await expectRejected(response, 400, 'field "description" is required by Cartesia-Version 2024-11-13');
	});

	test('gender on update arrives with 2025-04-16, and null resets it', async () => {
		const id = voiceId();
		const refused = await call(`/voices/${id}`, { method: 'PATCH', version: '2024-11-13', json: { name: 'A', description: 'B', gender: 'feminine' } });
		await expectRejected(refused, 400, 'field "gender" is not accepted by Cartesia-Version 2024-11-13');
		const updated = await call(`/voices/${id}`, { method: 'PATCH', version: '2025-04-16', json: { gender: null } });
		expect(await updated.json()).toMatchObject({ id, gender: null });
		expect(standIn.voices()[0].gender).toBeNull();
	});

	test('update changes the stored voice', async () => {
		const id = voiceId();
		const response = await call(`/voices/${id}`, { method: 'PATCH', json: { name: 'Renamed', gender: 'gender_neutral' } });
		expect(await response.json()).toMatchObject({ id, name: 'Renamed', gender: 'gender_neutral' });
		expect(standIn.voices()[0]).toMatchObject({ name: 'Renamed', gender: 'gender_neutral' });
	});

	test('update refuses an unknown gender', async () => {
		await expectRejected(await call(`/voices/${voiceId()}`, { method: 'PATCH', json: { gender: 'male' } }), 400, 'field "gender" must be one of masculine, feminine, gender_neutral or null');
	});

	test('delete answers 204 and the voice is gone', async () => {
		const id = voiceId();
		const response = await call(`/voices/${id}`, { method: 'DELETE' });
		expect(response.status).toBe(204);
		expect(response.headers.get('x-request-id')).toBeTruthy();
		expect((await call(`/voices/${id}`)).status).toBe(404);
	});
});

describe('clone', () => {
	const clip = { data: Buffer.from('RIFF fake clip'), name: 'clip.wav', type: 'audio/wav' };

	test('a clone answers VoiceMetadata and joins the store as an owned voice', async () => {
		const response = await call('/voices/clone', { form: audioForm({ name: 'My Clone', language: 'en', description: 'mine' }, { clip }) });
		const body = (await response.json()) as Record<string, unknown>;
		expect(Object.keys(body).sort()).toEqual(['created_at', 'description', 'id', 'is_public', 'language', 'name', 'user_id']);
		const stored = standIn.voices().find((voice) => voice.id === body.id);
		expect(stored).toMatchObject({ name: 'My Clone', isOwner: true });
		expect(standIn.requests[0].files).toEqual([{ field: 'clip', filename: 'clip.wav', contentType: 'audio/wav', size: clip.data.length }]);
		expect(standIn.requests[0].fields).toEqual([['name', 'My Clone'], ['language', 'en'], ['description', 'mine']]);
	});

	test('mode is required in 2024-11-13 and refused later', async () => {
		await expectRejected(await call('/voices/clone', { version: '2024-11-13', form: audioForm({ name: 'A', language: 'en' }, { clip }) }), 400, 'multipart field "mode" is required by Cartesia-Version 2024-11-13');
		await expectRejected(await call('/voices/clone', { form: audioForm({ name: 'A', language: 'en', mode: 'similarity' }, { clip }) }), 400, 'multipart field "mode" is not accepted by Cartesia-Version 2025-11-04');
	});

	test('enhance is accepted up to 2025-04-16, as "true"/"false"', async () => {
		expect((await call('/voices/clone', { version: '2025-04-16', form: audioForm({ name: 'A', language: 'en', enhance: 'true' }, { clip }) })).status).toBe(200);
		await expectRejected(await call('/voices/clone', { version: '2025-04-16', form: audioForm({ name: 'A', language: 'en', enhance: 'yes' }, { clip }) }), 400, 'multipart field "enhance" must be "true" or "false"');
		await expectRejected(await call('/voices/clone', { form: audioForm({ name: 'A', language: 'en', enhance: 'true' }, { clip }) }), 400, 'multipart field "enhance" is not accepted by Cartesia-Version 2025-11-04');
	});

	test('the clip must be a file part with a filename', async () => {
		await expectRejected(await call('/voices/clone', { form: audioForm({ name: 'A', language: 'en', clip: 'not a file' }, {}) }), 400, 'multipart file "clip" must be a file part with a filename; it arrived as a text field');
		const handMade = handMadeMultipart([
			{ name: 'clip', filename: '', type: 'application/octet-stream', data: 'audio' },
			{ name: 'name', data: 'A' },
			{ name: 'language', data: 'en' },
		]);
		await expectRejected(await call('/voices/clone', { body: handMade.body, headers: { 'Content-Type': handMade.contentType } }), 400, 'multipart file "clip" must have a filename');
	});

	test('a JSON body is refused where multipart is expected', async () => {
		await expectRejected(await call('/voices/clone', { json: { name: 'A' } }), 400, 'Content-Type must be multipart/form-data for POST /voices/clone; got "application/json"');
	});

	test('a field sent twice is refused', async () => {
		await expectRejected(await call('/voices/clone', { form: audioForm({ name: ['A', 'B'], language: 'en' }, { clip }) }), 400, 'multipart field "name" was sent 2 times');
	});
});

describe('localize', () => {
	const base = (): Record<string, unknown> => ({ voice_id: voiceId(), name: 'Local', description: 'localized', language: 'es', original_speaker_gender: 'female' });

	test('localize answers VoiceMetadata for a new owned voice', async () => {
		const body = (await (await call('/voices/localize', { json: { ...base(), dialect: 'mx' } })).json()) as Record<string, unknown>;
		expect(body).toMatchObject({ name: 'Local', language: 'es', is_public: false });
		expect(standIn.voices().at(-1)).toMatchObject({ id: body.id, isOwner: true, gender: 'feminine' });
	});

	test('dialect is accepted only for en, es, pt, fr with their values', async () => {
		await expectRejected(await call('/voices/localize', { json: { ...base(), language: 'de', dialect: 'us' } }), 400, 'field "dialect" is only accepted when "language" is en, es, pt, fr');
		await expectRejected(await call('/voices/localize', { json: { ...base(), dialect: 'us' } }), 400, 'field "dialect" must be one of mx, pe for language "es"');
	});

	test('ar, he, ta, te, th are targets from 2025-11-04', async () => {
		await expectRejected(await call('/voices/localize', { version: '2025-04-16', json: { ...base(), language: 'ar' } }), 400, 'field "language" value "ar" is not accepted by Cartesia-Version 2025-04-16');
		expect((await call('/voices/localize', { json: { ...base(), language: 'ar' } })).status).toBe(200);
	});

	test('localizing a missing voice is 404', async () => {
		await expectRejected(await call('/voices/localize', { json: { ...base(), voice_id: 'nope' } }), 404, 'voice "nope" not found');
	});
});

describe('mix and create (2024-11-13, sunset 2026-06-01)', () => {
	const v = '2024-11-13';

	test('mix answers a 192-number embedding', async () => {
		const [a, b] = standIn.voices();
		const response = await call('/voices/mix', { version: v, json: { voices: [{ id: a.id, weight: 0.5 }, { embedding: b.embedding, weight: 0.5 }] } });
		const body = (await response.json()) as { embedding: number[] };
		expect(body.embedding).toHaveLength(192);
		expect(body.embedding[0]).toBeCloseTo((a.embedding[0] + b.embedding[0]) / 2, 5);
	});

	test('mix needs at least 2 voices and 192-number embeddings', async () => {
		await expectRejected(await call('/voices/mix', { version: v, json: { voices: [{ id: voiceId(), weight: 1 }] } }), 400, 'field "voices" must list at least 2 voices');
		await expectRejected(await call('/voices/mix', { version: v, json: { voices: [{ id: voiceId(), weight: 1 }, { embedding: [1, 2], weight: 1 }] } }), 400, 'field "voices[1].embedding" must be an array of 192 numbers');
	});

	test('create adds a voice from an embedding', async () => {
		const embedding = standIn.voices()[3].embedding;
		const response = await call('/voices', { version: v, json: { name: 'Made', description: 'from embedding', embedding, language: 'fr' } });
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ name: 'Made', language: 'fr', is_owner: true });
		expect(standIn.voices().at(-1)?.id).toBe(body.id);
	});

	test('once retired, mix and create answer 410 endpoint_sunsetted pointing to Clone', async () => {
		standIn.setRetired(true);
		const response = await call('/voices/mix', { version: v, json: { voices: [] } });
		await expectRejected(response, 410, 'was retired on 2026-06-01; use Clone (POST /voices/clone) instead');
		const create = await call('/voices/', { version: v, json: {} });
		expect(create.status).toBe(410);
	});
});

// ---- TTS ----------------------------------------------------------------------------------------

describe('tts bytes', () => {
	test.each([
		['pcm_s16le', 1, 2],
		['pcm_f32le', 3, 4],
		['pcm_alaw', 6, 1],
		['pcm_mulaw', 7, 1],
	] as const)('WAV %s has format code %i and a consistent RIFF header', async (encoding, code, width) => {
		const response = await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'wav', encoding, sample_rate: 22050 } }) });
		expect(response.headers.get('content-type')).toBe('audio/wav');
		const wav = await bytesOf(response);
		const info = parseWav(wav);
		expect(info).toMatchObject({ format: code, channels: 1, sampleRate: 22050, byteRate: 22050 * width, blockAlign: width, bits: width * 8 });
		expect(info.comment).toBe('Hello from the stand-in');
		expect(info.dataOffset + info.dataSize + (info.dataSize % 2)).toBe(wav.length);
		expect(info.riffSize).toBe(wav.length - 8);
	});

	test('audio lasts about 60 ms per character', async () => {
		const transcript = 'x'.repeat(50);
		const info = parseWav(await bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript }) })));
		expect(info.dataSize / info.byteRate).toBeCloseTo(3, 2);
	});

	test('mp3 starts with an ID3 tag carrying the transcript, then MPEG frames', async () => {
		const response = await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'mp3', sample_rate: 44100, bit_rate: 128000 } }) });
		expect(response.headers.get('content-type')).toBe('audio/mpeg');
		const mp3 = await bytesOf(response);
		expect(mp3.toString('latin1', 0, 3)).toBe('ID3');
		const tagSize = (mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9];
		expect(mp3.subarray(0, 10 + tagSize).toString('utf8')).toContain('Hello from the stand-in');
		expect(mp3[10 + tagSize]).toBe(0xff);
		expect(mp3[11 + tagSize] & 0xe0).toBe(0xe0);
	});

	test('raw ends with the transcript trailer', async () => {
		const response = await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_f32le', sample_rate: 8000 } }) });
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		const raw = await bytesOf(response);
		const trailer = `${TRANSCRIPT_MARKER}${Buffer.from('Hello from the stand-in').toString('base64')}\n`;
		expect(raw.subarray(raw.length - trailer.length).toString('latin1')).toBe(trailer);
		expect((raw.length - trailer.length) % 4).toBe(0);
	});

	test('setGeneratedAudioBytes fixes the audio length exactly', async () => {
		standIn.setGeneratedAudioBytes(100_001);
		const info = parseWav(await bytesOf(await call('/tts/bytes', { json: ttsRequest() })));
		expect(info.dataSize).toBe(100_001);
	});

	test('output_format: wav and raw need encoding, mp3 needs bit_rate, and not the other way round', async () => {
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'wav', sample_rate: 16000 } }) }), 400, 'field "output_format.encoding" is required');
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'mp3', sample_rate: 16000 } }) }), 400, 'field "output_format.bit_rate" is required');
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'wav', encoding: 'pcm_s16le', sample_rate: 16000, bit_rate: 128000 } }) }), 400, 'field "output_format.bit_rate" is only accepted with container "mp3"');
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'mp3', sample_rate: 16000, bit_rate: 100000 } }) }), 400, 'field "output_format.bit_rate" must be one of 32000, 64000, 96000, 128000, 192000');
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: '16000' } }) }), 400, 'field "output_format.sample_rate" must be one of');
	});

	test('generation_config ranges and emotions are checked', async () => {
		expect((await call('/tts/bytes', { json: ttsRequest({ generation_config: { volume: 2, speed: 0.6, emotion: 'calm' } }) })).status).toBe(200);
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ generation_config: { speed: 2 } }) }), 400, 'field "generation_config.speed" must be a number between 0.6 and 1.5');
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ generation_config: { emotion: 'grumpy' } }) }), 400, 'field "generation_config.emotion" must be one of');
	});

	test('duration is accepted up to 2025-04-16', async () => {
		expect((await call('/tts/bytes', { version: '2025-04-16', json: ttsRequest({ duration: 1 }) })).status).toBe(200);
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ duration: 1 }) }), 400, 'field "duration" is not accepted by Cartesia-Version 2025-11-04');
	});

	test('save arrives with 2025-04-16 and answers a Cartesia-File-ID', async () => {
		const saved = await call('/tts/bytes', { json: ttsRequest({ save: true }) });
		expect(saved.headers.get('cartesia-file-id')).toMatch(/^file_/);
		await saved.arrayBuffer();
		await expectRejected(await call('/tts/bytes', { version: '2024-11-13', json: ttsRequest({ save: true }) }), 400, 'field "save" is not accepted by Cartesia-Version 2024-11-13');
	});

	test('embedding voices exist only in 2024-11-13', async () => {
		const embedding = standIn.voices()[0].embedding;
		const request = ttsRequest({ voice: { mode: 'embedding', embedding } });
		expect((await call('/tts/bytes', { version: '2024-11-13', json: request })).status).toBe(200);
		await expectRejected(await call('/tts/bytes', { version: '2025-04-16', json: request }), 400, 'field "voice.mode" value "embedding" is not accepted by Cartesia-Version 2025-04-16');
	});

	test('the voice id must exist', async () => {
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ voice: { mode: 'id', id: 'missing' } }) }), 400, 'field "voice.id": no voice with id "missing"');
	});

	test('unset fields must be left out, not sent as null', async () => {
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ language: null }) }), 400, 'field "language" must not be null');
	});

	test('SSE-only fields are unknown on /tts/bytes', async () => {
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ add_timestamps: true }) }), 400, 'unknown field "add_timestamps"');
	});

	test('the body must be declared application/json', async () => {
		await expectRejected(await call('/tts/bytes', { body: JSON.stringify(ttsRequest()), headers: { 'Content-Type': 'text/plain' } }), 400, 'Content-Type must be application/json for POST /tts/bytes; got "text/plain"');
	});
});

describe('TTS → STT round trip', () => {
	const transcript = 'The quick brown fox jumps over the lazy dog';

	test.each([
		['wav', { container: 'wav', encoding: 'pcm_s16le', sample_rate: 16000 }, 'speech.wav'],
		['mp3', { container: 'mp3', sample_rate: 24000, bit_rate: 64000 }, 'speech.mp3'],
		['raw', { container: 'raw', encoding: 'pcm_mulaw', sample_rate: 8000 }, 'speech.pcm'],
	] as const)('%s recovers the transcript', async (_name, outputFormat, filename) => {
		const audio = await bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript, output_format: outputFormat }) }));
		const result = await transcribe(audio, filename);
		expect(result).toMatchObject({ type: 'transcript', text: transcript, language: 'en', is_final: true });
		expect(result.request_id).toBe(standIn.requests[1].requestId);
	});

	test('duration comes from the WAV header', async () => {
		const audio = await bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript: 'y'.repeat(25) }) }));
		expect((await transcribe(audio, 'a.wav')).duration).toBe(1.5);
	});

	test('MP3 duration comes from its audio frames, the Info frame not counted', async () => {
		const audio = await bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript: 'x'.repeat(50), output_format: { container: 'mp3', sample_rate: 16000, bit_rate: 32000 } }) }));
		// 3 s of speech is 84 frames of 576 samples at 16 kHz.
		expect((await transcribe(audio, 'a.mp3')).duration).toBe(Math.round(((84 * 576) / 16000) * 1000) / 1000);
	});

	test('raw duration comes from the encoding and sample_rate query parameters', async () => {
		const audio = await bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript: 'z'.repeat(50), output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 } }) }));
		expect((await transcribe(audio, 'a.pcm', { query: '?encoding=pcm_s16le&sample_rate=16000' })).duration).toBe(3);
		expect((await transcribe(audio, 'a.pcm')).duration).toBeNull();
	});

	test('words are spread over the duration only when timestamp_granularities[]=word', async () => {
		const audio = await bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript: 'one two three four' }) }));
		const plain = await transcribe(audio, 'a.wav');
		expect(plain.words).toBeUndefined();
		const timed = await transcribe(audio, 'a.wav', { words: true });
		const duration = timed.duration as number;
		expect(timed.words).toEqual([
			{ word: 'one', start: 0, end: duration / 4 },
			{ word: 'two', start: duration / 4, end: duration / 2 },
			{ word: 'three', start: duration / 2, end: (3 * duration) / 4 },
			{ word: 'four', start: (3 * duration) / 4, end: duration },
		].map((w) => ({ word: w.word, start: Math.round(w.start * 1000) / 1000, end: Math.round(w.end * 1000) / 1000 })));
	});

	test('2024-11-13 answers without type, request_id, is_final', async () => {
		const audio = await bytesOf(await call('/tts/bytes', { json: ttsRequest() }));
		const result = await transcribe(audio, 'a.wav', { version: '2024-11-13' });
		expect(Object.keys(result).sort()).toEqual(['duration', 'language', 'text']);
	});

	test('audio without an embedded transcript gives ""', async () => {
		expect((await transcribe(Buffer.from('just some bytes'), 'noise.ogg')).text).toBe('');
	});
});

describe('stt request checks', () => {
	const file = { data: Buffer.from('abc'), name: 'a.wav' };

	test('timestamp_granularities must be sent as timestamp_granularities[]', async () => {
		const response = await call('/stt', { form: audioForm({ model: 'ink-whisper', timestamp_granularities: 'word' }, { file }) });
		await expectRejected(response, 400, 'multipart field "timestamp_granularities" must be sent as "timestamp_granularities[]"');
	});

	test('model must be ink-whisper or its snapshot', async () => {
		await expectRejected(await call('/stt', { form: audioForm({ model: 'whisper-1' }, { file }) }), 400, 'multipart field "model" must be one of ink-whisper, ink-whisper-2025-06-04');
	});

	test('encoding and sample_rate are query parameters and go together', async () => {
		await expectRejected(await call('/stt?encoding=pcm_s16le', { form: audioForm({ model: 'ink-whisper' }, { file }) }), 400, 'query parameters "encoding" and "sample_rate" must be sent together');
		await expectRejected(await call('/stt', { form: audioForm({ model: 'ink-whisper', encoding: 'pcm_s16le' }, { file }) }), 400, 'unknown multipart field "encoding"');
	});

	test('a large upload is streamed: the transcript at the end of 40 MB is found', async () => {
		const audio = Buffer.concat([Buffer.alloc(40 * 1024 * 1024, 1), Buffer.from(`${TRANSCRIPT_MARKER}${Buffer.from('tail text').toString('base64')}\n`)]);
		const result = await transcribe(audio, 'big.pcm', { query: '?encoding=pcm_s16le&sample_rate=16000' });
		expect(result).toMatchObject({ text: 'tail text', duration: Math.round(((40 * 1024 * 1024) / 32000) * 1000) / 1000 });
		expect(standIn.requests[0].files?.[0].size).toBe(audio.length);
	});
});

// ---- SSE ----------------------------------------------------------------------------------------

describe('tts sse', () => {
	const rawFormat = { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 };

	test('frames are "data: <json>\\n\\n": chunks with base64 audio, then done', async () => {
		const response = await call('/tts/sse', { json: ttsRequest({ output_format: rawFormat, context_id: 'ctx-1' }) });
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const text = await response.text();
		expect(text.endsWith('\n\n')).toBe(true);
		const events = sseFrames(text).map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
		const chunks = events.filter((event) => event.type === 'chunk');
		expect(chunks.length).toBeGreaterThan(1);
		expect(chunks[0]).toMatchObject({ done: false, status_code: 206, context_id: 'ctx-1', step_time: expect.any(Number) });
		expect(Buffer.from(chunks[0].data as string, 'base64').length).toBe(4096);
		expect(events[events.length - 1]).toEqual({ type: 'done', done: true, status_code: 200, context_id: 'ctx-1' });
	});

	test('the concatenated chunks round-trip through STT', async () => {
		const text = await (await call('/tts/sse', { json: ttsRequest({ output_format: rawFormat }) })).text();
		const pcm = Buffer.concat(sseFrames(text).map((frame) => JSON.parse(frame.data) as { data?: string }).filter((event) => event.data).map((event) => Buffer.from(event.data as string, 'base64')));
		expect((await transcribe(pcm, 'stream.pcm')).text).toBe('Hello from the stand-in');
	});

	test('add_timestamps sends word timestamps events covering every word', async () => {
		const text = await (await call('/tts/sse', { json: ttsRequest({ output_format: rawFormat, add_timestamps: true, add_phoneme_timestamps: true }) })).text();
		type TimestampEvent = { type: string; word_timestamps: { words: string[] }; phoneme_timestamps: { phonemes: string[] } };
		const events = sseFrames(text).map((frame) => JSON.parse(frame.data) as TimestampEvent);
		const words = events.filter((event) => event.type === 'timestamps').flatMap((event) => event.word_timestamps.words);
		expect(words).toEqual(['Hello', 'from', 'the', 'stand-in']);
		const phonemes = events.filter((event) => event.type === 'phoneme_timestamps').flatMap((event) => event.phoneme_timestamps.phonemes);
		expect(phonemes.join('')).toBe('hellofromthestandin');
	});

	test('SSE carries raw audio only', async () => {
		await expectRejected(await call('/tts/sse', { json: ttsRequest() }), 400, 'field "output_format.container" must be "raw" on POST /tts/sse');
	});
});

describe('sse faults', () => {
	const rawRequest = (): Record<string, unknown> => ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 } });

	test('sse-error on 2024-11-13 sends { type, error, done, status_code } after N events', async () => {
		standIn.inject({ kind: 'sse-error', afterEvents: 2, message: 'boom' });
		const frames = sseFrames(await (await call('/tts/sse', { version: '2024-11-13', json: rawRequest() })).text());
		expect(frames).toHaveLength(3);
		expect(frames[2].event).toBeUndefined();
		expect(JSON.parse(frames[2].data)).toEqual({ type: 'error', error: 'boom', done: true, status_code: 500 });
	});

	test('sse-error on 2026-03-01 is preceded by "event: error" and carries title, message, error_code, request_id', async () => {
		standIn.inject({ kind: 'sse-error', afterEvents: 1 });
		const response = await call('/tts/sse', { version: '2026-03-01', json: rawRequest() });
		const frames = sseFrames(await response.text());
		expect(frames[1].event).toBe('error');
		expect(JSON.parse(frames[1].data)).toMatchObject({ type: 'error', done: true, status_code: 500, title: expect.any(String), message: expect.any(String), error_code: 'generation_failed', request_id: response.headers.get('x-request-id') });
	});

	test('sse-malformed sends "data: {not json" then ends', async () => {
		standIn.inject({ kind: 'sse-malformed', afterEvents: 1 });
		const frames = sseFrames(await (await call('/tts/sse', { json: rawRequest() })).text());
		expect(frames.map((frame) => frame.data.slice(0, 9))).toEqual(['{"type":"', '{not json']);
	});

	test('sse faults wait for an SSE request', async () => {
		standIn.inject({ kind: 'sse-malformed', afterEvents: 0 });
		expect((await call('/voices')).status).toBe(200);
		const frames = sseFrames(await (await call('/tts/sse', { json: rawRequest() })).text());
		expect(frames[0].data).toBe('{not json');
	});
});

// ---- infill and voice changer -------------------------------------------------------------------

describe('infill', () => {
	const fields = (): Record<string, string | string[]> => ({
		model_id: 'sonic-2',
		language: 'en',
		transcript: 'in the middle',
		voice_id: voiceId(),
		'output_format[container]': 'wav',
		'output_format[encoding]': 'pcm_s16le',
		'output_format[sample_rate]': '16000',
	});
	const left = { data: Buffer.from('left audio'), name: 'left.wav' };

	test('infill answers audio carrying its transcript', async () => {
		const audio = await bytesOf(await call('/infill/bytes', { form: audioForm(fields(), { left_audio: left }) }));
		expect(parseWav(audio).comment).toBe('in the middle');
	});

	test('at least one of left_audio and right_audio is required', async () => {
		await expectRejected(await call('/infill/bytes', { form: audioForm(fields(), {}) }), 400, 'at least one of multipart files "left_audio" and "right_audio" is required');
	});

	test('nested fields are bracketed, never dotted', async () => {
		const dotted: Record<string, string | string[]> = { ...fields(), 'output_format.container': 'wav' };
		delete dotted['output_format[container]'];
		await expectRejected(await call('/infill/bytes', { form: audioForm(dotted, { left_audio: left }) }), 400, 'unknown multipart field "output_format.container" (nested names are bracketed: "output_format[container]")');
	});

	test('experimental controls (repeated emotion[]) only in 2024-11-13', async () => {
		const withControls = { ...fields(), 'voice[__experimental_controls][speed]': 'slow', 'voice[__experimental_controls][emotion][]': ['surprise:high', 'curiosity'] };
		const ok = await call('/infill/bytes', { version: '2024-11-13', form: audioForm(withControls, { left_audio: left }) });
		expect(ok.status).toBe(200);
		await ok.arrayBuffer();
		await expectRejected(await call('/infill/bytes', { version: '2025-04-16', form: audioForm(withControls, { left_audio: left }) }), 400, 'multipart field "voice[__experimental_controls][speed]" is not accepted by Cartesia-Version 2025-04-16');
		const badEmotion = { ...fields(), 'voice[__experimental_controls][emotion][]': 'joy' };
		await expectRejected(await call('/infill/bytes', { version: '2024-11-13', form: audioForm(badEmotion, { left_audio: left }) }), 400, 'must be an emotion tag like "surprise:high"; got "joy"');
	});
});

describe('voice changer', () => {
	async function speech(text: string): Promise<Buffer> {
		return bytesOf(await call('/tts/bytes', { json: ttsRequest({ transcript: text }) }));
	}
	const fields = (container = 'wav'): Record<string, string> => ({
		'voice[id]': voiceId(),
		'output_format[container]': container,
		'output_format[encoding]': 'pcm_s16le',
		'output_format[sample_rate]': '24000',
	});

	test('bytes: the output carries the transcript found in the clip', async () => {
		const clip = { data: await speech('change my voice'), name: 'clip.wav' };
		const audio = await bytesOf(await call('/voice-changer/bytes', { form: audioForm(fields(), { clip }) }));
		expect((await transcribe(audio, 'out.wav')).text).toBe('change my voice');
	});

	test('sse on 2025-11-04: chunk and done events have no type', async () => {
		const clip = { data: await speech('hi'), name: 'clip.wav' };
		const frames = sseFrames(await (await call('/voice-changer/sse', { form: audioForm(fields('raw'), { clip }) })).text());
		const events = frames.map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
		expect(Object.keys(events[0]).sort()).toEqual(['data', 'done', 'sample_rate', 'status_code', 'step_time']);
		expect(events[events.length - 1]).toEqual({ status_code: 200, done: true });
	});

	test('sse on 2024-11-13: typed chunk and done events', async () => {
		const clip = { data: Buffer.from('clip'), name: 'clip.wav' };
		const frames = sseFrames(await (await call('/voice-changer/sse', { version: '2024-11-13', form: audioForm(fields('raw'), { clip }) })).text());
		const events = frames.map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
		expect(events[0]).toMatchObject({ type: 'chunk', done: false, status_code: 206 });
		expect(events[events.length - 1]).toEqual({ type: 'done', done: true, status_code: 200 });
	});

	test('voice[id] is required', async () => {
		const form = fields();
		delete form['voice[id]'];
		await expectRejected(await call('/voice-changer/bytes', { form: audioForm(form, { clip: { data: Buffer.from('x'), name: 'c.wav' } }) }), 400, 'multipart field "voice[id]" is required');
	});
});

// ---- faults, latency, concurrency ---------------------------------------------------------------

describe('faults', () => {
	test('a status fault answers the version\'s error with Retry-After, then the next request is normal', async () => {
		standIn.inject({ kind: 'status', status: 503, retryAfter: '1', errorCode: 'overloaded', message: 'try later' });
		const faulted = await call('/voices', { version: '2026-03-01' });
		expect(faulted.status).toBe(503);
		expect(faulted.headers.get('retry-after')).toBe('1');
		expect(await faulted.json()).toMatchObject({ error_code: 'overloaded', message: 'try later', title: 'Service Unavailable' });
		expect((await call('/voices')).status).toBe(200);
		expect(standIn.requests.map((request) => request.fault)).toEqual(['status', undefined]);
	});

	test('times: 3 applies to three requests', async () => {
		standIn.inject({ kind: 'status', status: 500, times: 3 });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('/voices')).status);
		expect(statuses).toEqual([500, 500, 500, 200]);
	});

	test('a fault with a path waits for that path; faults are consumed in order', async () => {
		standIn.inject({ kind: 'status', status: 502, path: '/tts/bytes' });
		standIn.inject({ kind: 'status', status: 504 });
		expect((await call('/voices')).status).toBe(504);
		expect((await call('/tts/bytes', { json: ttsRequest() })).status).toBe(502);
	});

	test('a malformed request is still refused while a fault is queued (the fault is spent)', async () => {
		standIn.inject({ kind: 'status', status: 500 });
		await expectRejected(await call('/voices?limit=0'), 400, '"limit" must be an integer 1..100');
	});

	test('bodyEncoding: binary sends the error body as application/octet-stream', async () => {
		standIn.inject({ kind: 'status', status: 429, bodyEncoding: 'binary', message: 'slow down' });
		const response = await call('/voices', { version: '2026-03-01' });
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(JSON.parse((await bytesOf(response)).toString('utf8'))).toMatchObject({ message: 'slow down', error_code: 'concurrency_limited' });
	});

	test('bodyEncoding: text and json override the version', async () => {
		standIn.inject({ kind: 'status', status: 500, bodyEncoding: 'text', message: 'oops' });
		standIn.inject({ kind: 'status', status: 500, bodyEncoding: 'json', message: 'oops' });
		expect(await (await call('/voices', { version: '2026-03-01' })).text()).toBe('Internal Server Error: oops');
		expect(await (await call('/voices', { version: '2024-11-13' })).json()).toMatchObject({ message: 'oops' });
	});

	test('reset-before-response destroys the connection without a byte', async () => {
		standIn.inject({ kind: 'reset-before-response' });
		await expect(call('/voices')).rejects.toThrow();
		expect(standIn.requests[0]).toMatchObject({ status: 0, fault: 'reset-before-response' });
		expect((await call('/voices')).status).toBe(200);
	});

	test('reset-mid-body sends the headers and afterBytes of the body, then cuts', async () => {
		standIn.inject({ kind: 'reset-mid-body', afterBytes: 1000 });
		const response = await call('/tts/bytes', { json: ttsRequest({ transcript: 'x'.repeat(100) }) });
		expect(response.status).toBe(200);
		const reader = response.body!.getReader();
		let received = 0;
		await expect((async () => {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				received += value.length;
			}
		})()).rejects.toThrow();
		expect(received).toBe(1000);
	});

	test('slow delays the headers', async () => {
		standIn.inject({ kind: 'slow', delayMs: 300 });
		const started = Date.now();
		expect((await call('/voices')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	test('a client that gives up on a slow response leaves the server unharmed', async () => {
		standIn.inject({ kind: 'slow', delayMs: 10_000 });
		await expect(call('/voices', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
		await until(() => standIn.inFlight === 0);
		expect(standIn.requests[0].status).toBe(0);
		expect((await call('/voices')).status).toBe(200);
	});

	test('a request that is not HTTP gets a 400 and the server carries on', async () => {
		const answer = await new Promise<string>((resolve) => {
			const socket = connect(Number(new URL(standIn.url).port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
			let received = '';
			socket.on('data', (data) => {
				received += data.toString('latin1');
			});
			socket.on('close', () => resolve(received));
			socket.on('error', () => undefined);
		});
		expect(answer).toMatch(/^HTTP\/1\.1 400/);
		expect((await call('/voices')).status).toBe(200);
	});

	test('a client that cuts its upload short leaves the server unharmed', async () => {
		await new Promise<void>((resolve) => {
			const socket = connect(Number(new URL(standIn.url).port), '127.0.0.1', () => {
				socket.write(
					`POST /stt HTTP/1.1\r\nHost: x\r\nCartesia-Version: ${LATEST}\r\nAuthorization: Bearer ${standIn.apiKey}\r\n` +
						'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n' +
						`--b\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\n${'x'.repeat(5000)}`,
				);
				setTimeout(() => socket.destroy(), 30);
			});
			socket.on('close', () => resolve());
			socket.on('error', () => undefined);
		});
		await until(() => standIn.inFlight === 0);
		expect(standIn.requests[0]).toMatchObject({ path: '/stt', status: 0 });
		expect((await call('/voices')).status).toBe(200);
	});

	test('a client that abandons a 500 MB download stops the generation', async () => {
		standIn.setGeneratedAudioBytes(500 * 1024 * 1024);
		const controller = new AbortController();
		const response = await call('/tts/bytes', { json: ttsRequest(), signal: controller.signal });
		await response.body!.getReader().read();
		controller.abort();
		await until(() => standIn.inFlight === 0);
		expect((await call('/voices')).status).toBe(200);
	});

	test('a malformed multipart body is a 400, not a crash', async () => {
		const response = await call('/stt', { body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
		await expectRejected(response, 400, 'malformed multipart body');
	});
});

describe('latency and concurrency', () => {
	test('setLatency delays every response', async () => {
		standIn.setLatency(150);
		const started = Date.now();
		await call('/voices/missing');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('inFlight and maxInFlight count requests from arrival to the end of the response', async () => {
		standIn.setLatency(100);
		await Promise.all([1, 2, 3, 4].map(() => call('/voices').then((response) => response.text())));
		await until(() => standIn.inFlight === 0);
		expect(standIn.maxInFlight).toBe(4);
	});

	test('beyond the concurrency limit: 429 concurrency_limited without Retry-After', async () => {
		standIn.setLatency(150);
		standIn.setConcurrencyLimit(2);
		const responses = await Promise.all([1, 2, 3].map(() => call('/voices', { version: '2026-03-01' })));
		const limited = responses.filter((response) => response.status === 429);
		expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429]);
		expect(limited[0].headers.get('retry-after')).toBeNull();
		expect(await limited[0].json()).toMatchObject({ error_code: 'concurrency_limited' });
	});

	test('setBodyPacing spreads a /tts/bytes body over the time given, after the head, and changes no byte', async () => {
		const request = () => call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 8000 } }) });
		const unpaced = Buffer.from(await (await request()).arrayBuffer());
		standIn.setBodyPacing(300);
		const response = await request();
		const headAt = Date.now();
		const paced = Buffer.from(await response.arrayBuffer());
		expect(Date.now() - headAt).toBeGreaterThanOrEqual(250);
		expect(paced.equals(unpaced)).toBe(true);
	});

	test('setConcurrencyRetryAfter adds Retry-After to the 429', async () => {
		standIn.setLatency(150);
		standIn.setConcurrencyLimit(1);
		standIn.setConcurrencyRetryAfter('2');
		const responses = await Promise.all([1, 2].map(() => call('/voices')));
		expect(responses.find((response) => response.status === 429)?.headers.get('retry-after')).toBe('2');
	});
});

describe('large generated audio', () => {
	// Client and server share this process, so the margin is wide: holding the body would cost 256 MB.
	test('256 MB of audio streams without the process holding it', async () => {
		const size = 256 * 1024 * 1024;
		standIn.setGeneratedAudioBytes(size);
		global.gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const response = await call('/tts/bytes', { json: ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 48000 } }) });
		const reader = response.body!.getReader();
		let received = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			received += value.length;
			peak = Math.max(peak, process.memoryUsage().rss);
		}
		expect(received).toBe(size + `${TRANSCRIPT_MARKER}${Buffer.from('Hello from the stand-in').toString('base64')}\n`.length);
		expect(peak - baseline).toBeLessThan(128 * 1024 * 1024);
	});
});

describe('faults that echo the credential', () => {
	const rawRequest = (): Record<string, unknown> => ttsRequest({ output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 } });
	const echoes = (text: string, key = standIn.apiKey) => text.includes(key) && text.includes(`Bearer ${key}`);

	test('echo-key answers 400 (by default) whose message carries the key bare and as "Bearer <key>"', async () => {
		standIn.inject({ kind: 'echo-key' });
		const response = await call('/voices', { version: '2026-03-01' });
		expect(response.status).toBe(400);
		const { message } = (await response.json()) as { message: string };
		expect(echoes(message)).toBe(true);
		expect(standIn.requests[0].fault).toBe('echo-key');
	});

	test.each([
		['json', 'application/json'],
		['text', 'text/plain; charset=utf-8'],
		['binary', 'application/octet-stream'],
	] as const)('echo-key with bodyEncoding %s answers %s carrying the key', async (bodyEncoding, contentType) => {
		standIn.inject({ kind: 'echo-key', status: 500, bodyEncoding });
		const response = await call('/voices');
		expect(response.status).toBe(500);
		expect(response.headers.get('content-type')).toBe(contentType);
		expect(echoes((await bytesOf(response)).toString('utf8'))).toBe(true);
	});

	test('echo-key echoes the X-API-Key of 2024-11-13 too', async () => {
		standIn.inject({ kind: 'echo-key', status: 401 });
		const response = await call('/voices', { version: '2024-11-13' });
		expect(response.status).toBe(401);
		expect(echoes(await response.text())).toBe(true);
	});

	test('sse-echo-key sends the version\'s error event after N events, its message echoing the key', async () => {
		standIn.inject({ kind: 'sse-echo-key', afterEvents: 1 });
		expect((await call('/voices')).status).toBe(200);
		const frames = sseFrames(await (await call('/tts/sse', { version: '2026-03-01', json: rawRequest() })).text());
		expect(frames).toHaveLength(2);
		expect(frames[1].event).toBe('error');
		const event = JSON.parse(frames[1].data) as { type: string; message: string };
		expect(event.type).toBe('error');
		expect(echoes(event.message)).toBe(true);
		expect(standIn.requests.map((request) => request.fault)).toEqual([undefined, 'sse-echo-key']);
	});
});

describe('pronunciation dictionaries', () => {
	const dictionaryId = (index = 0): string => standIn.dictionaries()[index].id;
	const item = (text: string, pronunciation: string, extra: Record<string, unknown> = {}) => ({ text, pronunciation, alias: pronunciation, ...extra });

	test('exist from 2025-04-16: 2024-11-13 answers 404 saying so', async () => {
		await expectRejected(await call('/pronunciation-dicts/', { version: '2024-11-13' }), 404, 'GET /pronunciation-dicts/ does not exist in Cartesia-Version 2024-11-13 (pronunciation dictionaries: 2025-04-16 and later)');
		expect((await call('/pronunciation-dicts/', { version: '2025-04-16' })).status).toBe(200);
	});

	test('list pages through the cursor, 10 by default', async () => {
		const first = (await (await call('/pronunciation-dicts/')).json()) as { data: Array<{ id: string }>; has_more: boolean };
		expect(first.data).toHaveLength(10);
		expect(first.has_more).toBe(true);
		const last = (await (await call(`/pronunciation-dicts/?limit=100&starting_after=${dictionaryId(19)}`)).json()) as { data: Array<{ id: string }>; has_more: boolean };
		expect(last.data.map((dictionary) => dictionary.id)).toEqual(standIn.dictionaries().slice(20).map((dictionary) => dictionary.id));
		expect(last.has_more).toBe(false);
	});

	test('list refuses a limit over 100 and an unknown cursor', async () => {
		await expectRejected(await call('/pronunciation-dicts/?limit=101'), 400, 'query parameter "limit" must be an integer 1..100');
		await expectRejected(await call('/pronunciation-dicts/?starting_after=pdict_nope'), 400, 'query parameter "starting_after": no pronunciation dictionary with id "pdict_nope"');
	});

	test('items answer with pronunciation and alias, and case_sensitive only on 2026-08-14', async () => {
		const id = dictionaryId(1);
		const older = (await (await call(`/pronunciation-dicts/${id}`)).json()) as { items: Array<Record<string, unknown>> };
		expect(Object.keys(older.items[0]).sort()).toEqual(['alias', 'pronunciation', 'text']);
		expect(older.items[0].alias).toBe(older.items[0].pronunciation);
		const newer = (await (await call(`/pronunciation-dicts/${id}`, { version: '2026-08-14' })).json()) as { items: Array<Record<string, unknown>> };
		expect(newer.items[0].case_sensitive).toBe(false);
	});

	test('create stores the dictionary and answers it', async () => {
		const response = await call('/pronunciation-dicts/', { json: { name: 'Brands', description: 'd', items: [item('GIF', 'jiff')] } });
		const created = (await response.json()) as Record<string, unknown>;
		expect(created).toMatchObject({ name: 'Brands', description: 'd', pinned: false, items: [item('GIF', 'jiff')] });
		expect(String(created.id)).toMatch(/^pdict_/);
		expect(standIn.dictionaries().at(-1)).toMatchObject({ id: created.id, items: [{ text: 'GIF', pronunciation: 'jiff' }] });
	});

	test.each([
		['no name', { items: [] }, 'field "name" is required'],
		['an item without text', { name: 'x', items: [{ pronunciation: 'a' }] }, 'field "items[0].text" is required'],
		['an item without pronunciation or alias', { name: 'x', items: [{ text: 'a' }] }, 'field "items[0].pronunciation" is required'],
		['alias disagreeing with pronunciation', { name: 'x', items: [{ text: 'a', pronunciation: 'b', alias: 'c' }] }, 'field "items[0].alias" must equal field "items[0].pronunciation"'],
		['a pronunciation over 100 characters', { name: 'x', items: [item('a', 'b'.repeat(101))] }, 'field "items[0].pronunciation" must be at most 100 characters; got 101'],
		['an unknown item field', { name: 'x', items: [{ ...item('a', 'b'), weight: 1 }] }, 'unknown field "items[0].weight"'],
		['items that are not an array', { name: 'x', items: { text: 'a' } }, 'field "items" must be an array'],
		['case_sensitive before 2026-08-14', { name: 'x', items: [item('a', 'b', { case_sensitive: true })] }, 'field "items[0].case_sensitive" is not accepted by Cartesia-Version 2025-11-04'],
	])('create refuses %s', async (_what, json, message) => {
		await expectRejected(await call('/pronunciation-dicts/', { json }), 400, message);
	});

	test('create takes case_sensitive on 2026-08-14', async () => {
		const response = await call('/pronunciation-dicts/', { version: '2026-08-14', json: { name: 'x', items: [item('AI', 'A I', { case_sensitive: true })] } });
		expect(await response.json()).toMatchObject({ items: [{ text: 'AI', case_sensitive: true }] });
	});

	test('update replaces the whole item list, and leaves it alone when items is absent', async () => {
		const id = dictionaryId(3);
		await call(`/pronunciation-dicts/${id}`, { method: 'PATCH', json: { name: 'Renamed' } });
		expect(standIn.dictionaries()[3]).toMatchObject({ name: 'Renamed', items: expect.arrayContaining([expect.anything()]) });
		const response = await call(`/pronunciation-dicts/${id}`, { method: 'PATCH', json: { items: [item('one', 'won')] } });
		expect(await response.json()).toMatchObject({ name: 'Renamed', items: [item('one', 'won')] });
		expect(standIn.dictionaries()[3].items).toEqual([{ text: 'one', pronunciation: 'won' }]);
	});

	test('delete answers 204 and the dictionary is gone', async () => {
		const id = dictionaryId();
		expect((await call(`/pronunciation-dicts/${id}`, { method: 'DELETE' })).status).toBe(204);
		await expectRejected(await call(`/pronunciation-dicts/${id}`), 404, `pronunciation dictionary "${id}" not found`);
	});

	test('TTS takes pronunciation_dict_id from 2025-04-16 and refuses an unknown one', async () => {
		const ok = await call('/tts/bytes', { json: ttsRequest({ pronunciation_dict_id: dictionaryId() }) });
		expect(ok.status).toBe(200);
		await ok.arrayBuffer();
		await expectRejected(await call('/tts/bytes', { json: ttsRequest({ pronunciation_dict_id: 'pdict_nope' }) }), 400, 'field "pronunciation_dict_id": no pronunciation dictionary with id "pdict_nope"');
		await expectRejected(
			await call('/tts/sse', { version: '2024-11-13', json: ttsRequest({ pronunciation_dict_id: dictionaryId(), output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16000 } }) }),
			400,
			'field "pronunciation_dict_id" is not accepted by Cartesia-Version 2024-11-13',
		);
	});
});
