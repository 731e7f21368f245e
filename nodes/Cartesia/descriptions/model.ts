import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { inputError } from '../helpers/validation';

const CUSTOM_MODEL = 'custom';

/** A model dropdown, plus a free-text ID for models this node does not list yet. */
export function modelProperties(models: INodePropertyOptions[], defaultModel: string): INodeProperties[] {
	return [
		{
			displayName: 'Model',
			name: 'model',
			type: 'options',
			default: defaultModel,
			options: [...models, { name: 'Custom Model ID', value: CUSTOM_MODEL, description: 'Enter a model ID yourself' }],
		},
		{
			displayName: 'Model ID',
			name: 'customModel',
			type: 'string',
			default: '',
			// Not `required`: with Model set by an expression this field shows too, and n8n would refuse
			// to run until it is filled even when the expression picks a listed model. readModel checks it.
			placeholder: 'e.g. sonic-3-2026-01-12',
			displayOptions: { show: { model: [CUSTOM_MODEL] } },
		},
	];
}

export function readModel(context: IExecuteFunctions, itemIndex: number): string {
	const model = String(context.getNodeParameter('model', itemIndex)).trim();
	if (model !== CUSTOM_MODEL) {
		if (!model) throw inputError(context, itemIndex, '"Model" is empty', 'Choose a model.');
		return model;
	}
	const id = String(context.getNodeParameter('customModel', itemIndex, '') ?? '').trim();
	if (!id) {
		throw inputError(
			context,
			itemIndex,
			'"Model ID" is empty',
			'Model is set to Custom Model ID: enter the model ID in "Model ID", or choose a model from the list.',
		);
	}
	return id;
}
