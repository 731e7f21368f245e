import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NodeOperationError } from 'n8n-workflow';

import {
	HARNESS_SET_TYPE,
	HarnessNodeTypes,
	chainWorkflow,
	loadPackage,
	makeTempDir,
	runWorkflow,
	userFolder,
} from './harness';

const FIXTURE_DIR = resolve(__dirname, 'fixtures', 'harness-package');
const ECHO = 'n8n-nodes-harness-fixture.harnessEcho';
const BINARY = 'n8n-nodes-harness-fixture.harnessBinary';

interface RecordedRequest {
	method?: string;
	url?: string;
	headers: IncomingHttpHeaders;
	body: string;
}

let server: Server;
let baseUrl: string;
const requests: RecordedRequest[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded = {
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			if (req.url?.startsWith('/hang')) return; // never answers: used for cancellation
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ url: req.url, body: JSON.parse(recorded.body || 'null') }));
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

beforeEach(() => {
	requests.length = 0;
});

describe('n8n engine harness', () => {
	it('loads the package from package.json#n8n and maps prefixed and short type names', async () => {
		const pkg = await loadPackage(FIXTURE_DIR);
		expect(pkg.packageName).toBe('n8n-nodes-harness-fixture');
		expect(Object.keys(pkg.nodeTypes).sort()).toEqual(['harnessBinary', 'harnessEcho']);
		expect(Object.keys(pkg.credentialTypes).sort()).toEqual(['harnessFunctionApi', 'harnessHeaderApi']);
		const nodeTypes = new HarnessNodeTypes([pkg]);
		expect(nodeTypes.getByName(ECHO)).toBe(nodeTypes.getByName('harnessEcho'));
		expect(nodeTypes.defaultVersion(BINARY)).toBe(2);
		expect(() => nodeTypes.getByName('n8n-nodes-base.noOp')).toThrow(/Unknown node type/);
		// n8n-core keeps its settings file in the temporary user folder, not in ~/.n8n
		expect(userFolder).toBe(process.env.N8N_USER_FOLDER);
		expect(userFolder.startsWith(tmpdir())).toBe(true);
	});

	it('passes items through in order with pairedItem and resolves expressions', async () => {
		const result = await runWorkflow({
			packageDir: FIXTURE_DIR,
			workflow: chainWorkflow([
				{ name: 'Echo', type: ECHO, parameters: { message: '={{ $json.name.toUpperCase() }}-{{ $itemIndex }}' } },
				{
					name: 'Set',
					type: HARNESS_SET_TYPE,
					parameters: {
						assignments: {
							values: [
								{ name: 'fromTrigger', value: "={{ $('Trigger').item.json.name }}" },
								{ name: 'sum', value: '={{ $json.n + 1 }}' },
							],
						},
					},
				},
			]),
			triggerItems: [{ name: 'a', n: 1 }, { json: { name: 'b', n: 2 } }, { name: 'c', n: 3 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Trigger', 'Echo', 'Set']);
		const echoed = result.output('Echo');
		expect(echoed.map((item) => item.json.message)).toEqual(['A-0', 'B-1', 'C-2']);
		expect(echoed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const set = result.output('Set');
		expect(set.map((item) => [item.json.fromTrigger, item.json.sum])).toEqual([
			['a', 2],
			['b', 3],
			['c', 4],
		]);
		expect(result.output('Trigger')).toHaveLength(3);
		expect(result.output('Missing')).toEqual([]);
	});

	it('applies generic and function credentials (with property defaults) to requests', async () => {
		const result = await runWorkflow({
			packageDir: FIXTURE_DIR,
			workflow: chainWorkflow([
				{
					name: 'Header',
					type: ECHO,
					parameters: { authentication: 'header', message: '={{ $json.name }}', path: '/h' },
					credentials: ['harnessHeaderApi'],
				},
				{
					name: 'Function',
					type: ECHO,
					parameters: { authentication: 'function', message: 'fn', path: '/f' },
					credentials: { harnessFunctionApi: { id: 'cred-7', name: 'My token' } },
				},
			]),
			credentials: {
				harnessHeaderApi: { apiKey: 'secret', baseUrl },
				'cred-7': { token: 't0k3n', baseUrl },
			},
			triggerItems: [{ name: 'x' }],
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(2);
		const [header, fn] = requests;
		expect(header.method).toBe('POST');
		expect(header.url).toBe('/h?source=harness');
		expect(header.headers['x-harness-key']).toBe('key-secret');
		expect(JSON.parse(header.body)).toEqual({ message: 'x', index: 0 });
		expect(fn.url).toBe('/f');
		expect(fn.headers.authorization).toBe('Bearer t0k3n');
		expect(fn.headers['x-harness-key']).toBeUndefined();
		expect(result.output('Function')[0].json.response).toEqual({ url: '/f', body: { message: 'fn', index: 0 } });
		// each node reads its credential once itself and once inside httpRequestWithAuthentication
		expect(result.credentialAccesses.map((access) => `${access.nodeName}:${access.type}`)).toEqual([
			'Header:harnessHeaderApi',
			'Header:harnessHeaderApi',
			'Function:harnessFunctionApi',
			'Function:harnessFunctionApi',
		]);
	});

	it('keeps binaries inline in memory mode', async () => {
		const result = await runWorkflow({
			packageDir: FIXTURE_DIR,
			binaryMode: 'memory',
			workflow: chainWorkflow([
				{ name: 'Echo', type: ECHO },
				{ name: 'Binary', type: BINARY, parameters: { content: 'abc', repeat: 3, fileName: 'x.txt', mimeType: 'text/plain' } },
			]),
			triggerItems: [{ json: { name: 'in' }, binary: { data: { buffer: 'hello', fileName: 'hi.txt', mimeType: 'text/plain' } } }],
		});
		expect(result.error).toBeUndefined();
		const [echoed] = result.output('Echo');
		expect(echoed.json.binaryLength).toBe(5);
		expect(echoed.binary?.data.id).toBeUndefined();
		expect(await result.readBinary(echoed)).toEqual(Buffer.from('hello'));
		const [item] = result.output('Binary');
		const binary = item.binary?.data;
		expect(binary).toMatchObject({ fileName: 'x.txt', mimeType: 'text/plain', bytes: 9 });
		expect(binary?.id).toBeUndefined();
		expect(Buffer.from(binary?.data ?? '', 'base64').toString()).toBe('abcabcabc');
		expect((await result.readBinary(item)).toString()).toBe('abcabcabc');
		expect(result.binaryPath(item)).toBeUndefined();
		const chunks: Buffer[] = [];
		for await (const chunk of await result.binaryStream(item)) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).toString()).toBe('abcabcabc');
	});

	it('writes binaries to disk with an id in filesystem mode', async () => {
		const source = join(makeTempDir('harness-test-'), 'input.wav');
		writeFileSync(source, Buffer.from([1, 2, 3, 4]));
		const binaryDir = makeTempDir('harness-test-binary-');
		const result = await runWorkflow({
			packageDir: FIXTURE_DIR,
			binaryMode: 'filesystem',
			binaryDir,
			workflow: chainWorkflow([
				{ name: 'Echo', type: ECHO },
				{ name: 'Binary', type: BINARY, parameters: { content: 'disk', repeat: 2, binaryPropertyName: 'audio' } },
			]),
			triggerItems: [{ json: {}, binary: { data: { filePath: source, mimeType: 'audio/wav' } } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.binaryDir).toBe(binaryDir);
		const [echoed] = result.output('Echo');
		expect(echoed.json.binaryLength).toBe(4);
		expect(echoed.binary?.data).toMatchObject({ fileName: 'input.wav', mimeType: 'audio/wav' });
		expect(echoed.binary?.data.id).toMatch(/^filesystem-v2:/);
		const [item] = result.output('Binary');
		const binary = item.binary?.audio;
		expect(binary?.id).toMatch(/^filesystem-v2:workflows\/.+\/executions\/.+\/binary_data\//);
		expect(binary?.data).toBe('filesystem-v2');
		const path = result.binaryPath(item, 'audio');
		expect(path?.startsWith(binaryDir)).toBe(true);
		expect(existsSync(path ?? '')).toBe(true);
		expect(readFileSync(path ?? '').toString()).toBe('diskdisk');
		expect((await result.readBinary(item, 'audio')).toString()).toBe('diskdisk');
	});

	it('fails the run with the node error surfaced', async () => {
		const result = await runWorkflow({
			packageDir: FIXTURE_DIR,
			workflow: chainWorkflow([
				{ name: 'Echo', type: ECHO, parameters: { failOn: 'b' } },
				{ name: 'After', type: HARNESS_SET_TYPE },
			]),
			triggerItems: [{ name: 'a' }, { name: 'b' }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Refusing item named "b"');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.stack).toContain('HarnessEcho.node.js');
		expect(result.errorNode).toBe('Echo');
		expect(result.executedNodes).toEqual(['Trigger', 'Echo']);
		expect(result.output('After')).toEqual([]);
	});

	it("continues on failure with onError 'continueRegularOutput'", async () => {
		const result = await runWorkflow({
			packageDir: FIXTURE_DIR,
			workflow: chainWorkflow([
				{ name: 'Echo', type: ECHO, parameters: { failOn: 'b' }, onError: 'continueRegularOutput' },
				// no credentials given to the harness: the engine turns the thrown error into an item
				{
					name: 'NoCreds',
					type: ECHO,
					parameters: { authentication: 'header' },
					credentials: ['harnessHeaderApi'],
					onError: 'continueRegularOutput',
				},
			]),
			triggerItems: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.output('Echo').map((item) => item.json.error ?? item.json.name)).toEqual([
			'a',
			'Refusing item named "b"',
			'c',
		]);
		const noCreds = result.output('NoCreds');
		expect(noCreds.length).toBeGreaterThan(0);
		expect(String(noCreds[0].json.error)).toMatch(/no credentials for type "harnessHeaderApi"/);
	});

	it('takes trigger items from the node parameters and supports processRunExecutionData', async () => {
		const workflow = chainWorkflow([{ name: 'Echo', type: ECHO, parameters: { message: '={{ $json.v * 2 }}' } }], {
			trigger: {
				parameters: {
					items: JSON.stringify([{ v: 1 }, { json: { v: 2 }, binary: { data: { base64: 'AQI=', fileName: 'b.bin' } } }]),
				},
			},
		});
		const result = await runWorkflow({ packageDir: FIXTURE_DIR, workflow, engineEntry: 'processRunExecutionData' });
		expect(result.error).toBeUndefined();
		expect(result.output('Echo').map((item) => [item.json.message, item.json.binaryLength])).toEqual([
			[2, undefined],
			[4, 2],
		]);
		// the input JSON is not mutated by the engine
		expect(workflow.nodes[1].parameters).toEqual({ message: '={{ $json.v * 2 }}' });
	});

	it('cancels a running execution through the AbortSignal', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const pending = runWorkflow({
			packageDir: FIXTURE_DIR,
			signal: controller.signal,
			workflow: chainWorkflow([
				{ name: 'Hang', type: ECHO, parameters: { authentication: 'header', path: '/hang' }, credentials: ['harnessHeaderApi'] },
				{ name: 'After', type: HARNESS_SET_TYPE },
			]),
			credentials: { harnessHeaderApi: { apiKey: 'k', baseUrl } },
			triggerItems: [{ name: 'a' }],
		});
		while (!requests.some((request) => request.url?.startsWith('/hang'))) {
			await new Promise((done) => setTimeout(done, 10));
		}
		controller.abort();
		const result = await pending;
		expect(result.status).toBe('canceled');
		expect(result.output('After')).toEqual([]);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
