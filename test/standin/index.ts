/**
 * The local Cartesia stand-in: a real HTTP server on 127.0.0.1 that speaks the wire format of
 * docs/wire-format.md strictly, for tests, demos and benchmarks.
 *
 *   const standIn = await startStandIn();
 *   // … point the node at standIn.url with standIn.apiKey …
 *   await standIn.close();
 */
export { DEFAULT_API_KEY, DEFAULT_VOICE_COUNT, startStandIn } from './server';
export { RETIRED_ENDPOINT } from './errors';
export { TRANSCRIPT_MARKER } from './audio';
export { FILES_PREFIX } from './files';
export { TTS_WEBSOCKET_PATH } from './websocket';
export { SEED_DICTIONARY_COUNT, type StoredDictionary } from './dictionaries';
export { agentEventBody } from './deliveries';
export { SEED_CALL_COUNT, UNREACHABLE_SUFFIX, type StoredAgent, type StoredCall, type StoredWebhook } from './agents';
export type { AgentEventType, Delivery, DeliveryResult, Fault, FaultAction, GenderPresentation, RecordedRequest, RecordedWebSocket, StandIn, StandInOptions, StoredVoice } from './types';
