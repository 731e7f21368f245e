import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { parseWav, wavLike } from '../helpers/wav';

const standIn = useStandIn();

const speech = { json: { take: 2 }, binary: { data: { buffer: wavLike(3000, 2), fileName: 'take2.wav', mimeType: 'audio/wav' } } };

const change = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'voiceChanger',
	operation,
	binaryPropertyName: 'data',
	voice: byId(standIn().voices()[1].id),
	outputFormat: { container: 'raw', encoding: 'pcm_s16le', sampleRate: 16000 },
	...extra,
});

describe('Voice Changer → Change Voice', () => {
	it('uploads the clip with the target voice and format, and returns the converted file in place of the input', async () => {
		const { items } = await runCartesia(standIn(), change('changeVoice', { outputFormat: { container: 'mp3', bitRate: 128000 } }), {
			items: [speech],
		});
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/voice-changer/bytes', status: 200 });
		expect(request.files).toEqual([{ field: 'clip', filename: 'take2.wav', contentType: 'audio/wav', size: 3000 }]);
		expect(request.fields).toEqual([
			['voice[id]', standIn().voices()[1].id],
			['output_format[container]', 'mp3'],
			['output_format[sample_rate]', '44100'],
			['output_format[bit_rate]', '128000'],
		]);
		// Input and output both use the field "data", so the result replaces the input clip.
		expect(items[0].binary?.data).toMatchObject({ fileName: 'changed-voice.mp3', mimeType: 'audio/mpeg' });
		expect(items[0].json).toMatchObject({ take: 2, container: 'mp3' });
	});

	it('keeps the input clip when the output goes to another field', async () => {
		const { items } = await runCartesia(standIn(), change('changeVoice', { binaryPropertyOutput: 'converted' }), {
			items: [speech],
		});
		expect(items[0].binary?.data.fileName).toBe('take2.wav');
		expect(items[0].binary?.converted).toMatchObject({ fileName: 'changed-voice.pcm', mimeType: 'application/octet-stream' });
	});
});

describe('Voice Changer → Change Voice (Stream)', () => {
	it('streams the converted audio and wraps it as WAV', async () => {
		const { items, result } = await runCartesia(standIn(), change('changeVoiceStream'), { items: [speech] });
		const [request] = standIn().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/voice-changer/sse', status: 200 });
		expect(request.fields).toContainEqual(['output_format[container]', 'raw']);
		expect(items[0].binary?.data).toMatchObject({ fileName: 'changed-voice.wav', mimeType: 'audio/wav' });
		const wav = parseWav(await result.readBinary(items[0], 'data'));
		expect(wav).toMatchObject({ formatCode: 1, sampleRate: 16000, riffSizeConsistent: true });
		expect(wav.dataBytes).toBeGreaterThan(0);
	});

	it('reads the typed stream of 2024-11-13 as well', async () => {
		const { items } = await runCartesia(standIn(), change('changeVoiceStream'), {
			items: [speech],
			apiVersion: '2024-11-13',
		});
		expect(items[0].binary?.data.mimeType).toBe('audio/wav');
	});

	it('streams raw PCM, 16-bit at 44.1 kHz wrapped as WAV, when Output Format is left as it is', async () => {
		const { items } = await runCartesia(standIn(), change('changeVoiceStream', { outputFormat: undefined }), { items: [speech] });
		expect(standIn().requests[0].fields).toEqual([
			['voice[id]', standIn().voices()[1].id],
			['output_format[container]', 'raw'],
			['output_format[encoding]', 'pcm_s16le'],
			['output_format[sample_rate]', '44100'],
		]);
		expect(items[0].json).toMatchObject({ container: 'wav', encoding: 'pcm_s16le', sampleRate: 44100 });
		expect(items[0].binary?.data.mimeType).toBe('audio/wav');
	});
});
