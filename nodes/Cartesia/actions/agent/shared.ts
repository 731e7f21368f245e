import type { IExecuteFunctions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/agentLocator';
import { assertOperationVersion, requiredPathId } from '../../helpers/validation';
import type { CartesiaClient } from '../../transport';

/** The agent an Agent or Call operation works on. */
export const agentProperty = agentLocator({ name: 'agent', displayName: 'Agent' });

/** The chosen agent's ID, once the version is known to have agents (2025-04-16 and later). */
export function readAgentId(context: IExecuteFunctions, itemIndex: number, client: CartesiaClient, operation: string): string {
	assertOperationVersion(context, itemIndex, client.apiVersion, 'agents', operation);
	return requiredPathId(context, itemIndex, { name: 'agent', displayName: 'Agent', what: 'agent', example: 'e.g. agent_abc123' });
}
