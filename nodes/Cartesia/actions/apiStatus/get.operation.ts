import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CartesiaClient } from '../../transport';
import { pairedItems } from '../output';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CartesiaClient,
): Promise<INodeExecutionData[]> {
	const status = await client.json<IDataObject>({ method: 'GET', path: '/', retry: 'repeatable' });
	return pairedItems(status, itemIndex);
}
