import type { IExecuteFunctions } from 'n8n-workflow';

import { ACCENT_IDS, LOCALIZABLE_ACCENT_IDS, accentDisplayName, accentId, accentOnWire } from '../accents';
import type { ApiVersion } from '../versions';
import { describeVersions, versionSupports } from '../versions';
import { inputError, locatorRawValue } from './validation';

interface AccentParameter {
	/** The parameter's value: a picker value ({ mode, value }) or a bare ID or display name. */
	value: unknown;
	displayName: string;
	version: ApiVersion;
	/** Localize: only accents Cartesia can localize to. */
	localizable?: boolean;
}

/**
 * An accent as this version takes it (docs/wire-format.md §7.3): the catalog ID ("british") from
 * 2026-08-14, the display name ("British English") on 2025-11-04 and 2026-03-01, nothing before.
 * Either form may be typed; empty means "not set". Every refusal happens before a request.
 */
export function readAccent(context: IExecuteFunctions, itemIndex: number, parameter: AccentParameter): string | undefined {
	const { displayName, version } = parameter;
	const raw = locatorRawValue(parameter.value);
	const input = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	if (!input) return undefined;
	if (!versionSupports(version, 'accentCatalogId') && !versionSupports(version, 'accentDisplayName')) {
		throw inputError(
			context,
			itemIndex,
			`"${displayName}" is not available with Cartesia-Version ${version}`,
			`Cartesia takes an accent from 2025-11-04 on (${describeVersions('accentDisplayName')} as a display name, ${describeVersions('accentCatalogId')} as a catalog ID). Remove "${displayName}", or pick a later API version in the Cartesia API credential.`,
		);
	}
	const id = accentId(input);
	if (parameter.localizable && id !== undefined && !LOCALIZABLE_ACCENT_IDS.includes(id)) {
		throw inputError(
			context,
			itemIndex,
			`"${displayName}" cannot be "${input}": Cartesia cannot localize a voice to that accent`,
			`Choose one of the accents Cartesia localizes to: ${LOCALIZABLE_ACCENT_IDS.join(', ')}.`,
		);
	}
	const wire = accentOnWire(version, input);
	if (wire !== undefined) {
		if (id === undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(wire)) {
			throw inputError(
				context,
				itemIndex,
				`"${displayName}" cannot be ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`,
				'An accent is a catalog ID such as british or southern-us: choose one from the list, or see Voice → List Accents.',
			);
		}
		return wire;
	}
	// Up to 2026-03-01 an accent needs a display name: an unknown one, or one of the IDs new in 2026-08-14, has none.
	throw inputError(
		context,
		itemIndex,
		id === undefined
			? `"${displayName}" cannot be ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`
			: `"${displayName}" "${id}" is not available with Cartesia-Version ${version}`,
		id === undefined
			? `Cartesia-Version ${version} takes one of its accent names, such as British English: choose one from the list.`
			: `Cartesia added this accent with 2026-08-14; pick 2026-08-14 in the Cartesia API credential to use it.`,
	);
}

/** Every accent ID the node knows with its name, for the picker when the version has no catalog endpoint. */
export function knownAccents(localizableOnly: boolean): Array<{ id: string; name: string }> {
	return (localizableOnly ? LOCALIZABLE_ACCENT_IDS : ACCENT_IDS)
		.filter((id) => accentDisplayName(id) !== undefined)
		.map((id) => ({ id, name: accentDisplayName(id) as string }));
}
