/** The Cartesia Agent Trigger as n8n loads it: registered, with its codex and icon, and no secret among its parameters. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CartesiaApi } from '../../credentials/CartesiaApi.credentials';
import { REPO_ROOT } from '../harness/node-types';
import { loadTrigger } from './contexts';

const { description } = loadTrigger();

it('is registered in package.json with its codex beside it and its icons present', () => {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	expect(manifest.n8n.nodes).toContain('dist/nodes/CartesiaAgentTrigger/CartesiaAgentTrigger.node.js');
	const codex = JSON.parse(readFileSync(join(REPO_ROOT, 'nodes', 'CartesiaAgentTrigger', 'CartesiaAgentTrigger.node.json'), 'utf8'));
	expect(codex.node).toBe('n8n-nodes-cartesia.cartesiaAgentTrigger');
	expect(existsSync(join(REPO_ROOT, 'icons', 'cartesia.svg'))).toBe(true);
	expect(description.icon).toEqual({ light: 'file:../../icons/cartesia.svg', dark: 'file:../../icons/cartesia.dark.svg' });
});

it('is a webhook trigger answering at once, with call turns left out by default', () => {
	expect(description.group).toEqual(['trigger']);
	expect(description.inputs).toEqual([]);
	expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
	const events = description.properties.find((property) => property.name === 'events');
	expect(events?.default).toEqual(['call_started', 'call_completed', 'call_failed', 'post_call_analysis']);
});

it('takes the manual secret from the credential, as a password, never from a node parameter', () => {
	expect(description.properties.some((property) => /secret/i.test(property.name))).toBe(false);
	const field = new CartesiaApi().properties.find((property) => property.name === 'webhookSecret');
	expect(field).toMatchObject({ type: 'string', typeOptions: { password: true }, default: '' });
	expect(field?.required).toBeFalsy();
});
