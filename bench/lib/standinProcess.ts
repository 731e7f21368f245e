/** The parent's handle on bench/standin.child.ts: a stand-in in its own process, driven over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface StandInStats {
	total: number;
	byStatus: Record<string, number>;
	byPath: Record<string, number>;
	maxAdmitted: number;
	maxInFlight: number;
	inFlight: number;
}

export interface RecordedRequestSummary {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	json?: unknown;
	status: number;
	rejection?: string;
	files?: Array<{ field: string; filename: string; contentType: string; size: number }>;
	fields?: Array<[string, string]>;
}

export class StandInProcess {
	url = '';
	apiKey = '';
	voiceId = '';
	pid = 0;

	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
			const waiter = this.pending.get(message.id);
			if (!waiter) return;
			this.pending.delete(message.id);
			if (message.error) waiter.reject(new Error(`stand-in: ${message.error}`));
			else waiter.resolve(message.result);
		});
		child.on('exit', (code) => {
			for (const waiter of this.pending.values()) waiter.reject(new Error(`the stand-in process exited (${code})`));
			this.pending.clear();
		});
	}

	static async start(): Promise<StandInProcess> {
		const child = fork(join(__dirname, '..', 'standin.child.ts'), [], {
			execArgv: ['--require', require.resolve('tsx/cjs')],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			env: { ...process.env, NODE_ENV: 'production' },
		});
		const ready = new Promise<void>((resolve, reject) => {
			child.once('message', () => resolve());
			child.once('exit', (code) => reject(new Error(`the stand-in process exited (${code}) before it was ready`)));
		});
		const handle = new StandInProcess(child);
		await ready;
		const info = await handle.call<{ url: string; apiKey: string; voiceId: string; pid: number }>('info');
		Object.assign(handle, info);
		return handle;
	}

	async call<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
		const id = this.nextId++;
		return await new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.child.send({ id, command, args });
		});
	}

	reset = async (): Promise<void> => await this.call('reset');
	setLatency = async (ms: number): Promise<void> => await this.call('setLatency', ms);
	/** Spreads each /tts/bytes body over `ms` after the head (StandIn.setBodyPacing). */
	setBodyPacing = async (ms: number): Promise<void> => await this.call('setBodyPacing', ms);
	/** TTS audio leaves at `speed` × real time at most (StandIn.setGenerationSpeed). */
	setGenerationSpeed = async (speed: number | undefined): Promise<void> => await this.call('setGenerationSpeed', speed ?? null);
	/** Delay before each TTS WebSocket input's audio (the WebSocket's counterpart of setLatency). */
	setWebSocketInputLatency = async (ms: number): Promise<void> => await this.call('setWebSocketInputLatency', ms);
	setConcurrencyLimit = async (limit: number | undefined): Promise<void> => await this.call('setConcurrencyLimit', limit ?? null);
	setConcurrencyRetryAfter = async (value: string | undefined): Promise<void> => await this.call('setConcurrencyRetryAfter', value ?? null);
	setGeneratedAudioBytes = async (bytes: number | undefined): Promise<void> => await this.call('setGeneratedAudioBytes', bytes ?? null);
	/** Every `every`th request to `path` (retries included) is answered `status`, until the next reset. */
	failEvery = async (path: string, every: number, status: number): Promise<void> => await this.call('failEvery', path, every, status);
	failEveryCount = async (): Promise<number> => await this.call('failEveryCount');
	countAnswered = async (path: string, status: number): Promise<number> => await this.call('countAnswered', path, status);
	stats = async (): Promise<StandInStats> => await this.call('stats');
	lastRequest = async (path: string): Promise<RecordedRequestSummary | null> => await this.call('lastRequest', path);
	requests = async (path?: string): Promise<RecordedRequestSummary[]> => await this.call('requests', path);

	/** Stops the child it started (by its handle): closing IPC makes it close the server and exit. */
	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.disconnect();
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
		await exited;
		clearTimeout(timer);
	}
}
