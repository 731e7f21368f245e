/**
 * Bad inputs, one row each: every one must fail its own item before any request, as a
 * NodeOperationError that names the parameter and carries the item's index, while the good items
 * around it go out as usual. Each row runs twice: once plainly (the error the user sees), once with
 * Continue On Fail (the good items still work, and the stand-in saw exactly their requests).
 */
import { NodeOperationError } from 'n8n-workflow';

import type { ApiVersion } from '../../nodes/Cartesia/versions';
import type { HarnessItemInput } from '../harness';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { wavLike } from '../helpers/wav';

const standIn = useStandIn();

interface BadInput {
	/** Resource → operation, as the editor shows it. */
	operation: string;
	/** What is wrong with the bad item. */
	bad: string;
	/** The display name the error message must contain. */
	parameter: string;
	/** Node parameters; `voices` are ids the stand-in knows. */
	parameters: (voices: string[]) => Record<string, unknown>;
	/** Two or three items; exactly one is bad. */
	items: (voices: string[]) => HarnessItemInput[];
	badItem: number;
	apiVersion?: ApiVersion;
	binaryMode?: 'memory' | 'filesystem';
	/** Extra text the message must contain (a suggestion, what the bytes look like). */
	mentions?: string;
}

// What users feed in by mistake, as bytes.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 3)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(200, 5)]);
const TEXT = Buffer.from('{"transcript": "this is the script, not the recording"}\n');
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
/** Headerless PCM: fine for Transcribe with PCM Encoding set, not recognisable anywhere else. */
const RAW_PCM = Buffer.alloc(3200, 0);
const WAV = wavLike(3000, 1);

const file = (buffer: Buffer, fileName = 'clip.wav', mimeType = 'audio/wav') => ({ buffer, fileName, mimeType });
const withAudio = (buffer: Buffer, json: Record<string, unknown> = {}, fileName?: string): HarnessItemInput => ({
	json,
	binary: { data: file(buffer, fileName) },
});
/** Items with the same binary but one JSON value that differs. */
const itemsWith = (key: string, values: unknown[]): HarnessItemInput[] => values.map((value) => ({ [key]: value }));

const firstAgent = () => standIn().agents()[0].id;
const firstCall = () => standIn().calls(firstAgent())[0].id;
const calls = (operation: string, extra: Record<string, unknown>) => ({ resource: 'call', operation, ...extra });
/** Start Outbound Calls to `$json.to`, with one destination's fields and the options given. */
const outbound = (destination: Record<string, unknown> = {}, options: Record<string, unknown> = {}) =>
	calls('startOutbound', {
		agent: byId(firstAgent()),
		fromNumber: byId(standIn().agents()[0].phoneNumbers[0].id),
		destinations: { destination: [{ number: '={{ $json.to }}', ...destination }] },
		options,
	});

const speech = (operation: string, extra: Record<string, unknown> = {}) => (voices: string[]) => ({
	resource: 'speech',
	operation,
	transcript: 'Good morning.',
	model: 'sonic-3',
	voice: byId(voices[0]),
	language: 'en',
	outputFormat: { ...(operation === 'generate' ? { container: 'wav' } : {}), encoding: 'pcm_s16le', sampleRate: 16000 },
	...extra,
});

const transcribe = (extra: Record<string, unknown> = {}) => () => ({
	resource: 'transcription',
	operation: 'transcribe',
	binaryPropertyName: 'data',
	model: 'ink-whisper',
	language: 'en',
	...extra,
});

const infill = (extra: Record<string, unknown> = {}) => (voices: string[]) => ({
	resource: 'infill',
	operation: 'generate',
	leftBinaryPropertyName: 'before',
	rightBinaryPropertyName: 'after',
	transcript: 'and that is how we won',
	model: 'sonic-3',
	voice: byId(voices[0]),
	language: 'en',
	outputFormat: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 16000 },
	...extra,
});
const sides = (before: Buffer, after: Buffer, json: Record<string, unknown> = {}): HarnessItemInput => ({
	json,
	binary: { before: file(before, 'before.wav'), after: file(after, 'after.wav') },
});

