/**
 * What each `Cartesia-Version` accepts: the one table the node and the test stand-in both read.
 * Every entry cites its section of docs/wire-format.md (the project's wire-format reference).
 */

export const API_VERSIONS = ['2024-11-13', '2025-04-16', '2025-11-04', '2026-03-01', '2026-08-14'] as const;

export type ApiVersion = (typeof API_VERSIONS)[number];

/** What a new credential speaks: Cartesia's current version, the one its SDKs 4.x send (docs/wire-format.md §7). */
export const DEFAULT_API_VERSION: ApiVersion = '2026-08-14';

/** Cartesia's current version, named as such in the credential. */
export const CURRENT_API_VERSION: ApiVersion = '2026-08-14';

/** Inclusive range of versions; an open end means "every offered version on that side". */
interface VersionRange {
	from?: ApiVersion;
	to?: ApiVersion;
	/** Shown to the user when the version refuses the feature. */
	label: string;
}

export const VERSIONED_FEATURES = {
	// 1.1: X-API-Key up to 2024-11-13, `Authorization: Bearer` from 2025-04-16.
	apiKeyHeader: { to: '2024-11-13', label: 'the X-API-Key header' },
	// 1.4: structured JSON errors are guaranteed from 2026-03-01; older versions may answer in plain text.
	structuredErrors: { from: '2026-03-01', label: 'structured JSON errors' },

	// 2.13, 2.14: only the 2024-11-13 definition has Mix and Create (both sunset on 2026-06-01).
	voiceCreate: { to: '2024-11-13', label: 'Voice → Create' },
	voiceMix: { to: '2024-11-13', label: 'Voice → Mix' },

	// 2.7: list filters.
	voiceListStarred: { to: '2025-04-16', label: 'the Starred Only filter (is_starred)' },
	voiceListSearch: { from: '2025-11-04', label: 'search text (q)' },
	expandEmbedding: { to: '2024-11-13', label: 'expand "embedding"' },
	expandIsStarred: { to: '2025-04-16', label: 'expand "is_starred"' },
	expandPreviewFileUrl: { from: '2025-11-04', label: 'expand "preview_file_url"' },

	// 2.9: 2024-11-13 requires name and description; gender arrives with 2025-04-16.
	voiceUpdateRequiresNameAndDescription: { to: '2024-11-13', label: 'required name and description' },
	voiceUpdateGender: { from: '2025-04-16', label: 'gender on update' },

	// 2.11: clone `mode` exists (and is required) only in 2024-11-13; `enhance` is gone from 2025-11-04.
	cloneMode: { to: '2024-11-13', label: 'clone mode' },
	cloneEnhance: { to: '2025-04-16', label: 'enhance' },

	// 3.3: the 2024-11-13 and 2025-04-16 definitions list 15 TTS languages; sonic-3 and 2025-11-04 list 42.
	ttsExtraLanguages: { from: '2025-11-04', label: 'this language' },
	// 2.12 / 3.7: JS3 (2025-11-04) adds ar, he, ta, te, th as localize targets.
	localizeExtraLanguages: { from: '2025-11-04', label: 'this target language' },

	// 2.2: the `agent` grant appears with 2025-11-04.
	accessTokenAgentGrant: { from: '2025-11-04', label: 'the agent grant' },

	// 2.5: TTS `duration` is in PY2/F1113/F0416 but not in the 2025-11-04 OAS; `save` arrives with 2025-04-16.
	ttsDuration: { to: '2025-04-16', label: 'duration' },
	ttsSave: { from: '2025-04-16', label: 'save' },

	// 2.3: infill's `voice[__experimental_controls]` fields exist only up to 2024-11-13.
	infillExperimentalControls: { to: '2024-11-13', label: 'experimental speed and emotion controls' },

	// 7.1: TTS takes `voice: {mode: "id", id}` up to 2026-03-01; 2026-08-14 takes the bare id (or `{id}`),
	// and the node never sends `mode` there (whether Cartesia refuses it is unconfirmed, 7.10).
	ttsVoiceMode: { to: '2026-03-01', label: 'voice.mode' },
	// 7.4: `locale` (`en-GB`) beside `language`, never both; `normalization` (`auto`, `off` or a locale).
	ttsLocale: { from: '2026-08-14', label: 'a locale with a region (locale)' },
	ttsNormalization: { from: '2026-08-14', label: 'normalization' },
	// 7.9: Odia and Urdu join the TTS, Clone and Infill languages.
	ttsLanguages2026: { from: '2026-08-14', label: 'this language' },

	// 7.3: `accent` on update, clone and localize: a display name ("British English") in JS3, which sends
	// 2025-11-04 (so 2025-11-04 and 2026-03-01), a catalog id ("british") from 2026-08-14. Earlier versions
	// document no accent at all.
	accentDisplayName: { from: '2025-11-04', to: '2026-03-01', label: 'accent' },
	accentCatalogId: { from: '2026-08-14', label: 'accent catalog IDs' },
	// 7.2: Localize requires an accent and takes a tagline from 2026-08-14; language, speaker gender and
	// dialect become optional (the node sends them only up to 2026-03-01).
	localizeByAccent: { from: '2026-08-14', label: 'localize by accent' },
	localizeByLanguage: { to: '2026-03-01', label: 'dialect' },
	voiceTagline: { from: '2026-08-14', label: 'tagline' },
	// 7.5: Voice objects carry `access` / `visibility` instead of `is_public` (and `tagline`, `accent`).
	voiceAccess: { from: '2026-08-14', label: 'access and visibility' },
	// 7.6, 7.7: the accent catalog and a voice's extra accents. Documented for 2026-08-14 only; whether
	// older versions answer them is unconfirmed (7.10), so they are gated to 2026-08-14.
	accentCatalog: { from: '2026-08-14', label: 'the accent catalog (GET /accents)' },
	voiceAccents: { from: '2026-08-14', label: "a voice's added accents (/voices/{id}/accents)" },
	// 2.15: pronunciation dictionaries (`/pronunciation-dicts/`) and TTS `pronunciation_dict_id` are defined
	// from 2025-04-16 (F0416); the 2024-11-13 definition has neither (PY2 sent the id anyway, undocumented).
	pronunciationDicts: { from: '2025-04-16', label: 'pronunciation dictionaries' },
	// 7.8: pronunciation dictionary items' `case_sensitive` (JS4 4.2.0); unconfirmed on older versions.
	pronunciationCaseSensitive: { from: '2026-08-14', label: 'case-sensitive dictionary items' },
	// 8.1–8.3: agents and their calls (`/agents`, `/agents/calls`) are defined from 2025-04-16 (F0416) and
	// unchanged through 2026-08-14 (the SDKs' agents code is byte-identical, 7 and addendum C).
	agents: { from: '2025-04-16', label: 'agents and calls (/agents)' },
	// 8.4: outbound calls (`POST /agents/calls`, per-destination results) are documented from 2026-03-01;
	// 2025-04-16 had a different, undocumented-response endpoint the node does not use.
	outboundCalls: { from: '2026-03-01', label: 'outbound calls (POST /agents/calls)' },
	// 8.5: agent webhooks (`POST /agents/webhooks`, `X-Webhook-Secret`) are documented for 2026-03-01 and later.
	agentWebhooks: { from: '2026-03-01', label: 'agent webhooks (/agents/webhooks)' },
} satisfies Record<string, VersionRange>;

