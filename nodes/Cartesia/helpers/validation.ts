import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiVersion, VersionedFeature } from '../versions';
import { unsupportedFeatureMessage, versionSupports } from '../versions';

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

/** A voice picked with the Resource Locator (From List or By ID). */
export function requiredVoiceId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) {
		throw inputError(
			context,
			itemIndex,
			`"${displayName}" is empty`,
			'Choose a voice from the list, or switch to By ID and paste the voice ID.',
		);
	}
	return id;
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

/**
 * The id inside a voice picker value. n8n hands nested Resource Locators (in collections) over
 * unextracted, as `{ mode, value }`; top-level ones arrive as the id itself.
 */
export function locatorValue(value: unknown): string | undefined {
	const raw = value && typeof value === 'object' ? (value as { value?: unknown }).value : value;
	const id = typeof raw === 'string' ? raw.trim() : '';
	return id || undefined;
}
