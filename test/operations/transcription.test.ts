import { NodeOperationError } from 'n8n-workflow';

import { runCartesia, useStandIn } from '../helpers/cartesia';
import { wrapPcmAsWav } from '../../nodes/Cartesia/helpers/audio';
import { TRANSCRIPT_MARKER } from '../standin';

const standIn = useStandIn();

const SPOKEN = 'Please call me back about the invoice. Thanks a lot.';

/** Raw PCM as the stand-in's TTS makes it: samples, then the transcript trailer it can read back. */
function rawRecording(seconds: number, sampleRate = 16000): Buffer {
	const samples = Buffer.alloc(seconds * sampleRate * 2);
	const trailer = Buffer.from(`${TRANSCRIPT_MARKER}${Buffer.from(SPOKEN).toString('base64')}\n`, 'latin1');
	return Buffer.concat([samples, trailer]);
}

/** The recording is headerless PCM, so the node must be told (it refuses files that are not audio otherwise). */
const RAW_PCM = { pcmEncoding: 'pcm_s16le', pcmSampleRate: 16000 };

/** The same recording with a WAV header, which needs no PCM options. */
const wavVoicemail = () => ({
	json: { from: '+15550100' },
	binary: { data: { buffer: wrapPcmAsWav(rawRecording(4), 'pcm_s16le', 16000), fileName: 'voicemail.wav', mimeType: 'audio/wav' } },
});

const voicemail = (fileName = 'voicemail.pcm') => ({
	json: { from: '+15550100' },
	binary: { data: { buffer: rawRecording(4), fileName, mimeType: 'application/octet-stream' } },
});

const transcribe = (extra: Record<string, unknown> = {}) => ({
	resource: 'transcription',
	operation: 'transcribe',
	binaryPropertyName: 'data',
	model: 'ink-whisper',
	language: 'en',
	...extra,
});

describe('Transcription → Transcribe', () => {
	it('uploads the file part with its name, type and size, plus model and language', async () => {
		const recording = wavVoicemail();
		await runCartesia(standIn(), transcribe(), { items: [recording] });
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/stt', status: 200, query: [] });
		expect(request.files).toEqual([
			{ field: 'file', filename: 'voicemail.wav', contentType: 'audio/wav', size: recording.binary.data.buffer.length },
		]);
		expect(request.fields).toEqual([
			['model', 'ink-whisper'],
			['language', 'en'],
		]);
	});

	it('returns the text, language and duration, keeping the caller, the audio and the item pairing', async () => {
		const { items } = await runCartesia(standIn(), transcribe({ options: RAW_PCM }), {
			items: [voicemail()],
		});
		expect(items[0].json).toEqual({ from: '+15550100', text: SPOKEN, language: 'en', duration: 4 });
		expect(items[0].binary?.data.fileName).toBe('voicemail.pcm');
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends the PCM encoding and sample rate in the query string', async () => {
		await runCartesia(standIn(), transcribe({ options: RAW_PCM }), {
			items: [voicemail()],
		});
		expect(standIn().requests[0].query).toEqual([
			['encoding', 'pcm_s16le'],
			['sample_rate', '16000'],
		]);
	});

	it('asks for word timestamps with timestamp_granularities[] and returns the words', async () => {
		const { items } = await runCartesia(standIn(), transcribe({ wordTimestamps: true, options: RAW_PCM }), { items: [voicemail()] });
		expect(standIn().requests[0].fields).toContainEqual(['timestamp_granularities[]', 'word']);
		const words = items[0].json.words as Array<{ word: string; start: number; end: number }>;
		expect(words.map((word) => word.word).join(' ')).toBe(SPOKEN);
		expect(words.every((word) => word.end >= word.start)).toBe(true);
	});

	it('writes SRT and WebVTT subtitles into the JSON', async () => {
		const { items } = await runCartesia(standIn(), transcribe({ options: { ...RAW_PCM, subtitles: ['srt', 'vtt'] } }), {
			items: [voicemail()],
		});
		expect(standIn().requests[0].fields).toContainEqual(['timestamp_granularities[]', 'word']);
		expect(items[0].json).not.toHaveProperty('words');
		expect(items[0].json.srt).toMatch(/^1\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\nPlease call me back about the invoice\.\n\n2\n/);
		expect(items[0].json.vtt).toMatch(/^WEBVTT\n\n\d\d:\d\d:\d\d\.\d{3} --> /);
		expect(items[0].json.vtt).toContain('Thanks a lot.');
	});

	it('writes subtitles as binary files when asked', async () => {
		const { items, result } = await runCartesia(
			standIn(),
			transcribe({ options: { ...RAW_PCM, subtitles: ['srt', 'vtt'], subtitlesOutput: 'binary' } }),
			{ items: [voicemail()] },
		);
		expect(items[0].binary?.srt).toMatchObject({ fileName: 'transcript.srt', mimeType: 'application/x-subrip' });
		expect(items[0].binary?.vtt).toMatchObject({ fileName: 'transcript.vtt', mimeType: 'text/vtt' });
		expect((await result.readBinary(items[0], 'srt')).toString('utf8')).toContain('Please call me back');
		expect(items[0].binary?.data.fileName).toBe('voicemail.pcm');
	});

	it('needs the sample rate with the PCM encoding', async () => {
		const { error } = await runCartesia(standIn(), transcribe({ options: { pcmEncoding: 'pcm_s16le' } }), {
			items: [voicemail()],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"PCM Sample Rate" is required with "PCM Encoding"');
		expect(standIn().requests).toHaveLength(0);
	});

	it('names the missing binary property and lists the ones the item has', async () => {
		const { error } = await runCartesia(standIn(), transcribe({ binaryPropertyName: 'recording' }), {
			items: [voicemail()],
		});
		expect(error?.message).toBe('No binary property "recording" on item 0 ("Input Binary Field")');
		expect(error?.description).toBe('The item has these binary properties: data. Set "Input Binary Field" to one of them.');
		expect(standIn().requests).toHaveLength(0);
	});

	it('streams the upload from the filesystem binary store', async () => {
		const { items } = await runCartesia(standIn(), transcribe(), { items: [wavVoicemail()], binaryMode: 'filesystem' });
		expect(items[0].json.text).toBe(SPOKEN);
		expect(items[0].binary?.data.id).toMatch(/^filesystem/);
	});

	it("keeps upstream fields, but never one under a name the transcription owns: text, language, duration, words, srt, vtt", async () => {
		const upstream = {
			from: '+15550100',
			text: 'the caption of the previous post',
			words: ['not', 'these'],
			duration: 999,
			srt: 'an old subtitle',
		};
		const { items } = await runCartesia(standIn(), transcribe({ options: RAW_PCM }), {
			items: [{ json: upstream, binary: voicemail().binary }],
		});
		expect(items[0].json).toEqual({ from: '+15550100', text: SPOKEN, language: 'en', duration: expect.any(Number) });
		expect(items[0].json.duration).not.toBe(999);
	});
});
