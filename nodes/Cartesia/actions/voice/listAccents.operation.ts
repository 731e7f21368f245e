import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ACCENT_MEANING } from '../../descriptions/accentLocator';
import { assertVersionAccepts } from '../../helpers/validation';
import type { CatalogAccent } from '../../methods/accentSearch';
import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

const properties: INodeProperties[] = [
	{
		displayName: `Cartesia's accent catalog, one item per accent (Cartesia-Version 2026-08-14 and later). ${ACCENT_MEANING}`,
		name: 'listAccentsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Localizable Only',
		name: 'localizableOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the accents Localize (and Add Accents) can target',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['listAccents'] } }, properties);

/** `GET /accents` (docs/wire-format.md §7.6): every accent, sorted by ID as Cartesia sends them. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	assertVersionAccepts(this, itemIndex, client.apiVersion, 'accentCatalog', 'Voice → List Accents');
	const localizableOnly = this.getNodeParameter('localizableOnly', itemIndex, false) as boolean;
	const catalog = await client.json<{ accents?: CatalogAccent[] }>({ method: 'GET', path: '/accents', retry: 'repeatable' });
	const accents = (catalog.accents ?? []).filter((accent) => !localizableOnly || accent.is_localizable === true);
	return pairedItems(accents.map((accent) => ({ ...accent })), itemIndex);
}
