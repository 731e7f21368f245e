import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiVersion, VersionedFeature } from '../versions';
import { operationVersionProblem, unsupportedFeatureMessage, versionSupports } from '../versions';

/** A bad-input error for one item, raised before any request is sent. */
export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** A required text parameter, trimmed; empty fails the item, naming the parameter. */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (!text) {
		throw inputError(context, itemIndex, `"${displayName}" is empty`, `Enter a value for "${displayName}".`);
	}
	return text;
}

/** Cartesia voice IDs are UUIDs (docs/wire-format.md §2.5: `"id": "<uuid>"`). */
export const VOICE_ID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const VOICE_ID = new RegExp(VOICE_ID_PATTERN);

/**
 * Refuses an ID that is not a Cartesia voice ID. An ID from an expression can be anything: `..` once
 * turned `GET /voices/..` into `GET /`, and a typo costs a round trip for a 404.
 */
export function assertVoiceId(
	context: IExecuteFunctions,
	itemIndex: number,
	id: string,
	displayName: string,
	/** How the message names the value, when more than the parameter: `"Voices" entry 2`. */
	label = `"${displayName}"`,
): string {
	if (VOICE_ID.test(id)) return id;
	throw inputError(
		context,
		itemIndex,
		`${label} is not a Cartesia voice ID: ${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)}`,
		'Voice IDs are UUIDs, e.g. a0e99841-438c-4a64-b679-ae501e7d6091. Choose the voice from the list, or copy its ID from Cartesia.',
	);
}

/**
 * Fails the item when the user set a field the chosen Cartesia-Version does not accept. Only called
 * for values the user set explicitly, so defaults never trip it.
 */
export function assertVersionAccepts(
	context: IExecuteFunctions,
	itemIndex: number,
	version: ApiVersion,
	feature: VersionedFeature,
	displayName: string,
): void {
	if (versionSupports(version, feature)) return;
	throw inputError(
		context,
		itemIndex,
		`"${displayName}" is not available with Cartesia-Version ${version}`,
		`${unsupportedFeatureMessage(feature, version)}. Remove "${displayName}", or pick another API version in the Cartesia API credential.`,
	);
}

/** What a Resource Locator holds: the `value` of `{ mode, value }`, or the value itself when bare. */
export function locatorRawValue(value: unknown): unknown {
	return value && typeof value === 'object' && 'value' in value ? (value as { value?: unknown }).value : value;
}

/** Fails the item when the credential's version lacks the whole operation, naming the version to choose. */
export function assertOperationVersion(
	context: IExecuteFunctions,
	itemIndex: number,
	version: ApiVersion,
	feature: VersionedFeature,
	operation: string,
): void {
	if (versionSupports(version, feature)) return;
	const { message, description } = operationVersionProblem(operation, feature, version);
	throw inputError(context, itemIndex, message, description);
}

/** What a Cartesia ID that goes into a path names, for the messages: `agent`, `e.g. agent_abc123`. */
export interface PathIdParameter {
	name: string;
	displayName: string;
	/** What the ID names, in words: "agent", "call". */
	what: string;
	example: string;
}

/**
 * A required ID that goes into a path (an agent, a call), checked before any request: not empty, not `.`
 * or `..`, no `/`. Cartesia's agent and call IDs are not UUIDs (`agent_…`, `ac_…`), so nothing stricter.
 */
export function requiredPathId(context: IExecuteFunctions, itemIndex: number, parameter: PathIdParameter): string {
	const raw = locatorRawValue(context.getNodeParameter(parameter.name, itemIndex, '') as unknown);
	const id = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	const label = `"${parameter.displayName}"`;
	if (!id) throw inputError(context, itemIndex, `${label} is empty`, `Choose the ${parameter.what} from the list, or enter its ID.`);
	if (id === '.' || id === '..' || id.includes('/')) {
		throw inputError(
			context,
			itemIndex,
			`${label} is not a Cartesia ${parameter.what} ID: ${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)}`,
			`Enter the ID as Cartesia gave it (${parameter.example}), or choose the ${parameter.what} from the list.`,
		);
	}
	return id;
}
