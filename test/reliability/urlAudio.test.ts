/**
 * Audio from a URL, run through the n8n engine: the stand-in plays the host the recording lives on
 * (GET /files/…, test/standin/files.ts), and the node downloads it with n8n's own HTTP helper, streaming
 * it into the upload to Cartesia.
 */
import { NodeOperationError } from 'n8n-workflow';

import { byId, runCartesia, useStandIn } from '../helpers/cartesia';
import { wavLike } from '../helpers/wav';
import { FILES_PREFIX, type RecordedRequest } from '../standin';

const standIn = useStandIn();

const fileUrl = (path: string) => `${standIn().url}${FILES_PREFIX}${path}`;
const downloads = (): RecordedRequest[] => standIn().requests.filter((request) => request.path.startsWith(FILES_PREFIX));
const cartesiaRequests = (): RecordedRequest[] => standIn().requests.filter((request) => !request.path.startsWith(FILES_PREFIX));

/** The length of a file as the stand-in serves it (fetched after the run, so it is not counted as the node's). */
async function servedSize(path: string): Promise<number> {
	return (await (await fetch(fileUrl(path))).arrayBuffer()).byteLength;
}

const transcribe = (audioUrl: string, extra: Record<string, unknown> = {}) => ({
	resource: 'transcription',
	operation: 'transcribe',
	audioSource: 'url',
	audioUrl,
	model: 'ink-whisper',
	language: 'en',
	...extra,
});

