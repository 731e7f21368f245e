/**
 * The node as an AI-agent tool, in the n8n engine: the `cartesiaTool` type n8n builds from
 * `usableAsTool`, called by the harness agent with the arguments a model gives for its `$fromAI`
 * placeholders. Each test asserts the JSON the model receives.
 */
import { Container } from '../harness/n8n';
import { BinaryDataService } from 'n8n-core';

import { callCartesiaTool, fromAI } from '../helpers/agent';
import { queryValues, useStandIn } from '../helpers/cartesia';
import { parseWav } from '../helpers/wav';

const standIn = useStandIn();

/** Speech → Generate with everything an agent would choose left to the agent. */
const speakByAgent = {
	resource: 'speech',
	operation: 'generate',
	transcript: fromAI('transcript', 'The text to speak'),
	voice: { __rl: true, mode: 'name', value: fromAI('voice_name', 'The name of the Cartesia voice') },
	model: { __rl: true, mode: 'id', value: fromAI('model', 'sonic-3 unless asked otherwise') },
	language: { __rl: true, mode: 'code', value: fromAI('language', 'ISO 639-1 code of the text, e.g. en') },
	outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 24000 },
};

function uniqueVoice() {
	const voices = standIn().voices();
	const counts = new Map<string, number>();
	for (const voice of voices) counts.set(voice.name.toLowerCase(), (counts.get(voice.name.toLowerCase()) ?? 0) + 1);
	return voices.find((voice) => counts.get(voice.name.toLowerCase()) === 1)!;
}

