/**
 * Which parameters n8n's editor lets the model fill, and what a tool call returns, checked without
 * the engine. The editor's rule (n8n 2.8.4 and 2.41.1, editor-ui `fromAIOverrideUtils`): the ✨
 * "Let the model define this parameter" button shows on a node type whose codex is AI → Tools, for a
 * parameter without `noDataExpression` whose type is neither `options` nor `credentialsSelect`.
 */
import type { INodeProperties, IExecuteFunctions } from 'n8n-workflow';

import { toolNodeType } from '../harness/tool';
import { Cartesia } from '../../nodes/Cartesia/Cartesia.node';
import { toToolResults } from '../../nodes/Cartesia/actions/toolResults';

const tool = toolNodeType(new Cartesia());

function offersFromAi(property: INodeProperties): boolean {
	const codex = tool.description.codex;
	const isToolType = !!codex?.categories?.includes('AI') && !!codex.subcategories?.AI?.includes('Tools');
	return isToolType && !property.noDataExpression && !['options', 'credentialsSelect'].includes(property.type);
}

function parameter(path: string, resource: string, operation: string): INodeProperties {
	const [name, child] = path.split('.');
	const shown = tool.description.properties.filter(
		(property) =>
			property.name === name &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
	if (shown.length !== 1) throw new Error(`${resource}.${operation}: ${shown.length} parameters named ${name}`);
	if (!child) return shown[0];
	const nested = (shown[0].options as INodeProperties[]).find((option) => option.name === child);
	if (!nested) throw new Error(`${path} not found`);
	return nested;
}

/** Every parameter an agent would set, by operation. */
const AGENT_PARAMETERS: Array<[string, string, string[]]> = [
	['speech', 'generate', ['transcript', 'voice', 'model', 'language']],
	['speech', 'generateWithTimestamps', ['transcript', 'voice', 'model', 'language', 'wordTimestamps']],
	['transcription', 'transcribe', ['model', 'language', 'wordTimestamps']],
	['infill', 'generate', ['transcript', 'voice', 'model', 'language']],
	['voiceChanger', 'changeVoice', ['voice']],
	['voice', 'get', ['voice']],
	['voice', 'getMany', ['returnAll', 'limit', 'filters.search']],
	['voice', 'update', ['voice', 'updateFields.name', 'updateFields.description']],
	['voice', 'delete', ['voice']],
	['voice', 'clone', ['name', 'language']],
	['voice', 'localize', ['voice', 'name', 'description', 'language']],
];

describe('the tool type n8n builds', () => {
	it('is cartesiaTool, an ai_tool output with no inputs, filed under AI → Tools', () => {
		expect(tool.description).toMatchObject({ name: 'cartesiaTool', displayName: 'Cartesia Tool', inputs: [], outputs: ['ai_tool'] });
		expect(tool.description.codex).toMatchObject({ categories: ['AI'], subcategories: { AI: ['Tools'] } });
		expect(typeof tool.execute).toBe('function');
	});

	it.each(AGENT_PARAMETERS)('%s → %s: the editor offers $fromAI on every parameter an agent sets', (resource, operation, paths) => {
		for (const path of paths) expect([path, offersFromAi(parameter(path, resource, operation))]).toEqual([path, true]);
	});

	it('Model and Language are pickers with a typed mode, not dropdowns (the editor never offers $fromAI on options)', () => {
		expect(parameter('model', 'speech', 'generate').modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(parameter('language', 'transcription', 'transcribe').modes?.map((mode) => mode.name)).toEqual(['list', 'code']);
	});

	it('the output format fields are dropdowns: they take a $fromAI expression, but the editor does not offer the button', () => {
		for (const name of ['outputFormat.container', 'outputFormat.encoding', 'outputFormat.sampleRate']) {
			const field = parameter(name, 'speech', 'generate');
			expect(field.type).toBe('options');
			expect(field.noDataExpression).toBeUndefined();
			expect(offersFromAi(field)).toBe(false);
		}
	});
});

describe('what Transcribe gives an agent', () => {
	const context = {} as IExecuteFunctions;
	const transcription = {
		text: 'Hello there.',
		language: 'en',
		duration: 1.2,
		speaker: 'input field kept by Keep Input Data',
	};

	it('the text, language and duration, without the input fields', () => {
		const [item] = toToolResults(context, 'transcription', 'transcribe', [{ json: transcription, pairedItem: { item: 0 } }]);
		expect(item).toEqual({ json: { text: 'Hello there.', language: 'en', duration: 1.2 }, pairedItem: { item: 0 } });
	});

	it('with the word timings and subtitles when the tool asks for them', () => {
		const words = [{ word: 'Hello', start: 0, end: 0.5 }];
		const [item] = toToolResults(context, 'transcription', 'transcribe', [
			{ json: { ...transcription, words, srt: '1\n…' }, binary: {}, pairedItem: { item: 0 } },
		]);
		expect(item.json).toEqual({ text: 'Hello there.', language: 'en', duration: 1.2, words, srt: '1\n…' });
	});

	it('an error item (Continue On Fail) as it is', () => {
		const [item] = toToolResults(context, 'transcription', 'transcribe', [{ json: { error: 'Cartesia: bad audio' }, pairedItem: { item: 0 } }]);
		expect(item.json).toEqual({ error: 'Cartesia: bad audio' });
	});
});
