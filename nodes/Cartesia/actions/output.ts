import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Output items for one input item, each paired with it. */
export function pairedItems(json: IDataObject | IDataObject[], itemIndex: number): INodeExecutionData[] {
	const objects = Array.isArray(json) ? json : [json];
	return objects.map((object) => ({ json: object, pairedItem: { item: itemIndex } }));
}
