import type { INodePropertyOptions } from 'n8n-workflow';

import { languageName } from '../languages';

/** Dropdown options sorted by name, with the code in the description. */
export function languageOptions(codes: readonly string[]): INodePropertyOptions[] {
	return codes
		.map((code) => ({ name: languageName(code), value: code, description: `Code: ${code}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
