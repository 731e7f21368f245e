import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INode,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CartesiaClient } from '../transport';
import { toCartesiaCredentials } from '../transport/credentials';

/** Errors need a node to belong to; the credential test runs outside any workflow. */
const CREDENTIAL_TEST_NODE: INode = {
	id: 'cartesia-credential-test',
	name: 'Cartesia',
	type: 'n8n-nodes-cartesia.cartesia',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const REFUSALS: Record<string, string> = {
	'401': 'Cartesia refused the API key (401). Check the key, and that the API version matches it.',
	'403': 'Cartesia accepted the key but does not allow it to list voices (403). Check its permissions.',
	'404': 'Nothing answered at this Base URL (404). Leave it at https://api.cartesia.ai unless you use a gateway.',
};

/**
 * The Cartesia API credential's test, run by the node's transport rather than declared as a request
 * for n8n to send: so the Base URL passes the same check as every request (no API key in clear text to
 * a non-loopback http:// address), and every n8n version shows our explanation of a refusal. Listing
 * one voice needs a valid key, unlike the unauthenticated status endpoint.
 */
export async function cartesiaApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const credentials = toCartesiaCredentials(credential.data ?? {});
		const client = new CartesiaClient({ credentials, node: CREDENTIAL_TEST_NODE, options: { maxRetries: 0 } });
		await client.json({ method: 'GET', path: '/voices', query: { limit: 1 }, retry: 'repeatable' });
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const httpCode = error instanceof NodeApiError ? error.httpCode : undefined;
		const message = (httpCode && REFUSALS[httpCode]) ?? (error as Error).message;
		return { status: 'Error', message };
	}
}
