/**
 * What an endpoint handler sees: the version, the readers for query and body, the stand-in's state,
 * and the response writer. Handlers are split in two: `validate` reads and checks everything and has no
 * side effects; `respond` changes state and writes the answer. Injected status faults land in between.
 */
import type { ApiVersion, VersionedFeature } from '../../nodes/Cartesia/versions';
import type { AgentStore } from './agents';
import type { ReceivedBody } from './body';
import { badRequest } from './errors';
import type { SseFault } from './sse';
import type { Grant, TokenStore } from './tokens';
import { JsonReader, Problems, TextReader, TextSource } from './validation';
import type { DictionaryStore } from './dictionaries';
import type { VoiceStore } from './voices';
import type { ResponseWriter } from './writer';

export interface StandInState {
	readonly store: VoiceStore;
	readonly dictionaries: DictionaryStore;
	readonly agents: AgentStore;
	readonly tokens: TokenStore;
	readonly baseUrl: string;
	readonly generatedAudioBytes: number | undefined;
	/** Milliseconds over which a `/tts/bytes` answer's body is spread, as Cartesia streams audio while generating it (0: at once). */
	readonly bodyPacingMs: number;
	/** Audio seconds generated per second of wall time, when set: TTS audio (bytes and WebSocket) leaves no faster. */
	readonly generationSpeed: number | undefined;
}

export interface Operation<Plan = unknown> {
	/** `none` (GET /), `api-key`, or an API key or an access token holding this grant. */
	auth: 'none' | 'api-key' | { grant: Grant };
	body: 'none' | 'json' | 'multipart';
	sse?: boolean;
	/** The operation exists only in versions where versions.ts supports this feature (else 404). */
	gate?: VersionedFeature;
	/** Answers as a sunsetted endpoint when the stand-in is set to retired. */
	retirable?: boolean;
	validate(ctx: RequestContext): Plan;
	respond(ctx: RequestContext, plan: Plan): Promise<void>;
}

export function operation<Plan>(definition: Operation<Plan>): Operation {
	return definition as Operation;
}

export class RequestContext {
	readonly problems = new Problems();
	/** Seconds of audio the answer carries, for the request's record (set by audio-making handlers). */
	audioSeconds: number | undefined;
	readonly query: TextReader;
	private jsonReader: JsonReader | undefined;
	private multipartReader: TextReader | undefined;

	constructor(
		readonly version: ApiVersion,
		readonly method: string,
		readonly path: string,
		readonly params: Readonly<Record<string, string>>,
		queryPairs: ReadonlyArray<[string, string]>,
		readonly body: ReceivedBody,
		readonly state: StandInState,
		readonly writer: ResponseWriter,
		readonly operation: Operation,
		readonly sseFault: SseFault | undefined,
	) {
		const pairs = queryPairs.map(([name, value]) => ({ name, value }));
		this.query = new TextReader(version, this.problems, new TextSource('query parameter', pairs));
	}

	get requestId(): string {
		return this.writer.requestId;
	}

	/** The JSON body, read field by field. */
	json(): JsonReader {
		if (this.jsonReader) return this.jsonReader;
		const json = this.body.kind === 'json' ? this.body.json : {};
		this.jsonReader = JsonReader.root(this.version, this.problems, json);
		return this.jsonReader;
	}

	/** The multipart fields and files, read field by field. */
	multipart(): TextReader {
		if (this.multipartReader) return this.multipartReader;
		const source = this.body.kind === 'multipart'
			? new TextSource('multipart field', this.body.fields, this.body.files)
			: new TextSource('multipart field', []);
		this.multipartReader = new TextReader(this.version, this.problems, source);
		return this.multipartReader;
	}

	/** Report unread (unknown) parameters and fields, then every problem found, as one 400. */
	settle(): void {
		this.query.done();
		if (this.operation.body === 'json') this.json().done();
		if (this.operation.body === 'multipart') this.multipart().done();
		this.problems.throwIfAny();
	}

	/** A 400 for a value that is well-formed but refers to nothing (a voice id that does not exist). */
	invalid(message: string): never {
		throw badRequest(message);
	}
}
