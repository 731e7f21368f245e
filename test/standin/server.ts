/**
 * The stand-in's HTTP server and request lifecycle:
 *
 *   arrival (counted; concurrency decided; a fault taken) → body read (streamed) → path (404) →
 *   Cartesia-Version (400) → version gate (404) → method (405) → auth (401) → sunset (410) →
 *   Content-Type (400) → query and body validation (400) → injected status / reset fault →
 *   the endpoint's answer (where latency, slow, reset-mid-body and SSE faults apply).
 *
 * A request that fails a check spends the fault it took, and its rejection is answered unfaulted.
 * Requests under /files/ are not Cartesia's: they skip all of this and are answered by files.ts.
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import {
	API_VERSIONS,
	type ApiVersion,
	VERSIONED_FEATURES,
	describeVersions,
	isApiVersion,
	versionSupports,
} from '../../nodes/Cartesia/versions';
import { AgentStore, type StoredAgent, type StoredCall, type StoredWebhook, type UnconfirmedEndpoints } from './agents';
import { authenticate } from './auth';
import { deliverAgentEvent } from './deliveries';
import { type ReceivedBody, receiveBody } from './body';
import { type Operation, RequestContext, type StandInState } from './context';
import { DictionaryStore, type StoredDictionary } from './dictionaries';
import {
	type ErrorBodyEncoding,
	RETIRED_ENDPOINT,
	ResponseAbandoned,
	StandInError,
	badRequest,
	notFound,
	renderErrorBody,
} from './errors';
import { FaultQueue, echoKeyMessage } from './faults';
import { isFileRequest, serveFile } from './files';
import { findRoute } from './routes';
import type { SseFault } from './sse';
import { TokenStore } from './tokens';
import type { Delivery, DeliveryResult, Fault, FaultAction, RecordedRequest, RecordedWebSocket, StandIn, StandInOptions, StoredVoice } from './types';
import { VoiceStore } from './voices';
import { TTS_WEBSOCKET_PATH, TtsWebSocketEndpoint } from './websocket';
import { ResponseWriter } from './writer';

export const DEFAULT_API_KEY = 'sk_standin_test_key';
export const DEFAULT_VOICE_COUNT = 330;
/** Stands for the version when GET / is called without a Cartesia-Version header. */
const NEWEST_VERSION: ApiVersion = API_VERSIONS[API_VERSIONS.length - 1];

interface Target {
	path: string;
	query: Array<[string, string]>;
	queryError?: string;
}

function decodeQueryPart(part: string): string {
	return decodeURIComponent(part.replace(/\+/g, ' '));
}

function parseTarget(url: string): Target {
	const mark = url.indexOf('?');
	const path = mark < 0 ? url : url.slice(0, mark);
	const query: Array<[string, string]> = [];
	if (mark < 0) return { path, query };
	for (const part of url.slice(mark + 1).split('&')) {
		if (part === '') continue;
		const equals = part.indexOf('=');
		const rawName = equals < 0 ? part : part.slice(0, equals);
		const rawValue = equals < 0 ? '' : part.slice(equals + 1);
		try {
			query.push([decodeQueryPart(rawName), decodeQueryPart(rawValue)]);
		} catch {
			return { path, query, queryError: `the query string is not valid percent-encoding near "${part}"` };
		}
	}
	return { path, query };
}

function recordBody(record: RecordedRequest, body: ReceivedBody): void {
	if (body.kind === 'json' && body.json !== undefined) record.json = body.json;
	if (body.kind === 'multipart') {
		record.fields = body.fields.map(({ name, value }) => [name, value]);
		record.files = body.files.map((file) => ({
			field: file.field,
			filename: file.filename ?? '',
			contentType: file.contentType,
			size: file.size,
		}));
	}
}

/** A `reset-mid-upload` fault: once `afterBytes` of the request body have arrived, cut the connection. */
function resetMidUpload(req: IncomingMessage, writer: ResponseWriter, afterBytes: number, record: RecordedRequest): void {
	let received = 0;
	const count = (chunk: Buffer): void => {
		received += chunk.length;
		if (received < afterBytes) return;
		req.off('data', count);
		record.bodyBytesBeforeReset = received;
		writer.destroy();
	};
	req.on('data', count);
}

