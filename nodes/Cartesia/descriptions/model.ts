import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ModelUse } from '../catalog';
import { inputError, locatorRawValue } from '../helpers/validation';

/** A Cartesia model ID as the API spells them: lower-case words, digits, dots and hyphens. */
const MODEL_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/**
 * The Model picker: From List (the models this node knows) or By ID (any model ID, e.g. a snapshot
 * released after this node). A Resource Locator rather than a dropdown because n8n's editor offers
 * the "let the model define this" ($fromAI) button on every parameter type except `options`.
 */
export function modelProperties(use: ModelUse, defaultModel: string): INodeProperties[] {
	return [
		{
			displayName: 'Model',
			name: 'model',
			type: 'resourceLocator',
			default: { mode: 'list', value: defaultModel },
			required: true,
			description: 'The Cartesia model. Pick it from the list, or enter a model ID such as a dated snapshot.',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select a model...',
					typeOptions: { searchListMethod: MODEL_SEARCH_METHODS[use], searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: `e.g. ${defaultModel}`,
				},
			],
		},
	];
}

/** The list search method behind each model picker (methods/optionSearch.ts). */
export const MODEL_SEARCH_METHODS: Record<ModelUse, string> = {
	tts: 'searchTtsModels',
	infill: 'searchInfillModels',
	stt: 'searchSttModels',
};

/**
 * The model ID, trimmed and lower-cased ("Sonic-3 " from an expression or an agent is "sonic-3").
 * Anything that cannot be a model ID fails the item before the request.
 */
export function readModel(context: IExecuteFunctions, itemIndex: number): string {
	const value = locatorRawValue(context.getNodeParameter('model', itemIndex, '') as unknown);
	const raw = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	const model = raw.trim().toLowerCase();
	if (!model) throw inputError(context, itemIndex, '"Model" is empty', 'Choose a model from the list, or enter a model ID.');
	if (!MODEL_ID.test(model)) {
		throw inputError(
			context,
			itemIndex,
			`"Model" cannot be ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}`,
			'Model IDs are lower-case words joined by hyphens, e.g. sonic-3, sonic-turbo or ink-whisper. Choose a model from the list.',
		);
	}
	return model;
}
