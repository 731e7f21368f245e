import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as accessToken from './accessToken';
import * as agent from './agent';
import * as apiStatus from './apiStatus';
import * as call from './call';
import * as infill from './infill';
import type { CartesiaOperation, CartesiaResource } from './node.type';
import * as pronunciationDictionary from './pronunciationDictionary';
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
	pronunciationDictionary: { name: 'Pronunciation Dictionary', ...pronunciationDictionary },
	agent: { name: 'Agent', ...agent },
	call: { name: 'Call', ...call },
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

/**
 * What each operation does, as the action list of the node creator says it ("Generate speech"),
 * keyed `resource:operation`. Read from the operation selectors, so the canvas subtitle and the
 * action list cannot drift apart.
 */
export const ACTIONS: Record<string, string> = Object.fromEntries(
	Object.entries(RESOURCES).flatMap(([resource, { description }]) => {
		const selector = description.find((property) => property.name === 'operation');
		return ((selector?.options ?? []) as INodePropertyOptions[])
			.filter((option) => option.action)
			.map((option) => [`${resource}:${String(option.value)}`, option.action as string]);
	}),
);

/**
 * The canvas subtitle: the chosen action ("Generate speech", "Get many voices"), or the raw
 * `operation: resource` should the pair come from an expression the map does not know.
 */
export const SUBTITLE = `={{ ${JSON.stringify(ACTIONS)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
