/**
 * Every audio result says, beside the file, how long it is, how big, how many characters were sent,
 * with which model and voice: `durationSeconds`, `bytes`, `characters`, `model`, `voiceId`. Run through
 * the engine against the stand-in, whose audio lasts 60 ms per character of text.
 */
import { SMALL_AUDIO_BYTES } from '../../nodes/Cartesia/helpers/audioOutput';
import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { parseWav, wavLike } from '../helpers/wav';
import { secondsForText } from '../standin/audio';

const standIn = useStandIn();

const TEXT = 'Summaries save the next node from reading audio.';

const speech = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'speech',
	operation,
	transcript: TEXT,
	model: 'sonic-3',
	voice: byId(standIn().voices()[0].id),
	language: 'en',
	...extra,
});

/** Whole MPEG 1 frames of 1152 samples: the stand-in makes as many as cover the speech. */
function mp3Seconds(seconds: number, sampleRate = 44100): number {
	return Math.round((Math.ceil((seconds * sampleRate) / 1152) * 1152 * 1000) / sampleRate) / 1000;
}

describe('the audio summary', () => {
	it('Speech → Generate (MP3, the default): duration by counting frames as the file streams, bytes as stored', async () => {
		const { items, result } = await runCartesia(standIn(), speech('generate'));
		const file = await result.readBinary(items[0], 'data');
		expect(items[0].json).toEqual({
			container: 'mp3',
			sampleRate: 44100,
			bitRate: 128000,
			durationSeconds: mp3Seconds(secondsForText(TEXT)),
			bytes: file.length,
			characters: TEXT.length,
			model: 'sonic-3',
			voiceId: standIn().voices()[0].id,
		});
	});

	it('measures the MP3 the same when it streams to disk (filesystem mode)', async () => {
		const { items, result } = await runCartesia(standIn(), speech('generate'), { binaryMode: 'filesystem' });
		expect(result.binaryPath(items[0], 'data')).toBeDefined();
		expect(items[0].json).toMatchObject({
			durationSeconds: mp3Seconds(secondsForText(TEXT)),
			bytes: (await result.readBinary(items[0], 'data')).length,
		});
	});

	// Up to SMALL_AUDIO_BYTES the file is read whole and measured at once; past it, it streams through
	// the meter: both ways give the same file and the same summary, in either binary mode.
	it.each([
		['read whole', SMALL_AUDIO_BYTES - 1000, 'memory'],
		['at the limit', SMALL_AUDIO_BYTES, 'filesystem'],
		['streamed', SMALL_AUDIO_BYTES + 1000, 'memory'],
		['streamed to disk', 3 * SMALL_AUDIO_BYTES, 'filesystem'],
	] as const)('measures a raw file %s (%i bytes, %s mode) by its bytes', async (_how, size, binaryMode) => {
		standIn().setGeneratedAudioBytes(size);
		const outputFormat = { container: 'raw', encoding: 'pcm_s16le', sampleRate: 8000 };
		const { items, result, error } = await runCartesia(standIn(), speech('generate', { outputFormat }), { binaryMode });
		expect(error).toBeUndefined();
		const file = await result.readBinary(items[0], 'data');
		// The stand-in's raw audio ends with its transcript marker line.
		expect(file.length).toBeGreaterThanOrEqual(size);
		expect(items[0].json).toMatchObject({ bytes: file.length, durationSeconds: Math.round((file.length / 2 / 8000) * 1000) / 1000 });
	});

	it.each([
		['WAV', { container: 'wav', encoding: 'pcm_s16le', sampleRate: 24000 }],
		['raw PCM', { container: 'raw', encoding: 'pcm_f32le', sampleRate: 16000 }],
	])('Speech → Generate (%s): duration from the bytes and the format', async (_name, outputFormat) => {
		const { items, result } = await runCartesia(standIn(), speech('generate', { outputFormat }));
		const file = await result.readBinary(items[0], 'data');
		expect(items[0].json.bytes).toBe(file.length);
		// Raw carries the stand-in's short transcript trailer after the samples: well under a millisecond.
		expect(items[0].json.durationSeconds).toBeCloseTo(secondsForText(TEXT), 2);
		if (outputFormat.container === 'wav') {
			const wav = parseWav(file);
			expect(items[0].json.durationSeconds).toBe(Math.round((wav.dataBytes / wav.byteRate) * 1000) / 1000);
		}
	});

	it('counts characters as Unicode code points: an emoji is one', async () => {
		const { items } = await runCartesia(standIn(), speech('generate', { transcript: 'Café 👋' }));
		expect(items[0].json.characters).toBe(6);
	});

	it('Speech → Generate With Timestamps: the joined PCM timed, the stored WAV counted', async () => {
		const { items, result } = await runCartesia(standIn(), speech('generateWithTimestamps', { outputFormat: { sampleRate: 16000 } }));
		const file = await result.readBinary(items[0], 'data');
		const samples = parseWav(file).dataBytes / 2;
		expect(items[0].json).toMatchObject({
			container: 'wav',
			durationSeconds: Math.round((samples / 16000) * 1000) / 1000,
			bytes: file.length,
			characters: TEXT.length,
			model: 'sonic-3',
			voiceId: standIn().voices()[0].id,
		});
		expect(items[0].json.durationSeconds).toBeCloseTo(secondsForText(TEXT), 1);
	});

	it('Infill → Generate: the transcript sent, the model and the voice', async () => {
		const clip = { buffer: wavLike(2004, 1), fileName: 'before.wav', mimeType: 'audio/wav' };
		const { items, result } = await runCartesia(
			standIn(),
			{
				resource: 'infill',
				operation: 'generate',
				leftBinaryPropertyName: 'before',
				rightBinaryPropertyName: '',
				transcript: 'and that is how we won',
				model: 'sonic-2',
				voice: byId(standIn().voices()[1].id),
				language: 'en',
			},
			{ items: [{ json: {}, binary: { before: clip } }] },
		);
		expect(items[0].json).toMatchObject({
			container: 'mp3',
			durationSeconds: mp3Seconds(secondsForText('and that is how we won')),
			bytes: (await result.readBinary(items[0], 'data')).length,
			characters: 22,
			model: 'sonic-2',
			voiceId: standIn().voices()[1].id,
		});
	});

	it.each(['changeVoice', 'changeVoiceStream'])('Voice Changer → %s: no text and no model were sent (0 and null)', async (operation) => {
		const clip = { buffer: wavLike(32000, 2), fileName: 'take.wav', mimeType: 'audio/wav' };
		const { items, result } = await runCartesia(
			standIn(),
			{ resource: 'voiceChanger', operation, binaryPropertyName: 'data', voice: byId(standIn().voices()[2].id) },
			{ items: [{ json: {}, binary: { data: clip } }] },
		);
		expect(items[0].json).toMatchObject({
			bytes: (await result.readBinary(items[0], 'data')).length,
			characters: 0,
			model: null,
			voiceId: standIn().voices()[2].id,
		});
		expect(items[0].json.durationSeconds).toEqual(expect.any(Number));
		expect(items[0].json.durationSeconds).toBeGreaterThan(0);
	});

	it("drops input fields the result owns, even those this format leaves out: an upstream WAV's encoding never rides along with an MP3", async () => {
		const upstream = { title: 'Episode 1', container: 'wav', encoding: 'pcm_s16le', durationSeconds: 99, characters: 5 };
		const { items } = await runCartesia(standIn(), speech('generate'), { items: [{ json: upstream }] });
		expect(items[0].json).toMatchObject({ title: 'Episode 1', container: 'mp3', characters: TEXT.length });
		expect(items[0].json).not.toHaveProperty('encoding');
		expect(items[0].json.durationSeconds).not.toBe(99);
	});
});
