/**
 * The TTS WebSocket, `/tts/websocket` on the stand-in's HTTP server (docs/wire-format.md §8, from
 * ../shared/cartesia-api-addendum.md section A), as strict as the HTTP endpoints:
 *
 *   upgrade: Cartesia-Version (header, or `cartesia_version` query, which wins) → auth (the version's
 *   header, or `api_key` / `access_token` query) → concurrency (an open connection counts like an HTTP
 *   request; a full plan refuses the upgrade with 429) → an injected `status` fault → 101.
 *
 *   messages: one JSON object per text frame; a generation request (model_id, transcript, voice per
 *   version, raw output_format, context_id, continue, flush, timestamps…) or a cancel. A wrong shape is
 *   answered with the version's error frame naming every problem, and ends that context.
 *
 * Audio comes as `chunk` frames of base64 PCM from the same generator as /tts/sse (each input's last
 * chunk carries its transcript marker), then `timestamps`/`phoneme_timestamps` for the input's words;
 * a flush answers `flush_done`, and the context ends with `done` after its `continue: false` input.
 * Word timestamps run from the start of the context unless `timestampsRestartPerInput` is set (whether
 * Cartesia restarts them is unconfirmed; the node must handle both).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { type ApiVersion, API_VERSIONS, isApiVersion, versionSupports } from '../../nodes/Cartesia/versions';
import { type AudioFormat, bytesPerSample, planAudio, secondsForText } from './audio';
import { authenticate } from './auth';
import { type Operation, RequestContext, type StandInState } from './context';
import { MODEL_SPEEDS } from './enums';
import { StandInError, badRequest, renderErrorBody, unauthorized } from './errors';
import { echoKeyMessage } from './faults';
import { readOutputFormat } from './handlers/outputFormat';
import { readGenerationConfig, readLanguageOrLocale, readVoice, ssePieces, timedWords } from './handlers/tts';
import { errorEvent } from './sse';
import type { FaultAction, RecordedRequest, RecordedWebSocket } from './types';
import { defined } from './validation';
import type { ResponseWriter } from './writer';

export const TTS_WEBSOCKET_PATH = '/tts/websocket';

/** What the WebSocket needs of the server that carries it. */
export interface WebSocketHost {
	readonly apiKey: string;
	readonly state: StandInState;
	/** Takes one concurrency slot; undefined when the plan is full. */
	admit(): (() => void) | undefined;
	concurrencyMessage(): { message: string; retryAfter?: string };
	takeFault(path: string): FaultAction | undefined;
	record(request: RecordedRequest): void;
	recordSocket(socket: RecordedWebSocket): void;
	readonly timestampsRestartPerInput: boolean;
	/** Milliseconds before each input's first chunk (a benchmark's fixed generation latency). */
	readonly inputLatencyMs: number;
}

/** Fields that may differ between the inputs of one context (Cartesia: "all fields except transcript, continue and duration"). */
const PER_INPUT_FIELDS = new Set(['transcript', 'continue', 'duration', 'flush']);

interface Generation {
	contextId: string;
	transcript: string;
	continue: boolean;
	flush: boolean;
	format: AudioFormat;
	speed: number;
	wordTimestamps: boolean;
	phonemeTimestamps: boolean;
	normalizedTimestamps: boolean;
	/** Everything but the per-input fields, to hold the inputs of a context to the same settings. */
	settings: string;
}

interface ContextState {
	settings: string;
	flushId: number;
	/** Seconds of audio sent so far on the context (word timestamps run from here). */
	seconds: number;
	finished: boolean;
}

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

const noWriter = (requestId: string) => ({ requestId }) as unknown as ResponseWriter;
const MESSAGE_OPERATION: Operation = { auth: { grant: 'tts' }, body: 'json', validate: () => undefined, respond: async () => undefined };

