/** Every endpoint of docs/wire-format.md §2 (and §7), by path and method. */
import type { Operation } from './context';
import {
	callAudio,
	createWebhook,
	deleteWebhook,
	getAgent,
	getCall,
	listAgentPhoneNumbers,
	listAgents,
	listCalls,
	startOutboundCalls,
	updateAgent,
} from './handlers/agents';
import { createDictionary, deleteDictionary, getDictionary, listDictionaries, updateDictionary } from './handlers/dictionaries';
import { infill } from './handlers/infill';
import { accessToken, apiStatus } from './handlers/misc';
import { transcribe } from './handlers/stt';
import { ttsBytes, ttsSse } from './handlers/tts';
import { voiceChangerBytes, voiceChangerSse } from './handlers/voiceChanger';
import {
	addVoiceAccents,
	cloneVoice,
	createVoice,
	deleteVoice,
	deleteVoiceAccent,
	getVoice,
	listAccents,
	listVoices,
	localizeVoice,
	mixVoices,
	updateVoice,
	voicePreview,
} from './handlers/voices';

export interface Route {
	/** How the path is named in messages, e.g. `/voices/{id}`. */
	template: string;
	match(path: string): Record<string, string> | undefined;
	operations: Readonly<Partial<Record<string, Operation>>>;
}

function exact(path: string, operations: Route['operations']): Route {
	return { template: path, match: (candidate) => (candidate === path ? {} : undefined), operations };
}

function withId(template: string, pattern: RegExp, operations: Route['operations']): Route {
	return {
		template,
		match(candidate) {
			const found = pattern.exec(candidate);
			if (!found) return undefined;
			try {
				return { id: decodeURIComponent(found[1]) };
			} catch {
				return undefined;
			}
		},
		operations,
	};
}

function withIdAndAccent(template: string, pattern: RegExp, operations: Route['operations']): Route {
	return {
		template,
		match(candidate) {
			const found = pattern.exec(candidate);
			if (!found) return undefined;
			try {
				return { id: decodeURIComponent(found[1]), accent: decodeURIComponent(found[2]) };
			} catch {
				return undefined;
			}
		},
		operations,
	};
}

// Exact paths come first so /voices/clone is never read as /voices/{id}.
// GET /voices and GET /voices/ both list (SDKs use both; docs/wire-format.md §2.7, §2.14 and §5.9).
const voicesRoot = { GET: listVoices, POST: createVoice };
// Every SDK lists and creates dictionaries with the trailing slash (docs/wire-format.md §2.15); both are taken.
const dictionariesRoot = { GET: listDictionaries, POST: createDictionary };

export const ROUTES: readonly Route[] = [
	exact('/', { GET: apiStatus }),
	exact('/access-token', { POST: accessToken }),
	exact('/voices', voicesRoot),
	exact('/voices/', voicesRoot),
	exact('/voices/clone', { POST: cloneVoice }),
	exact('/voices/localize', { POST: localizeVoice }),
	exact('/voices/mix', { POST: mixVoices }),
	withId('/voices/{id}', /^\/voices\/([^/]+)$/, { GET: getVoice, PATCH: updateVoice, DELETE: deleteVoice }),
	withId('/voices/{id}/preview', /^\/voices\/([^/]+)\/preview$/, { GET: voicePreview }),
	withId('/voices/{id}/accents', /^\/voices\/([^/]+)\/accents$/, { PATCH: addVoiceAccents }),
	withIdAndAccent('/voices/{id}/accents/{accent_id}', /^\/voices\/([^/]+)\/accents\/([^/]+)$/, { DELETE: deleteVoiceAccent }),
	exact('/accents', { GET: listAccents }),
	exact('/pronunciation-dicts', dictionariesRoot),
	exact('/pronunciation-dicts/', dictionariesRoot),
	withId('/pronunciation-dicts/{id}', /^\/pronunciation-dicts\/([^/]+)$/, {
		GET: getDictionary,
		PATCH: updateDictionary,
		DELETE: deleteDictionary,
	}),
	// Agents (§9): the exact paths first, so /agents/calls is never read as the agent "calls".
	exact('/agents', { GET: listAgents }),
	exact('/agents/calls', { GET: listCalls, POST: startOutboundCalls }),
	exact('/agents/webhooks', { POST: createWebhook }),
	withId('/agents/webhooks/{id}', /^\/agents\/webhooks\/([^/]+)$/, { DELETE: deleteWebhook }),
	withId('/agents/calls/{id}', /^\/agents\/calls\/([^/]+)$/, { GET: getCall }),
	withId('/agents/calls/{id}/audio', /^\/agents\/calls\/([^/]+)\/audio$/, { GET: callAudio }),
	withId('/agents/{id}', /^\/agents\/([^/]+)$/, { GET: getAgent, PATCH: updateAgent }),
	withId('/agents/{id}/phone-numbers', /^\/agents\/([^/]+)\/phone-numbers$/, { GET: listAgentPhoneNumbers }),
	exact('/tts/bytes', { POST: ttsBytes }),
	exact('/tts/sse', { POST: ttsSse }),
	exact('/stt', { POST: transcribe }),
	exact('/infill/bytes', { POST: infill }),
	exact('/voice-changer/bytes', { POST: voiceChangerBytes }),
	exact('/voice-changer/sse', { POST: voiceChangerSse }),
];

export function findRoute(path: string): { route: Route; params: Record<string, string> } | undefined {
	for (const route of ROUTES) {
		const params = route.match(path);
		if (params) return { route, params };
	}
	return undefined;
}
