import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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
			expect(option.name).toMatch(/^[A-Z][a-z]*( [A-Z][a-z]*)*( \(Stream\))?$/);
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

	it('shows the retirement notice on Create and Mix', () => {
		const notices = properties.filter((property) => property.type === 'notice' && property.name === 'retiredNotice');
		expect(notices.flatMap((notice) => notice.displayOptions?.show?.operation)).toEqual(['create', 'mix']);
	});

	it('shows the audio format fields only where they apply', () => {
		const shown = (name: string, operation: string) =>
			properties.filter((property) => property.name === name && property.displayOptions?.show?.operation?.includes(operation));
		expect(shown('bitRate', 'generate').map((property) => property.displayOptions?.show?.container)).toEqual([['mp3'], ['mp3']]);
		expect(shown('encoding', 'changeVoice')[0].displayOptions?.show?.container).toEqual(['raw', 'wav']);
		const streamContainer = shown('container', 'generateWithTimestamps')[0];
		expect((streamContainer.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['raw']);
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
});