const changeVoice = (operation: string, extra: Record<string, unknown> = {}) => (voices: string[]) => ({
	resource: 'voiceChanger',
	operation,
	binaryPropertyName: 'data',
	voice: byId(voices[1]),
	outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 },
	...extra,
});

const voice = (operation: string, extra: Record<string, unknown> = {}) => () => ({ resource: 'voice', operation, ...extra });

const clone = (extra: Record<string, unknown> = {}) => () => ({
	resource: 'voice',
	operation: 'clone',
	binaryPropertyName: 'data',
	name: 'Ada',
	language: 'en',
	...extra,
});

const localize = (extra: Record<string, unknown> = {}) => (voices: string[]) => ({
	resource: 'voice',
	operation: 'localize',
	voice: byId(voices[0]),
	name: 'Ada (local)',
	description: 'Ada, localized',
	language: 'es',
	originalSpeakerGender: 'female',
	...extra,
});

const mix = (second: string) => (voices: string[]) => ({
	resource: 'voice',
	operation: 'mix',
	voices: {
		voice: [
			{ voice: byId(voices[0]), weight: 0.5 },
			{ voice: byId(second), weight: 0.5 },
		],
	},
});

const embedding = JSON.stringify(Array.from({ length: 192 }, (_, index) => index / 192));
const create = (extra: Record<string, unknown> = {}) => () => ({
	resource: 'voice',
	operation: 'create',
	name: 'Blend',
	description: 'From an embedding',
	embedding,
	...extra,
});

const NOT_A_UUID = 'narrator-voice';

