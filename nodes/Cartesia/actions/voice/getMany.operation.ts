import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readResultLimit, returnAllProperties } from '../../descriptions/returnAll';
import { assertVersionAccepts, inputError } from '../../helpers/validation';
import { voiceOutput, voicePages } from '../../helpers/voicePages';
import type { CartesiaClient, QueryValue } from '../../transport';
import type { VersionedFeature } from '../../versions';
import { pairedItems } from '../output';

const EXPAND_FEATURES: Record<string, VersionedFeature> = {
	embedding: 'expandEmbedding',
	is_starred: 'expandIsStarred',
	preview_file_url: 'expandPreviewFileUrl',
};

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Expand',
				name: 'expand',
				type: 'multiOptions',
				default: [],
				description: 'Extra fields to include in each voice',
				options: [
					{ name: 'Embedding (2024-11-13 Only)', value: 'embedding' },
					{ name: 'Is Starred (up to 2025-04-16)', value: 'is_starred' },
					{ name: 'Preview File URL (2025-11-04 and Later)', value: 'preview_file_url' },
				],
			},
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				default: 'feminine',
				options: [
					{ name: 'Feminine', value: 'feminine' },
					{ name: 'Gender Neutral', value: 'gender_neutral' },
					{ name: 'Masculine', value: 'masculine' },
				],
				description: 'Only voices that present this gender',
			},
			{
				displayName: 'Owned Only',
				name: 'ownedOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only voices you created (clones, localizations)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. narrator',
				description: 'Text to look for in the name, description or ID (Cartesia-Version 2025-11-04 and later)',
			},
			{
				displayName: 'Starred Only',
				name: 'starredOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only voices you starred (Cartesia-Version up to 2025-04-16)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['getMany'] } }, properties);

interface Filters {
	expand?: string[];
	gender?: string;
	ownedOnly?: boolean;
	search?: string;
	starredOnly?: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const version = client.apiVersion;
	const search = filters.search?.trim();
	if (search) assertVersionAccepts(this, itemIndex, version, 'voiceListSearch', 'Search');
	if (filters.starredOnly) assertVersionAccepts(this, itemIndex, version, 'voiceListStarred', 'Starred Only');
	for (const value of filters.expand ?? []) {
		const feature = EXPAND_FEATURES[value];
		if (!feature) throw inputError(this, itemIndex, `"Expand" has an unknown value "${value}"`);
		assertVersionAccepts(this, itemIndex, version, feature, `Expand: ${value}`);
	}

	// Only a filter that is switched on is sent: "Owned Only: off" means "no filter", not "not owned".
	const query: Record<string, QueryValue> = {
		is_owner: filters.ownedOnly ? true : undefined,
		is_starred: filters.starredOnly ? true : undefined,
		gender: filters.gender || undefined,
		q: search || undefined,
		expand: filters.expand?.length ? filters.expand : undefined,
	};
	const voices: IDataObject[] = [];
	for await (const page of voicePages(client, query, { max: limit })) voices.push(...page.voices);
	return pairedItems(voices.map(voiceOutput), itemIndex);
}
