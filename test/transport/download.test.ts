/**
 * The download's body (transport/download.ts) on its own, with n8n's HTTP helper played by a function
 * that answers with a stream the test controls.
 */
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { startDownload, type DownloadFailure, type DownloadOptions } from '../../nodes/Cartesia/transport/download';

class Failed extends Error {
	constructor(readonly failure: DownloadFailure) {
		super(failure.kind);
	}
}

const options = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({
	connectTimeoutMs: 1_000,
	idleTimeoutMs: 1_000,
	maxBytes: 1024 * 1024,
	maxRedirects: 5,
	failure: (failure) => new Failed(failure),
	cancelled: () => new Error('canceled'),
	...extra,
});

function answering(body: Readable, headers: Record<string, string> = {}, statusCode = 200) {
	const calls: IHttpRequestOptions[] = [];
	const request = async (requestOptions: IHttpRequestOptions) => {
		calls.push(requestOptions);
		return { statusCode, headers, body };
	};
	return { request, calls };
}

const failureOf = async (promise: Promise<unknown>): Promise<DownloadFailure> => {
	try {
		await promise;
	} catch (error) {
		if (error instanceof Failed) return error.failure;
		throw error;
	}
	throw new Error('expected a failure');
};

describe('startDownload', () => {
	it("asks n8n's helper for a streamed full response, with bounded redirects and no compression", async () => {
		const { request, calls } = answering(Readable.from([Buffer.from('RIFF')]));
		await startDownload(request, 'https://example.com/a.wav', options());
		expect(calls[0]).toMatchObject({
			url: 'https://example.com/a.wav',
			method: 'GET',
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			maxRedirects: 5,
			headers: { 'accept-encoding': 'identity' },
		});
		expect(calls[0].abortSignal).toBeDefined();
		expect(Object.keys(calls[0].headers ?? {})).not.toContain('authorization');
	});

	it('lets the first bytes be looked at without losing them', async () => {
		const source = new PassThrough();
		const download = await startDownload(answering(source).request, 'https://example.com/a.wav', options());
		source.write(Buffer.from('RIFF'));
		source.write(Buffer.from('....WAVE rest'));
		source.end(Buffer.from(' and more'));
		expect((await download.peek(12)).toString()).toBe('RIFF....WAVE');
		expect((await buffer(download.body)).toString()).toBe('RIFF....WAVE rest and more');
	});

	it('peeks a file shorter than the peek', async () => {
		const download = await startDownload(answering(Readable.from([Buffer.from('ID3')])).request, 'https://x.test/a', options());
		expect((await download.peek(64)).toString()).toBe('ID3');
		expect((await buffer(download.body)).toString()).toBe('ID3');
	});

	it('fails a body that ends before its Content-Length', async () => {
		const download = await startDownload(
			answering(Readable.from([Buffer.from('RIFF')]), { 'content-length': '10' }).request,
			'https://x.test/a',
			options(),
		);
		expect(download.size).toBe(10);
		await expect(buffer(download.body)).rejects.toMatchObject({ failure: { kind: 'lengthMismatch', received: 4, declared: 10 } });
	});

	it('fails a body that runs past its Content-Length (a decompressed answer, say)', async () => {
		const download = await startDownload(
			answering(Readable.from([Buffer.from('RIFF'), Buffer.from('more than that')]), { 'content-length': '4' }).request,
			'https://x.test/a',
			options(),
		);
		await expect(buffer(download.body)).rejects.toMatchObject({ failure: { kind: 'lengthMismatch', declared: 4 } });
	});

	it('fails an empty file, announced or not', async () => {
		expect(await failureOf(startDownload(answering(Readable.from([]), { 'content-length': '0' }).request, 'https://x.test/a', options()))).toEqual({
			kind: 'empty',
		});
		const download = await startDownload(answering(Readable.from([])).request, 'https://x.test/a', options());
		await expect(download.peek(64)).rejects.toMatchObject({ failure: { kind: 'empty' } });
	});

	it('closes the body of a refusal and reports its status', async () => {
		const body = new PassThrough();
		const failure = await failureOf(startDownload(answering(body, {}, 410).request, 'https://x.test/a', options()));
		expect(failure).toEqual({ kind: 'status', status: 410, statusText: undefined });
		expect(body.destroyed).toBe(true);
	});

	it('does not count a paused download as a stalled one: only waiting for data is', async () => {
		const source = new PassThrough();
		const download = await startDownload(answering(source).request, 'https://x.test/a', options({ idleTimeoutMs: 100 }));
		// The upload reads one chunk, then is busy (nobody reads) for longer than the idle timeout.
		source.write(Buffer.alloc(64 * 1024, 1));
		source.write(Buffer.alloc(64 * 1024, 2));
		await download.peek(1);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(download.body.destroyed).toBe(false);
		// Now it reads again, and the host sends the rest at once.
		const all = buffer(download.body);
		source.end(Buffer.from('end'));
		expect((await all).length).toBe(128 * 1024 + 3);
	});

	it('fails a host that goes silent while the upload waits for data', async () => {
		const source = new PassThrough();
		const download = await startDownload(answering(source).request, 'https://x.test/a', options({ idleTimeoutMs: 100 }));
		source.write(Buffer.from('RIFF'));
		await expect(buffer(download.body)).rejects.toMatchObject({ failure: { kind: 'stalled', ms: 100 } });
		expect(source.destroyed).toBe(true);
	});

	it('ends the body with the cancel error when the execution is canceled', async () => {
		const source = new PassThrough();
		const controller = new AbortController();
		const download = await startDownload(answering(source).request, 'https://x.test/a', options({ signal: controller.signal }));
		source.write(Buffer.from('RIFF'));
		const reading = buffer(download.body);
		setTimeout(() => controller.abort(), 50);
		await expect(reading).rejects.toThrow('canceled');
		expect(source.destroyed).toBe(true);
	});

	it('words a redirect loop and a refusal by n8n’s outbound rules', async () => {
		const tooMany = Object.assign(new Error('Maximum number of redirects exceeded'), { code: 'ERR_FR_TOO_MANY_REDIRECTS' });
		const ssrf = Object.assign(new Error('The request was blocked because it resolves to a restricted IP address'), {
			name: 'SsrfBlockedIpError',
			description: 'The target is not allowed.',
		});
		const throwing = (error: Error) => async () => {
			throw error;
		};
		expect(await failureOf(startDownload(throwing(tooMany), 'https://x.test/a', options()))).toEqual({ kind: 'tooManyRedirects', limit: 5 });
		expect(await failureOf(startDownload(throwing(ssrf), 'https://x.test/a', options()))).toEqual({
			kind: 'refused',
			message: 'The request was blocked because it resolves to a restricted IP address',
			description: 'The target is not allowed.',
		});
	});
});