/** Reads one generation request as docs/wire-format.md §8.2 has it; every problem at once, as a 400. */
function readGeneration(version: ApiVersion, state: StandInState, requestId: string, message: Record<string, unknown>): Generation {
	const ctx = new RequestContext(version, 'WS', TTS_WEBSOCKET_PATH, {}, [], { kind: 'json', json: message, size: 0, contentType: 'application/json' }, state, noWriter(requestId), MESSAGE_OPERATION, undefined);
	const body = ctx.json();
	body.string('model_id', { required: true });
	const transcript = body.value('transcript', { required: true });
	if (transcript !== undefined && typeof transcript !== 'string') ctx.problems.add(`${body.label('transcript')} must be a string; got ${JSON.stringify(transcript)}`);
	const voiceId = readVoice(ctx, body);
	const format = readOutputFormat(body.child('output_format', { required: true }), { rawOnly: 'the TTS WebSocket' });
	readLanguageOrLocale(ctx, body);
	const speed = readGenerationConfig(body);
	body.number('duration', { min: 0, feature: 'ttsDuration' });
	body.enumOf('speed', MODEL_SPEEDS);
	const dictionaryId = body.string('pronunciation_dict_id', { feature: 'pronunciationDicts' });
	// 0–1000 up to 2025-04-16, 0–5000 from 2025-11-04 (addendum A.2).
	body.number('max_buffer_delay_ms', { min: 0, max: versionSupports(version, 'structuredErrors') ? 5000 : 1000 });
	const contextId = body.string('context_id', { required: true });
	const continues = body.boolean('continue') ?? false;
	const flush = body.boolean('flush') ?? false;
	const wordTimestamps = body.boolean('add_timestamps') ?? false;
	const phonemeTimestamps = body.boolean('add_phoneme_timestamps') ?? false;
	const normalizedTimestamps = body.boolean('use_normalized_timestamps') ?? false;
	if (contextId === '') ctx.problems.add(`${body.label('context_id')} must not be empty`);
	if (flush && transcript !== '') ctx.problems.add('a flush is sent with an empty "transcript" (the SDKs send it as a request of its own)');
	ctx.settle();
	if (dictionaryId !== undefined && !state.dictionaries.get(dictionaryId)) ctx.invalid(`field "pronunciation_dict_id": no pronunciation dictionary with id "${dictionaryId}"`);
	if (voiceId !== undefined && !state.store.get(voiceId)) ctx.invalid(`field "voice${versionSupports(version, 'ttsVoiceMode') ? '.id' : ''}": no voice with id "${voiceId}"`);
	const settings = JSON.stringify(Object.fromEntries(Object.entries(message).filter(([key]) => !PER_INPUT_FIELDS.has(key)).sort(([a], [b]) => a.localeCompare(b))));
	return {
		contextId: defined(contextId),
		transcript: transcript as string,
		continue: continues,
		flush,
		format: defined(format),
		speed,
		wordTimestamps,
		phonemeTimestamps,
		normalizedTimestamps,
		settings,
	};
}

/** One open connection: its messages are handled one at a time, in order, as Cartesia orders a context's outputs. */
class TtsConnection {
	private readonly contexts = new Map<string, ContextState>();
	private queue: Promise<void> = Promise.resolve();
	private chunksSent = 0;
	private inputsReceived = 0;
	private stalled = false;

	constructor(
		private readonly socket: WebSocket,
		private readonly host: WebSocketHost,
		private readonly version: ApiVersion,
		private readonly requestId: string,
		private readonly fault: FaultAction | undefined,
		private readonly record: RecordedWebSocket,
		private readonly credentialHeaders: IncomingMessage['headers'],
	) {
		socket.on('message', (data, isBinary) => {
			this.queue = this.queue.then(() => this.receive(data, isBinary)).catch(() => this.socket.terminate());
		});
	}

	private send(frame: Record<string, unknown>): void {
		if (this.stalled || this.socket.readyState !== this.socket.OPEN) return;
		this.socket.send(JSON.stringify(frame));
	}