const ROWS: BadInput[] = [
	// Speech → Generate
	{ operation: 'Speech → Generate', bad: 'an empty transcript', parameter: 'Transcript', parameters: speech('generate', { transcript: '={{ $json.text }}' }), items: () => itemsWith('text', ['Hello.', '  ', 'Bye.']), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'voice ID ".."', parameter: 'Voice', parameters: speech('generate', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], '..', v[1]]), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'voice ID "."', parameter: 'Voice', parameters: speech('generate', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], v[1], '.']), badItem: 2 },
	{ operation: 'Speech → Generate', bad: 'a voice ID that is not a UUID', parameter: 'Voice', parameters: speech('generate', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], NOT_A_UUID]), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'an empty voice', parameter: 'Voice', parameters: speech('generate', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], '']), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'language "en-US"', parameter: 'Language', mentions: 'did you mean "en"', parameters: speech('generate', { language: '={{ $json.lang }}' }), items: () => itemsWith('lang', ['en', 'en-US', 'DE']), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'language "xx"', parameter: 'Language', parameters: speech('generate', { language: '={{ $json.lang }}' }), items: () => itemsWith('lang', ['fr', 'es', 'xx']), badItem: 2 },
	{ operation: 'Speech → Generate', bad: 'Arabic, which 2024-11-13 does not list', parameter: 'Language', apiVersion: '2024-11-13', parameters: speech('generate', { language: '={{ $json.lang }}' }), items: () => itemsWith('lang', ['en', 'ar']), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'a model ID with a space', parameter: 'Model', parameters: speech('generate', { model: '={{ $json.model }}' }), items: () => itemsWith('model', ['sonic-3', 'sonic 3', 'sonic-3']), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'a volume out of range', parameter: 'Volume', parameters: speech('generate', { generation: { volume: '={{ $json.volume }}' } }), items: () => itemsWith('volume', [1, 1.5, 7]), badItem: 2 },
	{ operation: 'Speech → Generate', bad: 'pronunciation dictionary ID ".."', parameter: 'Pronunciation Dictionary', parameters: speech('generate', { generation: { pronunciationDictId: '={{ $json.dict }}' } }), items: () => itemsWith('dict', ['', '..']), badItem: 1 },
	{ operation: 'Speech → Generate', bad: 'an unknown emotion', parameter: 'Emotion', parameters: speech('generate', { generation: { emotion: '={{ $json.emotion }}' } }), items: () => itemsWith('emotion', ['calm', 'grumpy']), badItem: 1 },

	{ operation: 'Speech → Generate', bad: 'pronunciation dictionary ID "a/b"', parameter: 'Pronunciation Dictionary', parameters: speech('generate', { generation: { pronunciationDictId: byId('={{ $json.dict }}') } }), items: () => itemsWith('dict', [standIn().dictionaries()[0].id, 'a/b']), badItem: 1 },

	// Pronunciation Dictionary
	{ operation: 'Pronunciation Dictionary → Get', bad: 'dictionary ID ".."', parameter: 'Pronunciation Dictionary', parameters: () => ({ resource: 'pronunciationDictionary', operation: 'get', dictionary: byId('={{ $json.dict }}') }), items: () => itemsWith('dict', [standIn().dictionaries()[0].id, '..']), badItem: 1 },
	{ operation: 'Pronunciation Dictionary → Delete', bad: 'an empty dictionary ID', parameter: 'Pronunciation Dictionary', parameters: () => ({ resource: 'pronunciationDictionary', operation: 'delete', dictionary: byId('={{ $json.dict }}') }), items: () => itemsWith('dict', ['  ', standIn().dictionaries()[1].id]), badItem: 0 },
	{ operation: 'Pronunciation Dictionary → Update', bad: 'dictionary ID "."', parameter: 'Pronunciation Dictionary', parameters: () => ({ resource: 'pronunciationDictionary', operation: 'update', dictionary: byId('={{ $json.dict }}'), updateFields: { name: 'Renamed' } }), items: () => itemsWith('dict', [standIn().dictionaries()[0].id, '.']), badItem: 1 },

	// Speech → Generate With Timestamps
	{ operation: 'Speech → Generate With Timestamps', bad: 'voice ID ".."', parameter: 'Voice', parameters: speech('generateWithTimestamps', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], '..']), badItem: 1 },
	{ operation: 'Speech → Generate With Timestamps', bad: 'language "eng"', parameter: 'Language', mentions: 'did you mean "en"', parameters: speech('generateWithTimestamps', { language: '={{ $json.lang }}' }), items: () => itemsWith('lang', ['en', 'eng']), badItem: 1 },
	{ operation: 'Speech → Generate With Timestamps', bad: 'an empty transcript', parameter: 'Transcript', parameters: speech('generateWithTimestamps', { transcript: '={{ $json.text }}' }), items: () => itemsWith('text', ['Hi.', 'Bye.', '']), badItem: 2 },

	// Transcription → Transcribe
	{ operation: 'Transcription → Transcribe', bad: 'a PNG image', parameter: 'Input Binary Field', mentions: 'PNG image', parameters: transcribe(), items: () => [withAudio(WAV), withAudio(PNG, {}, 'cover.png')], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'a text file', parameter: 'Input Binary Field', mentions: 'text', parameters: transcribe(), items: () => [withAudio(WAV), withAudio(WAV), withAudio(TEXT, {}, 'script.txt')], badItem: 2 },
	{ operation: 'Transcription → Transcribe', bad: 'headerless PCM without PCM Encoding', parameter: 'Input Binary Field', parameters: transcribe(), items: () => [withAudio(WAV), withAudio(RAW_PCM, {}, 'take.pcm')], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'a PNG image in the filesystem store', parameter: 'Input Binary Field', mentions: 'PNG image', binaryMode: 'filesystem', parameters: transcribe(), items: () => [withAudio(WAV), withAudio(PNG, {}, 'cover.png'), withAudio(WAV)], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'language "en-GB"', parameter: 'Language', mentions: 'did you mean "en"', parameters: transcribe({ language: '={{ $json.lang }}' }), items: () => [withAudio(WAV, { lang: 'ca' }), withAudio(WAV, { lang: 'en-GB' })], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'language "klingon"', parameter: 'Language', parameters: transcribe({ language: '={{ $json.lang }}' }), items: () => [withAudio(WAV, { lang: 'yue' }), withAudio(WAV, { lang: 'klingon' })], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'PCM Encoding without PCM Sample Rate', parameter: 'PCM Sample Rate', parameters: transcribe({ options: { pcmEncoding: '={{ $json.encoding }}', pcmSampleRate: '={{ $json.rate }}' } }), items: () => [withAudio(RAW_PCM, { encoding: 'pcm_s16le', rate: 16000 }), withAudio(RAW_PCM, { encoding: 'pcm_s16le' })], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'a missing binary field', parameter: 'Input Binary Field', parameters: transcribe({ binaryPropertyName: '={{ $json.field }}' }), items: () => [withAudio(WAV, { field: 'data' }), withAudio(WAV, { field: 'recording' })], badItem: 1 },
	{ operation: 'Transcription → Transcribe', bad: 'an empty model', parameter: 'Model', parameters: transcribe({ model: '={{ $json.model }}' }), items: () => [withAudio(WAV, { model: 'ink-whisper' }), withAudio(WAV, { model: ' ' })], badItem: 1 },

	// Infill → Generate
	{ operation: 'Infill → Generate', bad: 'a PNG image on the left', parameter: 'Left Audio Field', mentions: 'PNG image', parameters: infill(), items: () => [sides(WAV, WAV), sides(PNG, WAV)], badItem: 1 },
	{ operation: 'Infill → Generate', bad: 'a text file on the right', parameter: 'Right Audio Field', mentions: 'text', parameters: infill(), items: () => [sides(WAV, WAV), sides(WAV, WAV), sides(WAV, TEXT)], badItem: 2 },
	{ operation: 'Infill → Generate', bad: 'voice ID ".."', parameter: 'Voice', parameters: infill({ voice: byId('={{ $json.voice }}') }), items: (v) => [sides(WAV, WAV, { voice: v[0] }), sides(WAV, WAV, { voice: '..' })], badItem: 1 },
	{ operation: 'Infill → Generate', bad: 'language "es-MX"', parameter: 'Language', mentions: 'did you mean "es"', parameters: infill({ language: '={{ $json.lang }}' }), items: () => [sides(WAV, WAV, { lang: 'es' }), sides(WAV, WAV, { lang: 'es-MX' })], badItem: 1 },
	{ operation: 'Infill → Generate', bad: 'Tamil, which 2025-04-16 does not list', parameter: 'Language', apiVersion: '2025-04-16', parameters: infill({ language: '={{ $json.lang }}' }), items: () => [sides(WAV, WAV, { lang: 'hi' }), sides(WAV, WAV, { lang: 'ta' })], badItem: 1 },
	{ operation: 'Infill → Generate', bad: 'an empty transcript', parameter: 'Transcript', parameters: infill({ transcript: '={{ $json.text }}' }), items: () => [sides(WAV, WAV, { text: 'so' }), sides(WAV, WAV, { text: '' })], badItem: 1 },
	{ operation: 'Infill → Generate', bad: 'no audio on either side', parameter: 'Left Audio Field', parameters: infill({ leftBinaryPropertyName: '={{ $json.left }}', rightBinaryPropertyName: '={{ $json.right }}' }), items: () => [sides(WAV, WAV, { left: 'before', right: 'after' }), sides(WAV, WAV, { left: '', right: '' })], badItem: 1 },

	// Voice Changer → Change Voice, Change Voice (Stream)
	{ operation: 'Voice Changer → Change Voice', bad: 'a JPEG image', parameter: 'Input Binary Field', mentions: 'JPEG image', parameters: changeVoice('changeVoice'), items: () => [withAudio(WAV), withAudio(JPEG, {}, 'photo.jpg')], badItem: 1 },
	{ operation: 'Voice Changer → Change Voice', bad: 'headerless PCM', parameter: 'Input Binary Field', parameters: changeVoice('changeVoice'), items: () => [withAudio(RAW_PCM), withAudio(WAV)], badItem: 0 },
	{ operation: 'Voice Changer → Change Voice', bad: 'target voice ID ".."', parameter: 'Target Voice', parameters: changeVoice('changeVoice', { voice: byId('={{ $json.voice }}') }), items: (v) => [withAudio(WAV, { voice: v[1] }), withAudio(WAV, { voice: '..' })], badItem: 1 },
	{ operation: 'Voice Changer → Change Voice (Stream)', bad: 'a PDF document', parameter: 'Input Binary Field', mentions: 'PDF document', parameters: changeVoice('changeVoiceStream'), items: () => [withAudio(WAV), withAudio(PDF, {}, 'script.pdf')], badItem: 1 },
	{ operation: 'Voice Changer → Change Voice (Stream)', bad: 'a PNG image in the filesystem store', parameter: 'Input Binary Field', binaryMode: 'filesystem', parameters: changeVoice('changeVoiceStream'), items: () => [withAudio(WAV), withAudio(WAV), withAudio(PNG, {}, 'cover.png')], badItem: 2 },
	{ operation: 'Voice Changer → Change Voice (Stream)', bad: 'a target voice ID that is not a UUID', parameter: 'Target Voice', parameters: changeVoice('changeVoiceStream', { voice: byId('={{ $json.voice }}') }), items: (v) => [withAudio(WAV, { voice: NOT_A_UUID }), withAudio(WAV, { voice: v[1] })], badItem: 0 },

	// Voice → Get, Get Many, Update, Delete
	{ operation: 'Voice → Get', bad: 'voice ID ".."', parameter: 'Voice', parameters: voice('get', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], '..', v[1]]), badItem: 1 },
	{ operation: 'Voice → Get', bad: 'voice ID "."', parameter: 'Voice', parameters: voice('get', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], '.']), badItem: 1 },
	{ operation: 'Voice → Get', bad: 'a voice ID with a path in it', parameter: 'Voice', parameters: voice('get', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], `${v[1]}/../..`]), badItem: 1 },
	{ operation: 'Voice → Get', bad: 'an empty voice', parameter: 'Voice', parameters: voice('get', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], v[1], ' ']), badItem: 2 },
	{ operation: 'Voice → Get Many', bad: 'a Limit of 0', parameter: 'Limit', parameters: voice('getMany', { returnAll: false, limit: '={{ $json.limit }}' }), items: () => itemsWith('limit', [1, 0]), badItem: 1 },
	{ operation: 'Voice → Get Many', bad: 'Search under 2025-04-16', parameter: 'Search', apiVersion: '2025-04-16', parameters: voice('getMany', { limit: 1, filters: { search: '={{ $json.q }}' } }), items: () => itemsWith('q', ['', 'narrator']), badItem: 1 },
	{ operation: 'Voice → Update', bad: 'voice ID ".."', parameter: 'Voice', parameters: voice('update', { voice: byId('={{ $json.voice }}'), updateFields: { name: 'Renamed' } }), items: (v) => itemsWith('voice', [v[3], '..']), badItem: 1 },
	{ operation: 'Voice → Update', bad: 'a voice ID that is not a UUID', parameter: 'Voice', parameters: voice('update', { voice: byId('={{ $json.voice }}'), updateFields: { name: 'Renamed' } }), items: (v) => itemsWith('voice', [NOT_A_UUID, v[3]]), badItem: 0 },
	{ operation: 'Voice → Update', bad: 'nothing to update', parameter: 'Update Fields', parameters: voice('update', { voice: byId('={{ $json.voice }}'), updateFields: { name: '={{ $json.name }}' } }), items: (v) => [{ voice: v[3], name: 'Renamed' }, { voice: v[13], name: '' }], badItem: 1 },
	{ operation: 'Voice → Delete', bad: 'voice ID ".."', parameter: 'Voice', parameters: voice('delete', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[3], '..']), badItem: 1 },
	{ operation: 'Voice → Delete', bad: 'voice ID "."', parameter: 'Voice', parameters: voice('delete', { voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', ['.', v[3], v[13]]), badItem: 0 },

	// Voice → Clone
	{ operation: 'Voice → Clone', bad: 'a PNG image as the sample', parameter: 'Input Binary Field', mentions: 'PNG image', parameters: clone(), items: () => [withAudio(WAV), withAudio(PNG, {}, 'ada.png')], badItem: 1 },
	{ operation: 'Voice → Clone', bad: 'language "xx"', parameter: 'Language', parameters: clone({ language: '={{ $json.lang }}' }), items: () => [withAudio(WAV, { lang: 'en' }), withAudio(WAV, { lang: 'xx' })], badItem: 1 },
	{ operation: 'Voice → Clone', bad: 'Arabic, which 2024-11-13 does not list', parameter: 'Language', apiVersion: '2024-11-13', parameters: clone({ language: '={{ $json.lang }}' }), items: () => [withAudio(WAV, { lang: 'ar' }), withAudio(WAV, { lang: 'de' })], badItem: 0 },
	{ operation: 'Voice → Clone', bad: 'base voice ID ".."', parameter: 'Base Voice', parameters: clone({ options: { baseVoice: byId('={{ $json.base }}') } }), items: (v) => [withAudio(WAV, { base: v[0] }), withAudio(WAV, { base: '..' })], badItem: 1 },
	{ operation: 'Voice → Clone', bad: 'an empty name', parameter: 'Name', parameters: clone({ name: '={{ $json.name }}' }), items: () => [withAudio(WAV, { name: 'Ada' }), withAudio(WAV, { name: '' })], badItem: 1 },

	// Voice → Localize
	{ operation: 'Voice → Localize', bad: 'voice ID ".."', parameter: 'Voice', parameters: localize({ voice: byId('={{ $json.voice }}') }), items: (v) => itemsWith('voice', [v[0], '..']), badItem: 1 },
	{ operation: 'Voice → Localize', bad: 'target language "de-DE"', parameter: 'Target Language', mentions: 'did you mean "de"', parameters: localize({ language: '={{ $json.lang }}' }), items: () => itemsWith('lang', ['de', 'de-DE']), badItem: 1 },
	{ operation: 'Voice → Localize', bad: 'Hebrew, which 2025-04-16 does not list', parameter: 'Target Language', apiVersion: '2025-04-16', parameters: localize({ language: '={{ $json.lang }}' }), items: () => itemsWith('lang', ['ko', 'he']), badItem: 1 },
	{ operation: 'Voice → Localize', bad: 'a dialect for German, which has none', parameter: 'Dialect', parameters: localize({ language: '={{ $json.lang }}', dialect_en: 'uk' }), items: () => itemsWith('lang', ['en', 'de', 'es']), badItem: 1 },
	{ operation: 'Voice → Localize', bad: 'an unknown dialect', parameter: 'Dialect', parameters: localize({ language: 'es', dialect_es: '={{ $json.dialect }}' }), items: () => itemsWith('dialect', ['mx', 'xx']), badItem: 1 },

	// Voice → Mix and Create (2024-11-13 only)
	{ operation: 'Voice → Mix', bad: 'voice ID ".." in an entry', parameter: 'Voices', apiVersion: '2024-11-13', parameters: mix('={{ $json.voice }}'), items: (v) => itemsWith('voice', [v[1], '..']), badItem: 1 },
	{ operation: 'Voice → Mix', bad: 'an entry voice ID that is not a UUID', parameter: 'Voices', apiVersion: '2024-11-13', parameters: mix('={{ $json.voice }}'), items: (v) => itemsWith('voice', [v[1], v[2], NOT_A_UUID]), badItem: 2 },
	{ operation: 'Voice → Create', bad: 'base voice ID ".."', parameter: 'Base Voice', apiVersion: '2024-11-13', parameters: create({ options: { baseVoice: byId('={{ $json.base }}') } }), items: (v) => itemsWith('base', [v[0], '..']), badItem: 1 },
	{ operation: 'Voice → Create', bad: 'language "xx"', parameter: 'Language', apiVersion: '2024-11-13', parameters: create({ options: { language: '={{ $json.lang }}' } }), items: () => itemsWith('lang', ['de', 'xx']), badItem: 1 },
	{ operation: 'Voice → Create', bad: 'an embedding of 3 numbers', parameter: 'Embedding', apiVersion: '2024-11-13', parameters: create({ embedding: '={{ $json.embedding }}' }), items: () => [{ embedding }, { embedding: '[1, 2, 3]' }], badItem: 1 },

	// Access Token → Create (API Status → Get has no inputs)
	{ operation: 'Access Token → Create', bad: 'an expiry of 0 seconds', parameter: 'Expires In (Seconds)', parameters: () => ({ resource: 'accessToken', operation: 'create', expiresIn: '={{ $json.expires }}' }), items: () => itemsWith('expires', [60, 0]), badItem: 1 },
	{ operation: 'Access Token → Create', bad: 'an expiry beyond one hour', parameter: 'Expires In (Seconds)', parameters: () => ({ resource: 'accessToken', operation: 'create', expiresIn: '={{ $json.expires }}' }), items: () => itemsWith('expires', [7200, 600, 3600]), badItem: 0 },
	// Agent → Get; Call → Get Many, Get, Download Audio, Start Outbound Calls
	{ operation: 'Agent → Get', bad: 'agent ID ".."', parameter: 'Agent', parameters: () => ({ resource: 'agent', operation: 'get', agent: byId('={{ $json.agent }}') }), items: () => itemsWith('agent', [firstAgent(), '..']), badItem: 1 },
	{ operation: 'Call → Get Many', bad: 'an agent ID with a path in it', parameter: 'Agent', parameters: () => calls('getMany', { agent: byId('={{ $json.agent }}'), limit: 1 }), items: () => itemsWith('agent', ['agent_x/../..', firstAgent()]), badItem: 0 },
	{ operation: 'Call → Get Many', bad: 'a Limit of 0', parameter: 'Limit', parameters: () => calls('getMany', { agent: byId(firstAgent()), limit: '={{ $json.limit }}' }), items: () => itemsWith('limit', [2, 0]), badItem: 1 },
	{ operation: 'Call → Get', bad: 'call ID ".."', parameter: 'Call ID', parameters: () => calls('get', { callId: '={{ $json.call }}' }), items: () => itemsWith('call', [firstCall(), '..']), badItem: 1 },
	{ operation: 'Call → Download Audio', bad: 'an empty call ID', parameter: 'Call ID', parameters: () => calls('downloadAudio', { callId: '={{ $json.call }}' }), items: () => itemsWith('call', ['', firstCall()]), badItem: 0 },
	{ operation: 'Call → Start Outbound Calls', bad: 'a number without its country code', parameter: 'Destinations', mentions: 'entry 1 is not an E.164', apiVersion: '2026-08-14', parameters: () => outbound(), items: () => itemsWith('to', ['+14155559876', '4155559876']), badItem: 1 },
	{ operation: 'Call → Start Outbound Calls', bad: 'metadata that is not JSON', parameter: 'Destinations', mentions: 'Metadata', apiVersion: '2026-08-14', parameters: () => outbound({ metadata: '={{ $json.meta }}' }), items: () => [{ to: '+14155559876', meta: '{"a": 1}' }, { to: '+14155559876', meta: '{a: 1' }], badItem: 1 },
	{ operation: 'Call → Start Outbound Calls', bad: 'a ringing timeout of 90 seconds', parameter: 'Ringing Timeout (Seconds)', apiVersion: '2026-08-14', parameters: () => outbound({}, { ringingTimeoutSeconds: '={{ $json.ring }}' }), items: () => [{ to: '+14155559876', ring: 90 }, { to: '+14155559876', ring: 20 }], badItem: 0 },
];

describe('Bad inputs fail their item before any request', () => {
	it.each(ROWS)('$operation: $bad ("$parameter")', async (row) => {
		const voices = standIn()
			.voices()
			.map((known) => known.id);
		const parameters = row.parameters(voices);
		const items = row.items(voices);
		const options = { items, apiVersion: row.apiVersion, binaryMode: row.binaryMode };

		const { error } = await runCartesia(standIn(), parameters, options);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.context?.itemIndex).toBe(row.badItem);
		expect(error?.message).toContain(`"${row.parameter}`);
		if (row.mentions) expect(error?.message).toContain(row.mentions);

		standIn().reset();
		const continued = await runCartesia(standIn(), parameters, { ...options, continueOnFail: true });
		expect(continued.error).toBeUndefined();
		const failed = continued.items.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: row.badItem });
		expect(failed[0].json.error).toBe(error?.message);
		// The good items went out and succeeded; the bad one sent nothing.
		expect(standIn().requests.map((request) => request.status < 300)).toEqual(items.slice(1).map(() => true));
	});

	it('has at least 45 rows, covering every operation with inputs', () => {
		expect(ROWS.length).toBeGreaterThanOrEqual(45);
		expect(new Set(ROWS.map((row) => row.operation)).size).toBe(23);
	});
});