describe('each operation takes its audio from a URL', () => {
	it('Transcribe: downloads the recording and uploads it as it arrives, named and typed by the response', async () => {
		const { items, error } = await runCartesia(standIn(), transcribe(fileUrl('call-42.wav?text=Please%20call%20me%20back.')), {
			items: [{ caller: '+15550100' }],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ caller: '+15550100', text: 'Please call me back.', language: 'en', duration: 2 });
		const [download] = downloads();
		const [upload] = cartesiaRequests();
		expect(download).toMatchObject({ method: 'GET', path: '/files/call-42.wav', status: 200 });
		expect(upload).toMatchObject({ method: 'POST', path: '/stt', status: 200 });
		const size = await servedSize('call-42.wav?text=Please%20call%20me%20back.');
		expect(upload.files).toEqual([{ field: 'file', filename: 'call-42.wav', contentType: 'audio/wav', size }]);
		// The upload had a Content-Length: the host's, added to the form's.
		expect(upload.headers['content-length']).toBeDefined();
		expect(upload.headers['transfer-encoding']).toBeUndefined();
	});

	it.each(['2024-11-13', '2025-11-04'] as const)(
		'sends the host of the file no Cartesia header, no key (Cartesia-Version %s)',
		async (apiVersion) => {
			await runCartesia(standIn(), transcribe(fileUrl('call.wav')), { apiVersion });
			const [download] = downloads();
			expect(Object.keys(download.headers)).not.toEqual(
				expect.arrayContaining([expect.stringMatching(/^(authorization|x-api-key|cartesia-version)$/)]),
			);
			expect(JSON.stringify(download.headers)).not.toContain(standIn().apiKey);
			// …while Cartesia itself got them.
			const [upload] = cartesiaRequests();
			expect(upload.headers['cartesia-version']).toBe(apiVersion);
		},
	);

	it('Voice → Clone: clones from a sample at a URL', async () => {
		const { items, error } = await runCartesia(standIn(), {
			resource: 'voice',
			operation: 'clone',
			audioSource: 'url',
			audioUrl: fileUrl('sample.mp3?seconds=8'),
			name: 'Podcast host',
			language: 'en',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'Podcast host' });
		const [upload] = cartesiaRequests();
		expect(upload).toMatchObject({ path: '/voices/clone', status: 200 });
		expect(upload.files?.[0]).toMatchObject({ field: 'clip', filename: 'sample.mp3', contentType: 'audio/mpeg' });
		expect(downloads()).toHaveLength(1);
	});

	it.each([
		['changeVoice', '/voice-changer/bytes'],
		['changeVoiceStream', '/voice-changer/sse'],
	])('Voice Changer → %s: converts a clip at a URL', async (operation, path) => {
		const { items, error } = await runCartesia(standIn(), {
			resource: 'voiceChanger',
			operation,
			audioSource: 'url',
			audioUrl: fileUrl('take.wav'),
			voice: byId(standIn().voices()[1].id),
			container: 'raw',
			encoding: 'pcm_s16le',
			sampleRate: 16000,
		});
		expect(error).toBeUndefined();
		expect(items[0].binary?.data.fileName).toMatch(/^changed-voice\./);
		const [upload] = cartesiaRequests();
		expect(upload).toMatchObject({ path, status: 200 });
		expect(upload.files?.[0]).toMatchObject({ field: 'clip', filename: 'take.wav', contentType: 'audio/wav' });
	});

	it('Infill: takes each side from its own source, a URL on the left and a binary field on the right', async () => {
		const { error } = await runCartesia(
			standIn(),
			{
				resource: 'infill',
				operation: 'generate',
				leftAudioSource: 'url',
				leftAudioUrl: fileUrl('before.wav'),
				rightBinaryPropertyName: 'after',
				transcript: 'and that is how we won',
				model: 'sonic-3',
				voice: byId(standIn().voices()[0].id),
				language: 'en',
				container: 'wav',
				encoding: 'pcm_s16le',
				sampleRate: 22050,
			},
			{ items: [{ json: {}, binary: { after: { buffer: wavLike(2004, 1), fileName: 'after.wav', mimeType: 'audio/wav' } } }] },
		);
		expect(error).toBeUndefined();
		const [upload] = cartesiaRequests();
		expect(upload.files?.map((file) => [file.field, file.filename])).toEqual([
			['left_audio', 'before.wav'],
			['right_audio', 'after.wav'],
		]);
	});

	it('Infill: a URL on the right only, the left left empty', async () => {
		const { error } = await runCartesia(standIn(), {
			resource: 'infill',
			operation: 'generate',
			leftBinaryPropertyName: '',
			rightAudioSource: 'url',
			rightAudioUrl: fileUrl('after.mp3'),
			transcript: 'the end',
			model: 'sonic-3',
			voice: byId(standIn().voices()[0].id),
			language: 'en',
			container: 'wav',
			encoding: 'pcm_s16le',
			sampleRate: 22050,
		});
		expect(error).toBeUndefined();
		expect(cartesiaRequests()[0].files?.map((file) => file.field)).toEqual(['right_audio']);
	});

	it('Infill: two empty URLs say so, naming both', async () => {
		const { error } = await runCartesia(standIn(), {
			resource: 'infill',
			operation: 'generate',
			leftAudioSource: 'url',
			rightAudioSource: 'url',
			transcript: 'x',
			voice: byId(standIn().voices()[0].id),
		});
		expect(error?.message).toBe('Infill needs audio on at least one side: "Left Audio URL" and "Right Audio URL" are both empty');
		expect(standIn().requests).toHaveLength(0);
	});

	it('takes the URL from an expression, item by item', async () => {
		const { items } = await runCartesia(standIn(), transcribe('={{ $json.recording }}'), {
			items: [{ recording: fileUrl('a.wav?text=First.') }, { recording: fileUrl('b.mp3?text=Second.') }],
		});
		expect(items.map((item) => item.json.text)).toEqual(['First.', 'Second.']);
		expect(downloads().map((request) => request.path).sort()).toEqual(['/files/a.wav', '/files/b.mp3']);
	});
});

