import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readMaxConcurrentRequests, transportOptionsReader } from '../descriptions/requestOptions';
import { mapInOrder } from '../helpers/mapInOrder';
import { withParameterCache } from '../helpers/parameterCache';
import { isToolCall } from '../helpers/toolOutput';
import { ADAPTIVE_MAX_WINDOW, CartesiaClient, CartesiaRequestCancelledError, ExecutionLimiters } from '../transport';
import { CREDENTIAL_TYPE, toCartesiaCredentials, type CartesiaCredentials } from '../transport/credentials';
import type { CartesiaResource } from './node.type';
import { RESOURCES } from './resources';
import { toToolResults } from './toolResults';

/** The JSON an item carries when it fails under "Continue On Fail". */
function errorJson(error: Error): INodeExecutionData['json'] {
	const json: INodeExecutionData['json'] = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
	}
	if (error instanceof NodeApiError) {
		if (error.httpCode) json.httpCode = error.httpCode;
		if (error.context.errorCode) json.errorCode = error.context.errorCode;
		if (error.context.requestId) json.requestId = error.context.requestId;
	}
	return json;
}

/** n8n's own errors keep their text and gain the item; anything else is wrapped. */
function withItemIndex(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * Runs the chosen operation for every input item. Items run side by side, with the requests in flight
 * bounded by the adaptive limiter this process shares for the account (transport/sharedLimiters.ts),
 * and by the execution's own number when Max Concurrent Requests is fixed. Each item's output
 * lands at its own position, so input order and pairing survive whatever order the work finishes in.
 * Without Continue On Fail, the first failure stops new items from starting, and the failure of the
 * earliest item is the one reported.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as CartesiaResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = RESOURCES[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not known`);
	}
	let credentials: CartesiaCredentials;
	try {
		credentials = toCartesiaCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	const signal = this.getExecutionCancelSignal?.();
	const maxConcurrentRequests = readMaxConcurrentRequests(this);
	const limiters = new ExecutionLimiters(credentials, maxConcurrentRequests);
	const transportOptions = transportOptionsReader(this);
	// getNode() deep-copies the node and its parameters: once per execution, not per item.
	const node = this.getNode();
	const context = withParameterCache(this, node.parameters);

	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const client = new CartesiaClient({
				credentials,
				node,
				signal,
				options: transportOptions(itemIndex),
				limiter: limiters.forPath,
			});
			return await operation.execute.call(context, itemIndex, client);
		} catch (error) {
			// A stop is not an item's failure: it ends the run as canceled, never as an error item.
			if (signal?.aborted) {
				throw error instanceof CartesiaRequestCancelledError ? error : new CartesiaRequestCancelledError(node);
			}
			if (this.continueOnFail()) {
				return [{ json: errorJson(error as Error), pairedItem: { item: itemIndex } }];
			}
			throw withItemIndex(node, error, itemIndex);
		}
	};

	const workers = Math.min(items.length, maxConcurrentRequests || ADAPTIVE_MAX_WINDOW);
	let results: INodeExecutionData[];
	try {
		results = (await mapInOrder(items.length, workers, runItem)).flat();
	} finally {
		limiters.close();
	}
	// Called by an AI agent: compact JSON the model can read, audio as a link (actions/toolResults.ts).
	return [isToolCall(this) ? toToolResults(this, resource, operationName, results) : results];
}