export type VersionedFeature = keyof typeof VERSIONED_FEATURES;

export function isApiVersion(value: unknown): value is ApiVersion {
	return typeof value === 'string' && (API_VERSIONS as readonly string[]).includes(value);
}

function versionIndex(version: ApiVersion): number {
	return API_VERSIONS.indexOf(version);
}

export function versionSupports(version: ApiVersion, feature: VersionedFeature): boolean {
	const range: VersionRange = VERSIONED_FEATURES[feature];
	const at = versionIndex(version);
	if (range.from !== undefined && at < versionIndex(range.from)) return false;
	if (range.to !== undefined && at > versionIndex(range.to)) return false;
	return true;
}

/** "2025-11-04 and later", "up to 2025-04-16", "only 2024-11-13". */
export function describeVersions(feature: VersionedFeature): string {
	const range: VersionRange = VERSIONED_FEATURES[feature];
	if (range.from && range.to) {
		return range.from === range.to ? `only ${range.from}` : `${range.from} to ${range.to}`;
	}
	if (range.from) return `${range.from} and later`;
	if (range.to) {
		return range.to === API_VERSIONS[0] ? `only ${range.to}` : `up to ${range.to}`;
	}
	return 'every version';
}

/** The sentence an error shows when a version refuses a feature the user asked for. */
export function unsupportedFeatureMessage(feature: VersionedFeature, version: ApiVersion): string {
	const { label } = VERSIONED_FEATURES[feature] as VersionRange;
	return `Cartesia-Version ${version} does not accept ${label}; it is accepted by ${describeVersions(feature)}`;
}

/** The versions that accept a feature, oldest first. */
export function versionsAccepting(feature: VersionedFeature): ApiVersion[] {
	return API_VERSIONS.filter((version) => versionSupports(version, feature));
}

/**
 * What to tell a user whose credential's version lacks a whole operation: which versions have it, and
 * which to choose (the newest that has it).
 */
export function operationVersionProblem(
	operation: string,
	feature: VersionedFeature,
	version: ApiVersion,
): { message: string; description: string } {
	const accepting = versionsAccepting(feature);
	return {
		message: `${operation} needs Cartesia-Version ${describeVersions(feature)}; the credential uses ${version}`,
		description: `Choose ${accepting[accepting.length - 1]} (or ${accepting.join(', ')}) as the API Version in the Cartesia API credential.`,
	};
}
