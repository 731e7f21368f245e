/**
 * The public shapes of the local Cartesia stand-in: options, the handle a test holds, what it records,
 * the faults it can inject and the voices it stores.
 */

import type { StoredAgent, StoredCall, StoredWebhook, UnconfirmedEndpoints } from './agents';
import type { StoredDictionary } from './dictionaries';

export interface StandInOptions {
	/** The one API key the stand-in accepts. Default `sk_standin_test_key`. */
	apiKey?: string;
	/** How many voices `reset()` seeds. Default 330 (four pages of 100). */
	voiceCount?: number;
	/** How many pronunciation dictionaries `reset()` seeds. Default 23 (three pages of 10). */
	dictionaryCount?: number;
}

export interface RecordedRequest {
	method: string;
	/** The path without the query string. */
	path: string;
	/** Raw decoded query pairs in order, e.g. `[['expand[]', 'a'], ['expand[]', 'b']]`. */
	query: Array<[string, string]>;
	headers: Record<string, string | string[] | undefined>;
	/** The parsed JSON body, when the request declared `application/json` and it parsed. */
	json?: unknown;
	/** Multipart text fields in order. */
	fields?: Array<[string, string]>;
	/** Multipart file parts in order. */
	files?: Array<{ field: string; filename: string; contentType: string; size: number }>;
	/** The status the stand-in answered; 0 when it answered nothing (socket destroyed, client gone). */
	status: number;
	/** Why the stand-in answered with an error status, when it did. */
	rejection?: string;
	/** The `x-request-id` the stand-in answered with. */
	requestId?: string;
	/** The kind of the injected fault that this request consumed, if any. */
	fault?: Fault['kind'];
	/** Request body bytes that arrived before a `reset-mid-upload` fault cut the connection. */
	bodyBytesBeforeReset?: number;
	/** Seconds of audio a TTS answer carried (whole MPEG frames for MP3), once it was sent in full. */
	audioSeconds?: number;
}

export type StatusFault = {
	kind: 'status';
	status: number;
	retryAfter?: string;
	errorCode?: string;
	message?: string;
	/**
	 * `version` (default): JSON for Cartesia-Version >= 2026-03-01, `Title: Message` text before.
	 * `binary`: the version's error body bytes sent as `application/octet-stream`.
	 */
	bodyEncoding?: 'version' | 'json' | 'text' | 'binary';
};

export type FaultAction =
	| StatusFault
	/** Destroy the socket before any response byte (after reading the request). */
	| { kind: 'reset-before-response' }
	/** Send the headers and `afterBytes` bytes of the body, then destroy the socket. */
	| { kind: 'reset-mid-body'; afterBytes: number }
	/** Wait before sending the headers. */
	| { kind: 'slow'; delayMs: number }
	/** SSE only: after N good events send `data: {not json`, then end the stream. */
	| { kind: 'sse-malformed'; afterEvents: number }
	/** SSE only: after N good events send the version's error event, then end the stream. */
	| { kind: 'sse-error'; afterEvents: number; message?: string }
	/**
	 * Answer an error (`status`, default 400) whose message echoes the credential the request carried,
	 * bare and as `Bearer <credential>`, as a careless server or proxy might; `bodyEncoding` as for `status`.
	 */
	| { kind: 'echo-key'; status?: number; bodyEncoding?: StatusFault['bodyEncoding'] }
	/** Answer an error (`status`, default 400) whose message echoes the JSON body the request sent (a webhook's secret, say). */
	| { kind: 'echo-body'; status?: number }
	/** SSE only: after N good events send the version's error event, its message echoing the credential. */
	| { kind: 'sse-echo-key'; afterEvents: number }
	| ReliabilityFaultAction
	| WebSocketFaultAction;

/**
 * Faults of the TTS WebSocket (path `/tts/websocket`; a `status` fault there refuses the upgrade). Each
 * applies to one connection; chunks and inputs are counted per connection.
 */
export type WebSocketFaultAction =
	/** Cut the connection (no close frame) once `afterChunks` chunk frames were sent, or when input `afterInputs + 1` arrives. */
	| { kind: 'ws-drop'; afterChunks?: number; afterInputs?: number }
	/** Answer input `afterInputs + 1` with the version's error frame (status 500), which ends its context; `echoKey` puts the credential in the message. */
	| { kind: 'ws-error'; afterInputs: number; message?: string; echoKey?: boolean }
	/** Send nothing more once `afterChunks` chunk frames were sent, and keep the connection open. */
	| { kind: 'ws-stall'; afterChunks: number };

/** One TTS WebSocket connection the stand-in opened. */
export interface RecordedWebSocket {
	/** The `x-request-id` of the upgrade, also in `requests`. */
	requestId: string;
	version: string;
	/** Every JSON message received, in order. */
	messages: unknown[];
	/** The message of every error frame sent. */
	errors: string[];
	/** Whether the connection is still open. */
	open: boolean;
	/** `performance.now()` when the upgrade was accepted, and when the last `done` frame was sent. */
	openedAt: number;
	doneAt?: number;
}

/** Faults for the reliability suite (test/reliability): uploads cut short, oversized answers, broken streams. */
export type ReliabilityFaultAction =
	/** Destroy the socket once `afterBytes` bytes of the request body have arrived (no response at all). */
	| { kind: 'reset-mid-upload'; afterBytes: number }
	/** A success JSON answer padded (a leading `padding` field) to about `bytes` bytes, sent chunked without Content-Length. */
	| { kind: 'huge-json'; bytes: number }
	/** SSE only: after N good events start `data: ` and send `chars` characters with no line end, then end the stream. */
	| { kind: 'sse-long-line'; chars: number; afterEvents?: number }
	/** SSE only: after N good events send half an event (no line end), then end the stream. */
	| { kind: 'sse-truncated'; afterEvents: number }
	/** SSE only: send every event but the final `done` one, then end the stream cleanly. */
	| { kind: 'sse-no-done' }
	/** SSE only: before each event (and before `done`) send a comment, a named `ping` event and an event of an unknown type. */
	| { kind: 'sse-unknown-events' };