describe('Cartesia as an AI-agent tool (engine)', () => {
	it('offers the model every $fromAI placeholder as a required argument, with its description', async () => {
		const voice = uniqueVoice();
		const { tool } = await callCartesiaTool(standIn(), speakByAgent, [
			{ args: { transcript: 'Hi.', voice_name: voice.name, model: 'sonic-3', language: 'en' } },
		]);
		expect(tool.name).toBe('Cartesia');
		expect(tool.schema).toEqual({
			transcript: { type: 'ZodString', description: 'The text to speak' },
			voice_name: { type: 'ZodString', description: 'The name of the Cartesia voice' },
			model: { type: 'ZodString', description: 'sonic-3 unless asked otherwise' },
			language: { type: 'ZodString', description: 'ISO 639-1 code of the text, e.g. en' },
		});
	});

	it('Speech → Generate: speaks in the voice the agent names, and answers with a summary and a download link, no binary', async () => {
		const voice = uniqueVoice();
		const transcript = 'Your order has shipped.';
		const { responses, errors, result } = await callCartesiaTool(standIn(), speakByAgent, [
			{ args: { transcript, voice_name: ` ${voice.name.toUpperCase()} `, model: 'Sonic-3', language: 'EN' } },
		]);
		expect(errors).toEqual([undefined]);
		const tts = standIn().requests.find((request) => request.path === '/tts/bytes');
		expect(tts?.json).toMatchObject({ transcript, model_id: 'sonic-3', language: 'en', voice: { mode: 'id', id: voice.id } });

		const [[summary]] = responses;
		expect(summary).toEqual({
			durationSeconds: expect.any(Number),
			bytes: expect.any(Number),
			characters: transcript.length,
			model: 'sonic-3',
			voiceId: voice.id,
			fileName: 'speech.wav',
			mimeType: 'audio/wav',
			container: 'wav',
			encoding: 'pcm_s16le',
			sampleRate: 24000,
			downloadUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:5678\/rest\/binary-data\/signed\?token=/),
		});
		expect(summary.durationSeconds).toBeGreaterThan(0.5);

		// The link is n8n's own signed URL for the stored file: its token names the audio the tool made.
		const token = new URL(String(summary.downloadUrl)).searchParams.get('token')!;
		const binaryId = Container.get(BinaryDataService).validateSignedToken(token);
		const file = await result.readBinary({ json: {}, binary: { data: { id: binaryId, data: 'filesystem-v2', mimeType: 'audio/wav' } } });
		expect(file.length).toBe(summary.bytes);
		const wav = parseWav(file);
		expect(wav).toMatchObject({ sampleRate: 24000, riffSizeConsistent: true });
		expect(summary.durationSeconds).toBeCloseTo(wav.dataBytes / wav.byteRate, 2);
	});

	it('Speech → Generate: the output format can be left to the agent too ($fromAI in the format fields)', async () => {
		const voice = uniqueVoice();
		const { responses, errors } = await callCartesiaTool(
			standIn(),
			{
				...speakByAgent,
				outputFormat: { container: fromAI('container', 'mp3 or wav'), sampleRate: fromAI('sample_rate', 'Hz', 'number'), bitRate: 128000 },
			},
			[{ args: { transcript: 'Small file.', voice_name: voice.name, model: 'sonic-3', language: 'en', container: 'mp3', sample_rate: 44100 } }],
		);
		expect(errors).toEqual([undefined]);
		expect(responses[0][0]).toMatchObject({ container: 'mp3', sampleRate: 44100, bitRate: 128000, fileName: 'speech.mp3', mimeType: 'audio/mpeg' });
		expect(standIn().requests.find((request) => request.path === '/tts/bytes')?.json).toMatchObject({
			output_format: { container: 'mp3', sample_rate: 44100, bit_rate: 128000 },
		});
	});

	it('Speech → Generate in in-memory binary mode: no link, and the result says why', async () => {
		const voice = uniqueVoice();
		const { responses } = await callCartesiaTool(
			standIn(),
			speakByAgent,
			[{ args: { transcript: 'Hello.', voice_name: voice.name, model: 'sonic-3', language: 'en' } }],
			{ binaryMode: 'memory' },
		);
		const [[summary]] = responses;
		expect(summary.downloadUrl).toBeUndefined();
		expect(summary.note).toMatch(/no download link is available: n8n keeps binary data in memory/);
		expect(summary).toMatchObject({ bytes: expect.any(Number), voiceId: voice.id, characters: 6 });
	});

	it('Speech → Generate With Timestamps: the summary carries the word timings', async () => {
		const voice = uniqueVoice();
		const { responses } = await callCartesiaTool(
			standIn(),
			{ ...speakByAgent, operation: 'generateWithTimestamps', outputFormat: { encoding: 'pcm_s16le', sampleRate: 24000 } },
			[{ args: { transcript: 'Two words.', voice_name: voice.name, model: 'sonic-3', language: 'en' } }],
		);
		const [[summary]] = responses;
		expect(summary).toMatchObject({ fileName: 'speech.wav', characters: 10, voiceId: voice.id, downloadUrl: expect.any(String) });
		expect((summary.words as Array<{ word: string }>).map((word) => word.word)).toEqual(['Two', 'words.']);
	});

	it('Speech → Generate: a language the agent made up reaches it as an error with the nearest code', async () => {
		const voice = uniqueVoice();
		const { responses, errors } = await callCartesiaTool(standIn(), speakByAgent, [
			{ args: { transcript: 'Bonjour.', voice_name: voice.name, model: 'sonic-3', language: 'fr-FR' } },
		]);
		expect(responses).toEqual([[]]);
		// 2025-11-04 takes no locale: the error names the version and the code to use instead.
		expect(errors[0]).toContain('"Language or Locale" cannot be the locale "fr-FR" with Cartesia-Version 2025-11-04; did you mean "fr" (French)?');
		expect(standIn().requests.some((request) => request.path === '/tts/bytes')).toBe(false);
	});

	it('Speech → Generate on 2026-08-14: a locale from the agent is sent as locale, with the bare voice ID', async () => {
		const voice = uniqueVoice();
		const { errors } = await callCartesiaTool(
			standIn(),
			speakByAgent,
			[{ args: { transcript: 'Bonjour.', voice_name: voice.name, model: 'sonic-3', language: 'fr-FR' } }],
			{ apiVersion: '2026-08-14' },
		);
		expect(errors).toEqual([undefined]);
		const tts = standIn().requests.find((request) => request.path === '/tts/bytes');
		expect(tts).toMatchObject({ status: 200, json: expect.objectContaining({ voice: voice.id, locale: 'fr-FR' }) });
		expect(tts?.json).not.toHaveProperty('language');
	});

	it('Voice → Get Many: short voice records, with the search text and limit from the agent', async () => {
		const { responses } = await callCartesiaTool(
			standIn(),
			{
				resource: 'voice',
				operation: 'getMany',
				limit: fromAI('limit', 'How many voices at most', 'number'),
				filters: { search: fromAI('search', 'Words to look for in the voice name or description') },
			},
			[{ args: { limit: 3, search: 'narrator' } }],
		);
		const [records] = responses;
		expect(records).toHaveLength(3);
		for (const record of records) {
			expect(Object.keys(record).sort()).toEqual(expect.arrayContaining(['id', 'name']));
			expect(Object.keys(record).every((key) => ['id', 'name', 'language', 'gender', 'description'].includes(key))).toBe(true);
		}
		const byId = new Map(standIn().voices().map((voice) => [voice.id, voice]));
		expect(records[0]).toMatchObject({ name: byId.get(String(records[0].id))?.name, language: byId.get(String(records[0].id))?.language });
		const [request] = standIn().requests;
		expect(queryValues(request, 'q')).toEqual(['narrator']);
		expect(queryValues(request, 'limit')).toEqual(['3']);
	});

	it('Voice → Get by name: the one voice with that name, as a short record', async () => {
		const voice = uniqueVoice();
		const { responses } = await callCartesiaTool(
			standIn(),
			{ resource: 'voice', operation: 'get', voice: { __rl: true, mode: 'name', value: fromAI('voice_name') } },
			[{ args: { voice_name: voice.name.toLowerCase() } }],
		);
		expect(responses[0]).toEqual([
			{ id: voice.id, name: voice.name, language: voice.language, description: voice.description, ...(voice.gender ? { gender: voice.gender } : {}) },
		]);
	});

	it('Voice → Get by name: a name several voices share reaches the agent as an error listing their IDs', async () => {
		const voices = standIn().voices();
		const shared = voices.find((voice) => voices.filter((other) => other.name === voice.name).length > 1)!;
		const ids = voices.filter((voice) => voice.name === shared.name).map((voice) => voice.id);
		const { errors } = await callCartesiaTool(
			standIn(),
			{ resource: 'voice', operation: 'get', voice: { __rl: true, mode: 'name', value: fromAI('voice_name') } },
			[{ args: { voice_name: shared.name } }],
		);
		expect(errors[0]).toContain(`"Voice": ${ids.length} voices are named "${shared.name}": ${ids.join(', ')}`);
	});

	it('Transcribe: without audio in the call (a tool gets JSON only) the agent is told which field is missing', async () => {
		const { errors } = await callCartesiaTool(
			standIn(),
			{ resource: 'transcription', operation: 'transcribe', language: { __rl: true, mode: 'code', value: fromAI('language') } },
			[{ args: { language: 'en' } }],
		);
		expect(errors[0]).toMatch(/binary field/i);
		expect(standIn().requests).toHaveLength(0);
	});

	it('Transcribe: a recording URL the agent was given is downloaded and transcribed, and only the text comes back', async () => {
		const url = `${standIn().url}/files/voicemail.wav?text=${encodeURIComponent('Please call me back after four.')}`;
		const { responses, errors } = await callCartesiaTool(
			standIn(),
			{
				resource: 'transcription',
				operation: 'transcribe',
				audioSource: 'url',
				audioUrl: fromAI('recording_url', 'The link to the recording'),
				language: { __rl: true, mode: 'code', value: fromAI('language') },
			},
			[{ args: { recording_url: url, language: 'en' } }],
		);
		expect(errors).toEqual([undefined]);
		expect(responses[0]).toEqual([{ text: 'Please call me back after four.', language: 'en', duration: expect.any(Number) }]);
		const download = standIn().requests.find((request) => request.path === '/files/voicemail.wav');
		expect(download?.headers.authorization).toBeUndefined();
		expect(standIn().requests.filter((request) => request.path === '/stt')).toHaveLength(1);
	});

	it('API Status → Get: an operation without its own mapping answers with its JSON as is', async () => {
		const { responses } = await callCartesiaTool(standIn(), { resource: 'apiStatus', operation: 'get' }, [{ args: {} }]);
		expect(responses[0]).toEqual([expect.objectContaining({ ok: true })]);
	});
});
