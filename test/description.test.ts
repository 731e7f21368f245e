import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import codex from '../nodes/Cartesia/Cartesia.node.json';
import { Cartesia } from '../nodes/Cartesia/Cartesia.node';
import { DEFAULT_TRANSPORT_OPTIONS } from '../nodes/Cartesia/transport';
import { RESOURCES } from '../nodes/Cartesia/actions/resources';

const { description } = new Cartesia();
const properties = description.properties;
const operationsByResource: Record<string, Record<string, unknown>> = Object.fromEntries(
	Object.entries(RESOURCES).map(([resource, { operations }]) => [resource, operations]),
);

function operationSelector(resource: string): INodeProperties {
	const selector = properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	if (!selector) throw new Error(`no operation selector for ${resource}`);
	return selector;
}

function allProperties(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) =>
			'values' in option ? allProperties(option.values as INodeProperties[]) : 'type' in option ? allProperties([option as INodeProperties]) : [],
		);
		return [property, ...nested];
	});
}

describe('the node description', () => {
	it('offers every resource with a Title Case name, not as an expression', () => {
		const resource = properties.find((property) => property.name === 'resource');
		expect(resource?.noDataExpression).toBe(true);
		const values = (resource?.options as INodePropertyOptions[]).map((option) => option.value).sort();
		expect(values).toEqual(Object.keys(operationsByResource).sort());
	});

	it.each(Object.keys(operationsByResource))('lists exactly the operations %s implements, with actions', (resource) => {
		const selector = operationSelector(resource);
		expect(selector.noDataExpression).toBe(true);
		const options = selector.options as INodePropertyOptions[];
		expect(options.map((option) => option.value).sort()).toEqual(Object.keys(operationsByResource[resource]).sort());
		for (const option of options) {
			// Title Case, where short words such as "a" stay lower case.
			expect(option.name).toMatch(/^[A-Z][a-z]*( ([A-Z][a-z]*|a))*( \((Stream|Retired)\))?$/);
			// Sentence case: only the first word (and the acronym API) capitalized.
			expect(option.action).toMatch(/^[A-Z][a-z]+ /);
			expect(option.action?.slice(1)).not.toMatch(/\b(?!API\b)[A-Z]/);
		}
	});

	it('uses the voice picker (From List, searchable, By ID or By Name) for every voice parameter', () => {
		const voiceParameters = allProperties(properties).filter(
			(property) => /^(voice|baseVoice)$/.test(property.name) && property.type !== 'fixedCollection',
		);
		// Get, Update, Delete, Localize, Mix, Create, Clone (base voice), Add Accents, Remove Accent, Speech ×2,
		// Infill, Voice Changer ×2.
		expect(voiceParameters).toHaveLength(14);
		for (const parameter of voiceParameters) {
			expect(parameter.type).toBe('resourceLocator');
			expect(parameter.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'name']);
			expect(parameter.modes?.[0].typeOptions).toMatchObject({ searchListMethod: 'searchVoices', searchable: true });
		}
	});

	it('shows the Request Options defaults the transport really uses', () => {
		const requestOptions = properties.find((property) => property.name === 'requestOptions');
		const defaults = Object.fromEntries(
			(requestOptions?.options as INodeProperties[]).map((option) => [option.name, option.default]),
		);
		expect(defaults).toEqual({
			connectTimeout: DEFAULT_TRANSPORT_OPTIONS.connectTimeoutMs / 1000,
			idleTimeout: DEFAULT_TRANSPORT_OPTIONS.idleTimeoutMs / 1000,
			maxConcurrentRequests: 0,
			maxCapacityWait: DEFAULT_TRANSPORT_OPTIONS.maxCapacityWaitMs / 1000,
			maxRetries: DEFAULT_TRANSPORT_OPTIONS.maxRetries,
			maxRetryAfter: DEFAULT_TRANSPORT_OPTIONS.maxRetryAfterMs / 1000,
		});
	});

	it('marks the retired actions in the action list itself: name, action and the date', () => {
		const options = operationSelector('voice').options as INodePropertyOptions[];
		const retired = options.filter((option) => /Retired/.test(option.name));
		expect(retired.map(({ name, value, action }) => ({ name, value, action }))).toEqual([
			{ name: 'Create a Voice (Retired)', value: 'create', action: 'Create a voice with the retired endpoint' },
			{ name: 'Mix Voices (Retired)', value: 'mix', action: 'Mix voices with the retired endpoint' },
		]);
		for (const option of retired) expect(option.description).toContain('2026-06-01');
		// Still alphabetical, as n8n's lint asks.
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('shows the retirement notice on Create and Mix', () => {
		const notices = properties.filter((property) => property.type === 'notice' && property.name === 'retiredNotice');
		expect(notices.flatMap((notice) => notice.displayOptions?.show?.operation)).toEqual(['create', 'mix']);
	});

	it('gathers the audio format fields in one Output Format group, MP3 by default, Encoding and Bit Rate by container', () => {
		const groups = properties.filter((property) => property.name === 'outputFormat');
		const byOperation = (operation: string) => groups.find((group) => group.displayOptions?.show?.operation?.includes(operation))!;
		for (const operation of ['generate', 'changeVoice']) {
			const group = byOperation(operation);
			expect(group.type).toBe('collection');
			expect(group.default).toEqual({ container: 'mp3', encoding: 'pcm_s16le', sampleRate: 44100, bitRate: 128000 });
			const fields = Object.fromEntries((group.options as INodeProperties[]).map((field) => [field.name, field]));
			expect(fields.bitRate.displayOptions?.show).toEqual({ container: ['mp3'] });
			expect(fields.encoding.displayOptions?.show).toEqual({ container: ['raw', 'wav'] });
		}
		for (const operation of ['generateWithTimestamps', 'changeVoiceStream']) {
			const group = byOperation(operation);
			expect(group.default).toEqual({ encoding: 'pcm_s16le', sampleRate: 44100, wrapAsWav: true });
			expect((group.options as INodeProperties[]).map((field) => field.name)).not.toContain('container');
		}
		// Speech ×2, Infill, Voice Changer ×2; none of the fields is left in the main panel.
		expect(groups).toHaveLength(5);
		for (const name of ['container', 'encoding', 'sampleRate', 'bitRate', 'wrapAsWav']) {
			expect(properties.filter((property) => property.name === name)).toEqual([]);
		}
	});

	it('offers Binary Field or URL for every audio input, Binary Field by default, the URL as a plain string', () => {
		const sources = properties.filter((property) => /^(audio|leftAudio|rightAudio)Source$/.test(property.name));
		expect(sources.map((property) => `${property.displayOptions?.show?.operation} ${property.name}`).sort()).toEqual([
			'changeVoice audioSource',
			'changeVoiceStream audioSource',
			'clone audioSource',
			'generate leftAudioSource',
			'generate rightAudioSource',
			'transcribe audioSource',
		]);
		for (const source of sources) {
			expect(source.default).toBe('binaryField');
			expect((source.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['binaryField', 'url']);
			const url = properties.find(
				(property) =>
					property.name === source.name.replace('Source', 'Url') &&
					property.displayOptions?.show?.operation?.[0] === source.displayOptions?.show?.operation?.[0],
			);
			expect(url).toMatchObject({ type: 'string', default: '', displayOptions: { show: { [source.name]: ['url'] } } });
		}
	});

	it('offers Max Download Size (MB), 2048 by default, wherever audio can come from a URL', () => {
		const withLimit = allProperties(properties)
			.filter((property) => property.name === 'options' && (property.options as INodeProperties[]).some((option) => option.name === 'maxDownloadSize'))
			.flatMap((property) => property.displayOptions?.show?.operation);
		expect(withLimit.sort()).toEqual(['changeVoice', 'changeVoiceStream', 'clone', 'generate', 'transcribe']);
		const option = allProperties(properties).find((property) => property.name === 'maxDownloadSize');
		expect(option).toMatchObject({ displayName: 'Max Download Size (MB)', type: 'number', default: 2048 });
	});

	it('marks the access token as sensitive output and the node as usable as a tool', () => {
		expect(description.sensitiveOutputFields).toEqual(['token']);
		expect(description.usableAsTool).toBe(true);
	});

	it.each(['text to speech', 'tts', 'transcribe', 'speech to text', 'voice', 'audio'])(
		'is found by the search "%s": the codex names it as an alias',
		(term) => {
			expect(codex.alias.map((alias) => alias.toLowerCase())).toContain(term);
		},
	);

	it('keeps to the codex community nodes may use: no "AI" category, no subcategories', () => {
		// n8n reserves both for its own AI nodes (lint rules no-ai-codex-category, no-codex-subcategories).
		expect(codex.categories).not.toContain('AI');
		expect(codex).not.toHaveProperty('subcategories');
	});

	it("links the Docs button to the package's README on npm", () => {
		expect(codex.resources.primaryDocumentation).toEqual([{ url: 'https://www.npmjs.com/package/n8n-nodes-cartesia' }]);
	});
});