class StandInServer implements StandIn {
	url = '';
	readonly apiKey: string;
	readonly requests: RecordedRequest[] = [];
	readonly webSockets: RecordedWebSocket[] = [];

	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly faults = new FaultQueue();
	private readonly tokens = new TokenStore();
	private readonly store: VoiceStore;
	private readonly dictionaryStore: DictionaryStore;
	private readonly agentStore = new AgentStore();
	private inFlightCount = 0;
	private maxInFlightCount = 0;
	/** Requests admitted under the concurrency limit and not yet answered. */
	private admitted = 0;
	private maxAdmittedCount = 0;
	private retired = false;
	private concurrencyLimit: number | undefined;
	private concurrencyRetryAfter: string | undefined;
	private latencyMs = 0;
	private generatedAudioBytes: number | undefined;

	private bodyPacingMs = 0;

	private generationSpeed: number | undefined;
	private timestampsRestartPerInput = false;
	private webSocketInputLatencyMs = 0;
	private readonly ttsWebSocket: TtsWebSocketEndpoint;

	constructor(options: StandInOptions) {
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		this.store = new VoiceStore(options.voiceCount ?? DEFAULT_VOICE_COUNT);
		this.dictionaryStore = new DictionaryStore(options.dictionaryCount);
		this.server = createServer((req, res) => {
			this.handle(req, res).catch(() => res.destroy());
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
			socket.on('error', () => undefined);
		});
		// The TTS WebSocket shares the server, its concurrency count and its faults (websocket.ts).
		const server = this;
		this.ttsWebSocket = new TtsWebSocketEndpoint({
			apiKey: this.apiKey,
			get state() {
				return server.state;
			},
			get timestampsRestartPerInput() {
				return server.timestampsRestartPerInput;
			},
			get inputLatencyMs() {
				return server.webSocketInputLatencyMs;
			},
			admit: () => this.admitConnection(),
			concurrencyMessage: () => ({
				message: `concurrency limit reached: ${this.concurrencyLimit} requests are already in progress`,
				retryAfter: this.concurrencyRetryAfter,
			}),
			takeFault: (path) => this.faults.take(path, false),
			record: (request) => this.requests.push(request),
			recordSocket: (socket) => this.webSockets.push(socket),
		});
		this.server.on('upgrade', (req, socket, head) => {
			const target = parseTarget(req.url ?? '/');
			if (target.path === TTS_WEBSOCKET_PATH && !target.queryError) {
				this.ttsWebSocket.handleUpgrade(req, socket, head, target.query);
				return;
			}
			socket.end(`HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
		});
		this.server.on('clientError', (_error, socket) => {
			if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
			else socket.destroy();
		});
	}

	async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.server.on('error', () => undefined);
		const { port } = this.server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${port}`;
	}

	get inFlight(): number {
		return this.inFlightCount;
	}

	get maxInFlight(): number {
		return this.maxInFlightCount;
	}

	get maxAdmitted(): number {
		return this.maxAdmittedCount;
	}

	inject(fault: Fault): void {
		this.faults.add(fault);
	}

	setRetired(retired: boolean): void {
		this.retired = retired;
	}

	setConcurrencyLimit(limit: number | undefined): void {
		this.concurrencyLimit = limit;
	}

	setConcurrencyRetryAfter(value: string | undefined): void {
		this.concurrencyRetryAfter = value;
	}

	setWebSocketTimestampsRestartPerInput(restart: boolean): void {
		this.timestampsRestartPerInput = restart;
	}

	setWebSocketInputLatency(ms: number): void {
		this.webSocketInputLatencyMs = Math.max(0, ms);
	}

	/** An open WebSocket connection counts like a request in progress; undefined when the plan is full. */
	private admitConnection(): (() => void) | undefined {
		if (this.concurrencyLimit !== undefined && this.admitted >= this.concurrencyLimit) return undefined;
		this.inFlightCount++;
		this.admitted++;
		this.maxInFlightCount = Math.max(this.maxInFlightCount, this.inFlightCount);
		this.maxAdmittedCount = Math.max(this.maxAdmittedCount, this.admitted);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlightCount--;
			this.admitted--;
		};
	}

	setLatency(ms: number): void {
		this.latencyMs = Math.max(0, ms);
	}

	setGeneratedAudioBytes(bytes: number | undefined): void {
		this.generatedAudioBytes = bytes;
	}

	/**
	 * Spreads each `/tts/bytes` answer's body over `ms` after its head (which still waits the latency):
	 * a request then lasts latency + `ms`, its audio arriving as it would while Cartesia generates it.
	 */
	setBodyPacing(ms: number): void {
		this.bodyPacingMs = Math.max(0, ms);
	}

	/** TTS audio (`/tts/bytes` bodies and WebSocket chunks) leaves at `speed` × real time at most; undefined: at once. */
	setGenerationSpeed(speed: number | undefined): void {
		this.generationSpeed = speed !== undefined && speed > 0 ? speed : undefined;
	}

	voices(): StoredVoice[] {
		return this.store.copies();
	}

	dictionaries(): StoredDictionary[] {
		return this.dictionaryStore.copies();
	}

	agents(): StoredAgent[] {
		return this.agentStore.agents().map((agent) => ({ ...agent, phoneNumbers: [...agent.phoneNumbers] }));
	}

	calls(agentId: string): StoredCall[] {
		return this.agentStore.callsOf(agentId).map((call) => ({ ...call, transcript: [...call.transcript] }));
	}

	webhooks(): StoredWebhook[] {
		return this.agentStore.webhooks().map((webhook) => ({ ...webhook }));
	}

	setUnconfirmedAgentEndpoints(mode: UnconfirmedEndpoints): void {
		this.agentStore.unconfirmedEndpoints = mode;
	}

	attachWebhook(agentId: string, webhook: { url: string; secret: string }): StoredWebhook {
		const agent = this.agentStore.agent(agentId);
		if (!agent) throw new Error(`The stand-in has no agent "${agentId}"`);
		const stored = this.agentStore.addWebhook(webhook);
		agent.webhookId = stored.id;
		return stored;
	}

	async deliver(delivery: Delivery): Promise<DeliveryResult> {
		return await deliverAgentEvent(this.agentStore, delivery);
	}

	reset(): void {
		this.requests.length = 0;
		this.webSockets.length = 0;
		this.timestampsRestartPerInput = false;
		this.webSocketInputLatencyMs = 0;
		this.faults.clear();
		this.tokens.clear();
		this.store.reseed();
		this.dictionaryStore.reseed();
		this.agentStore.reseed();
		this.maxInFlightCount = this.inFlightCount;
		this.maxAdmittedCount = this.admitted;
		this.retired = false;
		this.concurrencyLimit = undefined;
		this.concurrencyRetryAfter = undefined;
		this.latencyMs = 0;
		this.generatedAudioBytes = undefined;
		this.bodyPacingMs = 0;
		this.generationSpeed = undefined;
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.ttsWebSocket.close();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
			for (const socket of this.sockets) socket.destroy();
		});
	}