describe('the file part, from what the host says', () => {
	it('names the file after Content-Disposition', async () => {
		await runCartesia(standIn(), transcribe(fileUrl('recording.wav?disposition=Voicemail%2042.wav')));
		expect(cartesiaRequests()[0].files?.[0].filename).toBe('Voicemail 42.wav');
	});

	it('types it by its bytes when the host says only octet-stream', async () => {
		await runCartesia(standIn(), transcribe(fileUrl('episode.mp3?type=application/octet-stream')));
		expect(cartesiaRequests()[0].files?.[0]).toMatchObject({ filename: 'episode.mp3', contentType: 'audio/mpeg' });
	});

	it('gives a name without an extension the one its bytes show, and a file without a type one', async () => {
		await runCartesia(standIn(), transcribe(fileUrl('clip.wav?type=none&disposition=voicemail')));
		expect(cartesiaRequests()[0].files?.[0]).toMatchObject({ filename: 'voicemail.wav', contentType: 'audio/wav' });
	});

	it('uploads without a Content-Length when the host sends none, and still in one piece', async () => {
		await runCartesia(standIn(), transcribe(fileUrl('long.wav?chunked=1&seconds=20&text=Twenty%20seconds.')));
		const [upload] = cartesiaRequests();
		expect(upload.status).toBe(200);
		expect(upload.headers['content-length']).toBeUndefined();
		expect(upload.files?.[0].size).toBe(await servedSize('long.wav?seconds=20&text=Twenty%20seconds.'));
	});
});

describe('redirects', () => {
	it('follows up to 5 redirects', async () => {
		const { items, error } = await runCartesia(standIn(), transcribe(fileUrl('redirect/5/call.wav?text=Found%20it.')));
		expect(error).toBeUndefined();
		expect(items[0].json.text).toBe('Found it.');
		expect(downloads()).toHaveLength(6);
	});

	it('refuses a sixth, before anything is sent to Cartesia', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('redirect/6/call.wav')));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			`Could not download "Audio URL" of item 0 (${fileUrl('redirect/6/call.wav')}): it redirected more than 5 times`,
		);
		expect(error?.description).toContain('redirect loop');
		expect(cartesiaRequests()).toHaveLength(0);
	});
});