export type Fault = {
	/** Match the request path exactly; default any path. */
	path?: string;
	/** How many matching requests the fault applies to; default 1. */
	times?: number;
	/** How many matching requests pass untouched before the fault applies (2: the third one); default 0. */
	after?: number;
} & FaultAction;

export type GenderPresentation = 'masculine' | 'feminine' | 'gender_neutral';

export interface StoredVoice {
	id: string;
	name: string;
	description: string;
	language: string;
	gender: GenderPresentation | null;
	isOwner: boolean;
	isPublic: boolean;
	isStarred: boolean;
	/** Catalog accent ID (docs/wire-format.md §7.3), or null when the voice has none. */
	accent: string | null;
	/** Accents added with PATCH /voices/{id}/accents (catalog IDs), 2026-08-14. */
	addedAccents: string[];
	/** At most 32 characters; empty when unset (2026-08-14). */
	tagline: string;
	/** ISO date-time; increases along the list order. */
	createdAt: string;
	/** 192 numbers. */
	embedding: number[];
}

export interface StandIn {
	/** `http://127.0.0.1:<port>` */
	url: string;
	apiKey: string;
	/** Every request seen, in arrival order. */
	requests: RecordedRequest[];
	/** Requests currently being handled (arrival until the response ends). */
	readonly inFlight: number;
	/** The highest `inFlight` seen since the last reset. */
	readonly maxInFlight: number;
	/** The most requests admitted under the concurrency limit at once (refused ones not counted). */
	readonly maxAdmitted: number;
	/** Every TTS WebSocket connection opened since the last reset, in order. */
	webSockets: RecordedWebSocket[];
	/** Make WebSocket word timestamps restart at 0 for each input rather than run from the context's start. */
	setWebSocketTimestampsRestartPerInput(restart: boolean): void;
	/** Delay before each WebSocket input's first chunk, as `setLatency` delays an HTTP answer (0 by default). */
	setWebSocketInputLatency(ms: number): void;
	/** Queue a fault; faults are consumed first in, first out by the first matching request. */
	inject(fault: Fault): void;
	/** Make Mix and Create answer as Cartesia does since their 2026-06-01 sunset. */
	setRetired(retired: boolean): void;
	/** Beyond this many concurrent requests the stand-in answers 429 `concurrency_limited`. */
	setConcurrencyLimit(limit: number | undefined): void;
	/** The `Retry-After` value sent with concurrency 429s (none by default). */
	setConcurrencyRetryAfter(value: string | undefined): void;
	/** Delay added before every response's headers. */
	setLatency(ms: number): void;
	/** Make generated audio exactly this many audio bytes (plus container header/trailer). */
	setGeneratedAudioBytes(bytes: number | undefined): void;
	/** Spreads each `/tts/bytes` body over `ms` after its head: the request lasts latency + `ms`. */
	setBodyPacing(ms: number): void;
	/** TTS audio leaves at `speed` × real time at most (bytes bodies and WebSocket chunks); undefined: at once. */
	setGenerationSpeed(speed: number | undefined): void;
	/** The current voice store, in list order (copies). */
	voices(): StoredVoice[];
	/** The current pronunciation dictionaries, in list order (copies). */
	dictionaries(): StoredDictionary[];
	/** The agents, with their phone numbers and attached webhook ids (copies). */
	agents(): StoredAgent[];
	/** An agent's calls, newest first (copies). */
	calls(agentId: string): StoredCall[];
	/** The webhooks created through POST /agents/webhooks (copies, secrets included). */
	webhooks(): StoredWebhook[];
	/** Make detach (`webhook_id: null`) and DELETE /agents/webhooks/{id}, both undocumented, answer 404 or 405. */
	setUnconfirmedAgentEndpoints(mode: UnconfirmedEndpoints): void;
	/** Someone else's webhook, attached to an agent as the Cartesia dashboard would. */
	attachWebhook(agentId: string, webhook: { url: string; secret: string }): StoredWebhook;
	/** POSTs an agent event as Cartesia would (docs/wire-format.md §9.6), with the right, a wrong or no secret. */
	deliver(delivery: Delivery): Promise<DeliveryResult>;
	/** Clear requests, faults, counters, latency, limits, tokens and settings; reseed the voices and dictionaries. */
	reset(): void;
	close(): Promise<void>;
}

export type AgentEventType = 'call_started' | 'call_turn' | 'call_completed' | 'call_failed' | 'post_call_analysis';

export interface Delivery {
	/** The event type; any string, so unknown types can be sent too. */
	type: AgentEventType | string;
	/** The call the event is about (a seeded call of the agent by default). */
	callId?: string;
	/** Whose webhook receives it: the agent's attached webhook gives the URL and the secret. */
	agentId?: string;
	/** Where to send, instead of the agent's webhook (manual set-up). */
	url?: string;
	/** The secret to send when `url` is given; the webhook's own otherwise. */
	secret?: string;
	/** `right` (default), `wrong` (another value of the same length), or `missing` (no header). */
	secretMode?: 'right' | 'wrong' | 'missing';
	/** Where the event name goes: `type` (default) or `event` (the envelope is unconfirmed). */
	nameField?: 'type' | 'event';
}

export interface DeliveryResult {
	status: number;
	body: string;
	/** What was sent, without the secret header. */
	sent: Record<string, unknown>;
}