	private sendError(status: number, message: string, contextId?: string): void {
		this.record.errors.push(message);
		this.send(errorEvent(this.version, {
			statusCode: status,
			title: status === 400 ? 'Bad Request' : 'Internal Server Error',
			message,
			errorCode: status === 400 ? 'invalid_request' : 'generation_failed',
			requestId: `${this.requestId}:${contextId ?? ''}:${randomUUID()}`,
			contextId,
		}));
	}

	private async receive(data: RawData, isBinary: boolean): Promise<void> {
		if (isBinary) {
			this.sendError(400, 'frames must be text frames holding one JSON object; got a binary frame');
			return;
		}
		let message: unknown;
		try {
			message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
		} catch {
			this.sendError(400, 'a frame is not valid JSON');
			return;
		}
		this.record.messages.push(message);
		if (!message || typeof message !== 'object' || Array.isArray(message)) {
			this.sendError(400, `each frame must be one JSON object; got ${JSON.stringify(message)}`);
			return;
		}
		const object = message as Record<string, unknown>;
		const contextId = typeof object.context_id === 'string' ? object.context_id : undefined;
		if ('cancel' in object) {
			this.cancel(object, contextId);
			return;
		}
		let generation: Generation;
		try {
			generation = readGeneration(this.version, this.host.state, this.requestId, object);
		} catch (error) {
			this.sendError(error instanceof StandInError ? error.status : 500, (error as Error).message, contextId);
			if (contextId) this.contexts.set(contextId, { settings: '', flushId: 0, seconds: 0, finished: true });
			return;
		}
		await this.generate(generation);
	}

	private cancel(object: Record<string, unknown>, contextId: string | undefined): void {
		const extra = Object.keys(object).filter((key) => key !== 'cancel' && key !== 'context_id');
		if (object.cancel !== true || !contextId || extra.length > 0) {
			this.sendError(400, `a cancel is exactly {"context_id": <string>, "cancel": true}${extra.length ? `; unknown fields ${extra.map((key) => `"${key}"`).join(', ')}` : ''}`, contextId);
			return;
		}
		const context = this.contexts.get(contextId);
		if (context && !context.finished) {
			context.finished = true;
			this.send({ type: 'done', done: true, status_code: 200, context_id: contextId });
		}
	}

	private async generate(generation: Generation): Promise<void> {
		const { contextId } = generation;
		let context = this.contexts.get(contextId);
		if (context?.finished) {
			this.sendError(400, `context "${contextId}" has finished (a context ends after its input with "continue": false, or after an error); use a new context_id`, contextId);
			return;
		}
		if (!context) {
			context = { settings: generation.settings, flushId: 0, seconds: 0, finished: false };
			this.contexts.set(contextId, context);
		} else if (context.settings !== generation.settings) {
			context.finished = true;
			this.sendError(400, `inputs on context "${contextId}" must keep every field but transcript, continue, flush and duration the same as its first input`, contextId);
			return;
		}
		if (generation.flush) {
			context.flushId++;
			this.send({ type: 'flush_done', flush_done: true, flush_id: context.flushId, done: false, status_code: 206, context_id: contextId });
		} else if (generation.transcript !== '') {
			this.inputsReceived++;
			const fault = this.fault;
			if (fault?.kind === 'ws-drop' && fault.afterInputs !== undefined && this.inputsReceived > fault.afterInputs) {
				this.socket.terminate();
				return;
			}
			if (fault?.kind === 'ws-error' && this.inputsReceived > fault.afterInputs) {
				context.finished = true;
				this.sendError(500, fault.echoKey ? echoKeyMessage(this.credentialHeaders) : (fault.message ?? 'audio generation failed (injected ws-error fault)'), contextId);
				return;
			}
			await this.speak(generation, context);
		}
		if (!generation.continue && !generation.flush) {
			context.finished = true;
			this.record.doneAt = performance.now();
			this.send({ type: 'done', done: true, status_code: 200, context_id: contextId });
		}
	}

