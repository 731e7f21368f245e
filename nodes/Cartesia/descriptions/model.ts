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
			required: true,
			placeholder: 'e.g. sonic-3-2026-01-12',
			displayOptions: { show: { model: [CUSTOM_MODEL] } },
		},
	];
}

export function readModel(context: IExecuteFunctions, itemIndex: number): string {
	const model = String(context.getNodeParameter('model', itemIndex)).trim();
	const id = model === CUSTOM_MODEL ? String(context.getNodeParameter('customModel', itemIndex, '')).trim() : model;
	if (!id) {
		throw inputError(context, itemIndex, `"${model === CUSTOM_MODEL ? 'Model ID' : 'Model'}" is empty`, 'Choose a model.');
	}
	return id;
}