	private get state(): StandInState {
		return {
			store: this.store,
			dictionaries: this.dictionaryStore,
			agents: this.agentStore,
			tokens: this.tokens,
			baseUrl: this.url,
			generatedAudioBytes: this.generatedAudioBytes,
			bodyPacingMs: this.bodyPacingMs,
			generationSpeed: this.generationSpeed,
		};
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (isFileRequest(parseTarget(req.url ?? '/').path)) {
			await this.handleFile(req, res);
			return;
		}
		// ---- arrival ----
		this.inFlightCount++;
		this.maxInFlightCount = Math.max(this.maxInFlightCount, this.inFlightCount);
		const limited = this.concurrencyLimit !== undefined && this.admitted >= this.concurrencyLimit;
		if (!limited) {
			this.admitted++;
			this.maxAdmittedCount = Math.max(this.maxAdmittedCount, this.admitted);
		}
		let ended = false;
		let released = limited;
		// The plan's slot is free once the whole answer is written (Cartesia counts generations, and
		// this one is done), a little before 'finish' says the bytes left: a client that read the last
		// byte and sends its next request at once must not be refused for a slot already empty.
		const releaseSlot = (): void => {
			if (released) return;
			released = true;
			this.admitted--;
		};
		const onEnd = (): void => {
			if (ended) return;
			ended = true;
			this.inFlightCount--;
			releaseSlot();
		};
		const abort = new AbortController();
		res.on('prefinish', releaseSlot);
		res.on('finish', onEnd);
		res.on('close', () => {
			if (!res.writableFinished) abort.abort();
			onEnd();
		});
		res.on('error', () => abort.abort());
		req.on('error', () => abort.abort());

		const method = req.method ?? 'GET';
		const target = parseTarget(req.url ?? '/');
		const requestId = randomUUID();
		const record: RecordedRequest = {
			method,
			path: target.path,
			query: target.query,
			headers: { ...req.headers },
			status: 0,
			requestId,
		};
		this.requests.push(record);

		const found = findRoute(target.path);
		const candidate = found?.route.operations[method];
		const fault = limited ? undefined : this.faults.take(target.path, candidate?.sse === true);
		if (fault) record.fault = fault.kind;
		const writer = new ResponseWriter(res, {
			requestId,
			delayMs: this.latencyMs + (fault?.kind === 'slow' ? fault.delayMs : 0),
			signal: abort.signal,
			resetAfterBytes: fault?.kind === 'reset-mid-body' ? fault.afterBytes : undefined,
			padJsonToBytes: fault?.kind === 'huge-json' ? fault.bytes : undefined,
			onHead: (status) => {
				record.status = status;
			},
		});

		if (fault?.kind === 'reset-mid-upload') resetMidUpload(req, writer, fault.afterBytes, record);
		let version: ApiVersion | undefined;
		try {
			const body = await receiveBody(req, abort.signal);
			recordBody(record, body);
			if (limited) {
				const headers: Record<string, string> = this.concurrencyRetryAfter !== undefined ? { 'retry-after': this.concurrencyRetryAfter } : {};
				throw new StandInError(
					429,
					`concurrency limit reached: ${this.concurrencyLimit} requests are already in progress`,
					{ errorCode: 'concurrency_limited', headers },
				);
			}
			if (target.queryError) throw badRequest(target.queryError);
			if (!found) throw notFound(`no endpoint at ${target.path}`);
			version = this.readVersion(req, target.path === '/');
			const effectiveVersion = version ?? NEWEST_VERSION;
			const operation = this.resolveOperation(found.route.template, found.route.operations, method, effectiveVersion);
			const endpoint = `${method} ${found.route.template}`;
			authenticate(req.headers, effectiveVersion, operation, endpoint, this.apiKey, this.tokens);
			if (operation.retirable && this.retired) {
				throw new StandInError(
					RETIRED_ENDPOINT.status,
					`${method} ${target.path} was retired on ${RETIRED_ENDPOINT.sunsetDate}; use Clone (POST /voices/clone) instead`,
					{ errorCode: RETIRED_ENDPOINT.errorCode },
				);
			}
			this.checkContentType(operation, body, `${method} ${target.path}`);
			const sseFault = fault?.kind === 'sse-echo-key'
				? { kind: 'sse-error' as const, afterEvents: fault.afterEvents, message: echoKeyMessage(req.headers) }
				: fault?.kind.startsWith('sse-') ? (fault as SseFault) : undefined;
			const ctx = new RequestContext(effectiveVersion, method, target.path, found.params, target.query, body, this.state, writer, operation, sseFault);
			const plan = operation.validate(ctx);
			ctx.settle();

			if (fault?.kind === 'status') {
				await this.answerStatusFault(writer, fault, version, record);
				return;
			}
			if (fault?.kind === 'echo-key') {
				const message = echoKeyMessage(req.headers);
				await this.answerStatusFault(writer, { kind: 'status', status: fault.status ?? 400, message, bodyEncoding: fault.bodyEncoding }, version, record);
				return;
			}
			if (fault?.kind === 'echo-body') {
				const message = `injected echo-body fault: refused ${JSON.stringify(record.json ?? null)}`;
				await this.answerStatusFault(writer, { kind: 'status', status: fault.status ?? 400, message }, version, record);
				return;
			}
			if (fault?.kind === 'reset-before-response') {
				writer.destroy();
				return;
			}
			await operation.respond(ctx, plan);
			if (ctx.audioSeconds !== undefined) record.audioSeconds = ctx.audioSeconds;
		} catch (error) {
			if (error instanceof ResponseAbandoned || abort.signal.aborted) return;
			if (writer.headersStarted) {
				writer.destroy();
				return;
			}
			const rejection = error instanceof StandInError
				? error
				: new StandInError(500, `stand-in bug: ${(error as Error)?.message ?? String(error)}`);
			record.rejection = rejection.message;
			writer.disarmFaults(this.latencyMs);
			await this.answerError(writer, rejection, version, 'version').catch(() => undefined);
		}
	}