describe('failures say what happened, naming the parameter, the item and the address (without its query)', () => {
	it('a 404, on the second item', async () => {
		const { error } = await runCartesia(standIn(), transcribe('={{ $json.url }}'), {
			items: [{ url: fileUrl('call.wav') }, { url: fileUrl('status/404?signature=s3cr3t-token') }],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`Could not download "Audio URL" of item 1 (${fileUrl('status/404')}): the host answered 404 Not Found`);
		expect(error?.description).toContain('that the link has not expired');
		expect(error?.context?.itemIndex).toBe(1);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain('s3cr3t-token');
		expect(cartesiaRequests().filter((request) => request.path === '/stt')).toHaveLength(1);
	});

	it('keeps its words when the address holds letters n8n takes for an error code', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('status/404?f=ENOENT')));
		expect(error?.message).toBe(`Could not download "Audio URL" of item 0 (${fileUrl('status/404')}): the host answered 404 Not Found`);
		const fragment = await runCartesia(standIn(), transcribe(`${fileUrl('status/410')}#eacces`));
		expect(fragment.error?.message).toBe(`Could not download "Audio URL" of item 0 (${fileUrl('status/410')}): the host answered 410 Gone`);
		const path = await runCartesia(standIn(), transcribe(fileUrl('econnrefused.png')));
		expect(path.error?.message).toBe(`"Audio URL" of item 0 (${fileUrl('econnrefused.png')}) is not audio: its bytes look like a PNG image`);
	});

	it('a 500', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('status/500')));
		expect(error?.message).toBe(`Could not download "Audio URL" of item 0 (${fileUrl('status/500')}): the host answered 500 Internal Server Error`);
		expect(error?.description).toContain('The host of the file had a problem');
		expect(cartesiaRequests()).toHaveLength(0);
	});

	it('a file that is not audio, before it is uploaded', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('photo.png')));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`"Audio URL" of item 0 (${fileUrl('photo.png')}) is not audio: its bytes look like a PNG image`);
		expect(error?.description).toContain('not to a web page about it');
		expect(cartesiaRequests()).toHaveLength(0);
	});

	it('a web page instead of the file', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('page.txt?text=%3Chtml%3EDownload%20here%3C/html%3E')));
		expect(error?.message).toContain('is not audio: its bytes look like text ("<html>Download here</htm…")');
	});

	it('a host that cannot be reached, without the query string', async () => {
		const { error } = await runCartesia(standIn(), transcribe('http://127.0.0.1:1/call.wav?token=s3cr3t-token'));
		expect(error?.message).toBe('Could not download "Audio URL" of item 0 (http://127.0.0.1:1/call.wav): the host refused the connection');
		expect(error?.description).toMatch(/^ECONNREFUSED: .*Check the address, and that n8n can reach its host/);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain('s3cr3t-token');
		expect(standIn().requests).toHaveLength(0);
	});

	it('continues with an error item under "On Error: Continue"', async () => {
		const { items } = await runCartesia(standIn(), transcribe(fileUrl('status/403')), { continueOnFail: true });
		expect(items[0].json.error).toBe(`Could not download "Audio URL" of item 0 (${fileUrl('status/403')}): the host answered 403 Forbidden`);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Max Download Size (MB)', () => {
	it('refuses a file whose Content-Length is above the limit (2 GB by default) without reading it', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('huge.wav?bytes=3000000000')));
		expect(error?.message).toBe(
			`Could not download "Audio URL" of item 0 (${fileUrl('huge.wav')}): the file is 2861 MB, more than "Max Download Size (MB)" (2048 MB)`,
		);
		expect(error?.description).toContain('Raise "Max Download Size (MB)" under Options');
		expect(cartesiaRequests()).toHaveLength(0);
	});

	it('follows the limit the user sets', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('two.wav?bytes=2097152'), { options: { maxDownloadSize: 1 } }));
		expect(error?.message).toContain('the file is 2 MB, more than "Max Download Size (MB)" (1 MB)');
	});

	it('counts the bytes when the host announces no size, and stops at the limit', async () => {
		const { error } = await runCartesia(
			standIn(),
			transcribe(fileUrl('endless.wav?bytes=3145728&chunked=1'), { options: { maxDownloadSize: 1 } }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			`Could not download "Audio URL" of item 0 (${fileUrl('endless.wav')}): the file grew past "Max Download Size (MB)" (1 MB) while downloading`,
		);
		// The upload had begun (the download streams into it), and stopped with the download.
		const [upload] = cartesiaRequests();
		expect(upload.status).toBe(0);
	});

	it('must be more than 0', async () => {
		const { error } = await runCartesia(standIn(), transcribe(fileUrl('a.wav'), { options: { maxDownloadSize: '={{ 0 }}' } }));
		expect(error?.message).toBe('"Max Download Size (MB)" must be more than 0, not 0');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('only web addresses, checked before any request', () => {
	it.each([
		['file:///etc/passwd', 'file:'],
		['ftp://example.com/call.wav', 'ftp:'],
		['data:audio/wav;base64,UklGRg==', 'data:'],
		['javascript:alert(1)', 'javascript:'],
	])('refuses %s', async (audioUrl, scheme) => {
		const { error } = await runCartesia(standIn(), transcribe(audioUrl));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`"Audio URL" on item 0 must be an http:// or https:// address, not ${scheme}`);
		expect(error?.description).toContain('set "Audio Source" to Binary Field');
		expect(standIn().requests).toHaveLength(0);
	});

	it('refuses text that is not a URL, and an empty URL', async () => {
		const notUrl = await runCartesia(standIn(), transcribe('recording.wav'));
		expect(notUrl.error?.message).toBe('"Audio URL" on item 0 is not a URL: "recording.wav"');
		const empty = await runCartesia(standIn(), transcribe('  '));
		expect(empty.error?.message).toBe('"Audio URL" is empty on item 0');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('retries download again; Clone downloads once', () => {
	it('a Transcribe upload retried after a 503 from Cartesia downloads the file again', async () => {
		standIn().inject({ kind: 'status', status: 503, path: '/stt' });
		const { items, error } = await runCartesia(standIn(), transcribe(fileUrl('call.wav?text=Second%20time%20lucky.')));
		expect(error).toBeUndefined();
		expect(items[0].json.text).toBe('Second time lucky.');
		expect(cartesiaRequests().map((request) => request.status)).toEqual([503, 200]);
		expect(downloads()).toHaveLength(2);
		expect(cartesiaRequests()[1].files?.[0].size).toBe(await servedSize('call.wav?text=Second%20time%20lucky.'));
	});

	it('Clone is not resent after a 500, so its sample is downloaded once', async () => {
		standIn().inject({ kind: 'status', status: 500, path: '/voices/clone' });
		const { error } = await runCartesia(standIn(), {
			resource: 'voice',
			operation: 'clone',
			audioSource: 'url',
			audioUrl: fileUrl('sample.wav'),
			name: 'Once',
			language: 'en',
		});
		expect(error?.message).toContain('Cartesia:');
		expect(cartesiaRequests()).toHaveLength(1);
		expect(downloads()).toHaveLength(1);
	});
});

describe('time limits and cancel', () => {
	it('fails when the host does not answer within Connect Timeout + Idle Timeout', async () => {
		const started = Date.now();
		const { error } = await runCartesia(
			standIn(),
			transcribe(fileUrl('late.wav?delayMs=5000'), { requestOptions: { connectTimeout: 0.3, idleTimeout: 0.3 } }),
		);
		expect(error?.message).toBe(
			`Could not download "Audio URL" of item 0 (${fileUrl('late.wav')}): the host did not answer within Connect Timeout + Idle Timeout (0.6 s)`,
		);
		expect(error?.description).toContain('Raise Connect Timeout or Idle Timeout in Request Options');
		expect(Date.now() - started).toBeLessThan(4_000);
	});

	it('fails when the download stalls for longer than the Idle Timeout', async () => {
		const { error } = await runCartesia(
			standIn(),
			transcribe(fileUrl('stalls.wav?seconds=10&chunkDelayMs=3000'), { requestOptions: { idleTimeout: 0.5 } }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			`Could not download "Audio URL" of item 0 (${fileUrl('stalls.wav')}): the download stalled for longer than the Idle Timeout (0.5 s)`,
		);
	});

	it('a cancel during a slow download ends the run as canceled, and the download with it', async () => {
		const controller = new AbortController();
		const running = runCartesia(standIn(), transcribe(fileUrl('slow.wav?seconds=30&chunkDelayMs=500')), {
			signal: controller.signal,
		});
		// Wait until the download is streaming into the upload.
		for (let waited = 0; cartesiaRequests().length === 0 && waited < 5_000; waited += 20) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const started = Date.now();
		controller.abort();
		const { result } = await running;
		expect(result.status).toBe('canceled');
		for (let waited = 0; downloads()[0].rejection === undefined && waited < 2_000; waited += 20) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(downloads()[0].rejection).toBe('the client went away during the file');
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(cartesiaRequests()[0].status).toBe(0);
	});
});

describe('Binary Field stays the default', () => {
	it('a workflow without Audio Source reads the binary field, as before', async () => {
		const { items } = await runCartesia(
			standIn(),
			{ resource: 'transcription', operation: 'transcribe', binaryPropertyName: 'data', model: 'ink-whisper', language: 'en' },
			{ items: [{ json: {}, binary: { data: { buffer: wavLike(3200, 1), fileName: 'a.wav', mimeType: 'audio/wav' } } }] },
		);
		expect(items).toHaveLength(1);
		expect(downloads()).toHaveLength(0);
	});
});