	private async speak(generation: Generation, context: ContextState): Promise<void> {
		const { format, contextId } = generation;
		const text = generation.transcript;
		const audio = planAudio(format, text, secondsForText(text) / generation.speed, this.host.state.generatedAudioBytes);
		const bytesPerSecond = bytesPerSample(format.encoding ?? 'pcm_s16le') * format.sampleRate;
		const flushId = context.flushId + 1;
		let sentBytes = 0;
		// Inputs are handled one at a time, so a context's inputs wait this long each, in turn.
		if (this.host.inputLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.host.inputLatencyMs));
		const speed = this.host.state.generationSpeed;
		const started = performance.now();
		for (const piece of ssePieces(format, audio.audioBytes, text)) {
			const fault = this.fault;
			if (fault?.kind === 'ws-drop' && fault.afterChunks !== undefined && this.chunksSent >= fault.afterChunks) {
				this.socket.terminate();
				return;
			}
			if (fault?.kind === 'ws-stall' && this.chunksSent >= fault.afterChunks) {
				this.stalled = true;
				return;
			}
			this.send({ type: 'chunk', data: piece.toString('base64'), done: false, status_code: 206, step_time: 8, context_id: contextId, flush_id: flushId });
			this.chunksSent++;
			sentBytes += piece.length;
			if (speed) {
				// Each chunk leaves once the audio before it could have been generated.
				const due = started + ((sentBytes / bytesPerSecond) / speed) * 1000 - performance.now();
				if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
			} else if (this.chunksSent % 16 === 0) {
				// Let the socket drain between chunks, as a server streaming in real time would.
				await new Promise((resolve) => setImmediate(resolve));
			}
		}
		// Timestamps follow the samples sent, trailer included, so they end where the input's audio ends.
		const seconds = sentBytes / bytesPerSecond;
		const origin = this.host.timestampsRestartPerInput ? 0 : context.seconds;
		const words = timedWords(text, seconds, generation.normalizedTimestamps).map((word) => ({ ...word, start: round(word.start + origin), end: round(word.end + origin) }));
		if (generation.wordTimestamps && words.length > 0) {
			this.send({
				type: 'timestamps',
				done: false,
				status_code: 206,
				context_id: contextId,
				flush_id: flushId,
				word_timestamps: { words: words.map((w) => w.word), start: words.map((w) => w.start), end: words.map((w) => w.end) },
			});
		}
		if (generation.phonemeTimestamps && words.length > 0) {
			const phonemes = words.flatMap((w) => {
				const letters = [...w.word.toLowerCase()].filter((c) => /\p{L}/u.test(c));
				const step = letters.length > 0 ? (w.end - w.start) / letters.length : 0;
				return letters.map((phoneme, i) => ({ phoneme, start: round(w.start + i * step), end: round(w.start + (i + 1) * step) }));
			});
			this.send({
				type: 'phoneme_timestamps',
				done: false,
				status_code: 206,
				context_id: contextId,
				flush_id: flushId,
				phoneme_timestamps: { phonemes: phonemes.map((p) => p.phoneme), start: phonemes.map((p) => p.start), end: phonemes.map((p) => p.end) },
			});
		}
		context.seconds += seconds;
	}
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** The query parameters the WebSocket takes (addendum A.1). */
const QUERY_PARAMETERS = new Set(['cartesia_version', 'api_key', 'access_token', 'cartesia_client']);

export class TtsWebSocketEndpoint {
	private readonly server = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

	constructor(private readonly host: WebSocketHost) {}

