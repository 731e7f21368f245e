import type { INodeProperties } from 'n8n-workflow';

import * as accessToken from './accessToken';
import * as apiStatus from './apiStatus';
import * as infill from './infill';
import type { CartesiaOperation, CartesiaResource } from './node.type';
import * as speech from './speech';
import * as transcription from './transcription';
import * as voice from './voice';
import * as voiceChanger from './voiceChanger';

interface ResourceEntry {
	/** As the Resource selector shows it. */
	name: string;
	operations: Record<string, CartesiaOperation>;
	/** The operation selector and every operation's parameters. */
	description: INodeProperties[];
}

/**
 * Every resource of the node, once: the node's description, the router and the tests all read this.
 * The order is the order of the parameters in the panel.
 */
export const RESOURCES: Record<CartesiaResource, ResourceEntry> = {
	speech: { name: 'Speech', ...speech },
	transcription: { name: 'Transcription', ...transcription },
	infill: { name: 'Infill', ...infill },
	voiceChanger: { name: 'Voice Changer', ...voiceChanger },
	voice: { name: 'Voice', ...voice },
	accessToken: { name: 'Access Token', ...accessToken },
	apiStatus: { name: 'API Status', ...apiStatus },
};

/** The Resource selector, its options sorted by name as n8n's lint asks. */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(RESOURCES)
		.map(([value, { name }]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'speech',
};

/** Every operation selector and operation parameter, resource by resource. */
export const operationProperties: INodeProperties[] = Object.values(RESOURCES).flatMap(({ description }) => description);
