/**
 * In-process n8n engine harness: runs workflow JSON through n8n-core's real `WorkflowExecute`
 * with a community package loaded from its `package.json#n8n` block (compiled `dist/`).
 *
 * Import this module before anything else that loads n8n-core (it sets `N8N_USER_FOLDER`).
 */
import './env';

export { runWorkflow } from './run';
export type { HarnessNodeEvent, RunWorkflowOptions, RunWorkflowResult } from './run';
export { chainWorkflow, nodeCredentials } from './workflow';
export type { ChainNode, ChainOptions, WorkflowJson, WorkflowNodeJson } from './workflow';
export {
	HARNESS_SET_TYPE,
	HARNESS_TRIGGER_TYPE,
	createItemsTriggerType,
	createSetType,
	normalizeHarnessItem,
} from './harness-nodes';
export type { HarnessBinaryInput, HarnessItem, HarnessItemInput } from './harness-nodes';
export { HARNESS_AGENT_TYPE, createAgentType, toolNodeType } from './tool';
export type { AgentCall } from './tool';
export { HarnessCredentialsHelper } from './credentials-helper';
export type { CredentialAccess, HarnessCredentials } from './credentials-helper';
export {
	HarnessCredentialTypes,
	HarnessNodeTypes,
	REPO_ROOT,
	clearPackageCache,
	loadPackage,
} from './node-types';
export type { LoadedPackage } from './node-types';
export type { BinaryMode } from './binary';
export { makeTempDir, userFolder } from './env';