	/** A file outside Cartesia's API (files.ts): recorded, but never counted, faulted, delayed or authenticated. */
	private async handleFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = req.url ?? '/';
		const target = parseTarget(url);
		const requestId = randomUUID();
		const record: RecordedRequest = {
			method: req.method ?? 'GET',
			path: target.path,
			query: target.query,
			headers: { ...req.headers },
			status: 0,
			requestId,
		};
		this.requests.push(record);
		const gone = new AbortController();
		res.on('close', () => {
			if (!res.writableFinished) gone.abort();
		});
		req.resume();
		const mark = url.indexOf('?');
		await serveFile({
			method: record.method,
			path: target.path,
			query: target.query,
			search: mark < 0 ? '' : url.slice(mark + 1),
			record,
			res,
			signal: gone.signal,
			requestId,
		});
	}

	private readVersion(req: IncomingMessage, optional: boolean): ApiVersion | undefined {
		const raw = req.headers['cartesia-version'];
		const offered = API_VERSIONS.join(', ');
		if (raw === undefined) {
			if (optional) return undefined;
			throw badRequest(`missing Cartesia-Version header (send one of ${offered})`);
		}
		const value = Array.isArray(raw) ? raw.join(', ') : raw;
		if (!isApiVersion(value)) throw badRequest(`Cartesia-Version "${value}" is not one of ${offered}`);
		return value;
	}

	private resolveOperation(
		template: string,
		operations: Readonly<Partial<Record<string, Operation>>>,
		method: string,
		version: ApiVersion,
	): Operation {
		const exists = (operation: Operation): boolean => !operation.gate || versionSupports(version, operation.gate);
		const available = Object.entries(operations)
			.filter(([, operation]) => operation && exists(operation))
			.map(([name]) => name);
		const operation = operations[method];
		if (operation?.gate && !exists(operation)) {
			const { label } = VERSIONED_FEATURES[operation.gate];
			throw notFound(
				`${method} ${template} does not exist in Cartesia-Version ${version} (${label}: ${describeVersions(operation.gate)})`,
			);
		}
		if (available.length === 0) throw notFound(`${template} does not exist in Cartesia-Version ${version}`);
		if (!operation) {
			throw new StandInError(405, `${method} is not allowed on ${template}; use ${available.join(' or ')}`, {
				headers: { allow: available.join(', ') },
			});
		}
		return operation;
	}

	private checkContentType(operation: Operation, body: ReceivedBody, endpoint: string): void {
		const got = body.contentType ? `"${body.contentType}"` : 'none';
		if (operation.body === 'json') {
			if (body.kind !== 'json') throw badRequest(`Content-Type must be application/json for ${endpoint}; got ${got}`);
			if (body.error) throw badRequest(body.error);
		} else if (operation.body === 'multipart') {
			if (body.kind !== 'multipart') throw badRequest(`Content-Type must be multipart/form-data for ${endpoint}; got ${got}`);
			if (body.error) throw badRequest(body.error);
		} else if (body.size > 0) {
			throw badRequest(`${endpoint} takes no request body; got ${body.size} bytes`);
		}
	}

	private async answerStatusFault(
		writer: ResponseWriter,
		fault: Extract<FaultAction, { kind: 'status' }>,
		version: ApiVersion | undefined,
		record: RecordedRequest,
	): Promise<void> {
		const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
		const message = fault.message ?? `injected fault: status ${fault.status}`;
		const error = new StandInError(fault.status, message, { errorCode: fault.errorCode, headers });
		record.rejection = `injected status fault: ${message}`;
		await this.answerError(writer, error, version, fault.bodyEncoding ?? 'version');
	}

	private async answerError(
		writer: ResponseWriter,
		error: StandInError,
		version: ApiVersion | undefined,
		encoding: ErrorBodyEncoding,
	): Promise<void> {
		const body = renderErrorBody(
			{ status: error.status, errorCode: error.errorCode, title: error.title, message: error.message, requestId: writer.requestId },
			version,
			encoding,
		);
		await writer.send(error.status, { 'content-type': body.contentType, ...error.headers }, body.body);
	}
}

/** Start a stand-in on 127.0.0.1 with a free port. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
	const standIn = new StandInServer(options);
	await standIn.listen();
	return standIn;
}