	/** Answers an upgrade request for `/tts/websocket`: refused with an HTTP status, or opened. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, query: Array<[string, string]>): void {
		const requestId = randomUUID();
		const record: RecordedRequest = { method: 'GET', path: TTS_WEBSOCKET_PATH, query, headers: { ...req.headers }, status: 0, requestId };
		this.host.record(record);
		socket.on('error', () => undefined);
		let version: ApiVersion | undefined;
		let release: (() => void) | undefined;
		try {
			const params = new Map(query);
			const unknown = query.map(([name]) => name).filter((name) => !QUERY_PARAMETERS.has(name));
			if (unknown.length) throw badRequest(`unknown query parameter ${unknown.map((name) => `"${name}"`).join(', ')} (the TTS WebSocket takes ${[...QUERY_PARAMETERS].join(', ')})`);
			const raw = params.get('cartesia_version') ?? single(req.headers['cartesia-version']);
			if (raw === undefined) throw badRequest(`missing Cartesia-Version header or cartesia_version query parameter (send one of ${API_VERSIONS.join(', ')})`);
			if (!isApiVersion(raw)) throw badRequest(`Cartesia-Version "${raw}" is not one of ${API_VERSIONS.join(', ')}`);
			version = raw;
			this.authenticate(req, version, params);
			release = this.host.admit();
			if (!release) {
				const { message, retryAfter } = this.host.concurrencyMessage();
				throw new StandInError(429, message, { errorCode: 'concurrency_limited', headers: retryAfter !== undefined ? { 'retry-after': retryAfter } : {} });
			}
			const fault = this.host.takeFault(TTS_WEBSOCKET_PATH);
			if (fault) record.fault = fault.kind;
			if (fault?.kind === 'status') {
				throw new StandInError(fault.status, fault.message ?? `injected fault: status ${fault.status}`, { errorCode: fault.errorCode, headers: fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {} });
			}
			const opened: RecordedWebSocket = { requestId, version, messages: [], errors: [], open: true, openedAt: performance.now() };
			this.host.recordSocket(opened);
			const admitted = release;
			release = undefined;
			this.server.handleUpgrade(req, socket, head, (ws) => {
				record.status = 101;
				ws.on('error', () => undefined);
				ws.on('close', () => {
					opened.open = false;
					admitted();
				});
				new TtsConnection(ws, this.host, defined(version), requestId, fault, opened, req.headers);
			});
		} catch (error) {
			release?.();
			const rejection = error instanceof StandInError ? error : new StandInError(500, `stand-in bug: ${(error as Error).message}`);
			record.status = rejection.status;
			record.rejection = rejection.message;
			const body = renderErrorBody({ status: rejection.status, errorCode: rejection.errorCode, title: rejection.title, message: rejection.message, requestId }, version, 'version');
			const headers = { 'content-type': body.contentType, 'content-length': String(body.body.length), 'x-request-id': requestId, connection: 'close', ...rejection.headers };
			const head = `HTTP/1.1 ${rejection.status} ${rejection.title}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;
			socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body.body]));
		}
	}

	private authenticate(req: IncomingMessage, version: ApiVersion, params: Map<string, string>): void {
		const apiKey = params.get('api_key');
		const token = params.get('access_token');
		if (apiKey === undefined && token === undefined) {
			authenticate(req.headers, version, MESSAGE_OPERATION, `GET ${TTS_WEBSOCKET_PATH}`, this.host.apiKey, this.host.state.tokens);
			return;
		}
		if (apiKey !== undefined && token !== undefined) throw unauthorized('send api_key or access_token, not both');
		if (apiKey !== undefined && apiKey !== this.host.apiKey) throw unauthorized('invalid API key in the api_key query parameter');
		if (token !== undefined) {
			const check = this.host.state.tokens.check(token, 'tts');
			if (!check.ok) throw unauthorized(`${check.reason}; the TTS WebSocket needs an API key or an access token with the "tts" grant`);
		}
	}

	close(): void {
		for (const client of this.server.clients) client.terminate();
		this.server.close();
	}
}
