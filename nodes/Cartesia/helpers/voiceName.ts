import type { IExecuteFunctions } from 'n8n-workflow';

import type { CartesiaClient } from '../transport';
import { versionSupports } from '../versions';
import { assertVoiceId, inputError, locatorRawValue } from './validation';
import { voicePages, type Voice } from './voicePages';

/** The voice picker's mode that takes a voice's name (descriptions/voiceLocator.ts). */
export const BY_NAME_MODE = 'name';

/** How an error names the voice parameter: `"Voice"`, or `"Voices" entry 2` inside a list. */
interface VoiceParameter {
	displayName: string;
	label?: string;
}

function quoted(text: string): string {
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/**
 * The one voice named `name`: whole name, ignoring case and surrounding spaces. Versions with `q`
 * (2025-11-04 on) narrow the list on the server; older ones are read page by page. No match, or
 * more than one, fails the item: a name that picks a voice at random would speak in the wrong voice.
 */
export async function voiceIdByName(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	name: string,
	{ displayName, label = `"${displayName}"` }: VoiceParameter,
): Promise<string> {
	const wanted = name.trim().toLowerCase();
	const serverSearch = versionSupports(client.apiVersion, 'voiceListSearch');
	const matches: Voice[] = [];
	for await (const page of voicePages(client, { q: serverSearch ? name.trim() : undefined })) {
		matches.push(...page.voices.filter((voice) => voice.name?.trim().toLowerCase() === wanted));
	}
	if (matches.length === 1) return matches[0].id;
	if (matches.length === 0) {
		throw inputError(
			context,
			itemIndex,
			`${label}: no voice is named ${quoted(name.trim())}`,
			'Voice names are matched whole, ignoring case. Check the name in your Cartesia voice library, or choose the voice from the list.',
		);
	}
	throw inputError(
		context,
		itemIndex,
		`${label}: ${matches.length} voices are named ${quoted(name.trim())}: ${matches.map((voice) => voice.id).join(', ')}`,
		'Choose one of them By ID, or give the voices different names in Cartesia.',
	);
}

/**
 * The voice ID a picker value stands for, or undefined when it is empty. By Name looks the name up;
 * From List and By ID must hold a voice ID (a UUID). Takes the value as n8n stores it
 * (`{ mode, value }`) or a bare ID (an expression, an older workflow).
 */
export async function resolveVoice(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	value: unknown,
	parameter: VoiceParameter,
): Promise<string | undefined> {
	const raw = locatorRawValue(value);
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) return undefined;
	const mode = value && typeof value === 'object' ? (value as { mode?: unknown }).mode : undefined;
	if (mode === BY_NAME_MODE) return await voiceIdByName(context, itemIndex, client, text, parameter);
	return assertVoiceId(context, itemIndex, text, parameter.displayName, parameter.label);
}

/** A required top-level voice picker: its voice ID, whichever mode it is in. */
export async function readVoiceId(
	context: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
	name: string,
	displayName: string,
): Promise<string> {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const id = await resolveVoice(context, itemIndex, client, value, { displayName });
	if (id !== undefined) return id;
	throw inputError(
		context,
		itemIndex,
		`"${displayName}" is empty`,
		'Choose a voice from the list, or switch to By ID or By Name and enter the voice ID or name.',
	);
}
