/**
 * Readers that check a request field by field against the wire format and collect every problem, so
 * one 400 names everything that was wrong ("unknown field …; field … is required").
 *
 * The same reader interface covers JSON objects (`field "output_format.encoding"`), multipart text
 * fields (`multipart field "output_format[encoding]"`, values are text) and query strings
 * (`query parameter "limit"`), so a rule like the output format is written once.
 */
import {
	type ApiVersion,
	type VersionedFeature,
	VERSIONED_FEATURES,
	describeVersions,
	versionSupports,
} from '../../nodes/Cartesia/versions';
import { badRequest } from './errors';

/** Returned by `take()` when the field was present but unusable (a problem is already recorded). */
export const INVALID: unique symbol = Symbol('invalid');

export class Problems {
	private readonly list: string[] = [];

	add(message: string): void {
		if (!this.list.includes(message)) this.list.push(message);
	}

	/** One 400 naming every problem, unknown names first (they usually explain the rest). */
	throwIfAny(): void {
		if (this.list.length === 0) return;
		const unknown = this.list.filter((message) => message.startsWith('unknown '));
		const other = this.list.filter((message) => !message.startsWith('unknown '));
		throw badRequest([...unknown, ...other].join('; '));
	}
}

/** `<what> is not accepted by Cartesia-Version <v> (<label>: <range>)`, using versions.ts. */
export function notAcceptedMessage(what: string, version: ApiVersion, feature: VersionedFeature): string {
	const { label } = VERSIONED_FEATURES[feature];
	return `${what} is not accepted by Cartesia-Version ${version} (${label}: ${describeVersions(feature)})`;
}

export interface FieldOptions {
	required?: boolean;
	/** The field exists only in the versions where versions.ts supports this feature. */
	feature?: VersionedFeature;
	/** The field is required in the versions where versions.ts supports this feature. */
	requiredWhere?: VersionedFeature;
}

export interface NumberOptions extends FieldOptions {
	min?: number;
	max?: number;
	integer?: boolean;
}

export interface StringOptions extends FieldOptions {
	allowEmpty?: boolean;
}

function formatList(values: readonly (string | number)[]): string {
	return values.join(', ');
}

function describeRange(options: NumberOptions): string {
	const kind = options.integer ? 'an integer' : 'a number';
	if (options.min !== undefined && options.max !== undefined) {
		return options.integer ? `${kind} ${options.min}..${options.max}` : `${kind} between ${options.min} and ${options.max}`;
	}
	if (options.min !== undefined) return `${kind} >= ${options.min}`;
	if (options.max !== undefined) return `${kind} <= ${options.max}`;
	return kind;
}

export abstract class FieldReader {
	constructor(
		readonly version: ApiVersion,
		readonly problems: Problems,
	) {}

	/** How messages name the field, e.g. `field "voice.id"`. */
	abstract label(key: string): string;
	abstract has(key: string): boolean;
	/** A nested object (`output_format`); undefined when absent or not an object. */
	abstract child(key: string, options?: FieldOptions): FieldReader | undefined;
	/** Report every field nobody read. */
	abstract done(): void;
	/** Read and mark consumed; undefined when absent. */
	protected abstract take(key: string): unknown;
	protected abstract asString(label: string, raw: unknown): string | undefined;
	protected abstract asNumber(label: string, raw: unknown): number | undefined;
	protected abstract asBoolean(label: string, raw: unknown): boolean | undefined;
	protected abstract describeValue(raw: unknown): string;

	protected problem(message: string): undefined {
		this.problems.add(message);
		return undefined;
	}

	/** Presence, version and requiredness checks shared by every type. */
	protected present(key: string, options: FieldOptions): unknown {
		const raw = this.take(key);
		const label = this.label(key);
		if (raw === INVALID) return undefined;
		if (raw === undefined) {
			if (options.required) return this.problem(`${label} is required`);
			if (options.requiredWhere && versionSupports(this.version, options.requiredWhere)) {
				return this.problem(`${label} is required by Cartesia-Version ${this.version}`);
			}
			return undefined;
		}
		if (options.feature && !versionSupports(this.version, options.feature)) {
			return this.problem(notAcceptedMessage(label, this.version, options.feature));
		}
		if (raw === null) return this.problem(`${label} must not be null (leave unset fields out)`);
		return raw;
	}

	/** The raw value after the presence and version checks (for fields with a union type). */
	value(key: string, options: FieldOptions = {}): unknown {
		return this.present(key, options);
	}

	/** A field that must not be sent in this combination, e.g. `bit_rate` with container `wav`. */
	forbid(key: string, why: string): void {
		if (!this.has(key)) return;
		this.take(key);
		this.problem(`${this.label(key)} ${why}`);
	}

	/** Mark a field read without checking it (when an earlier problem makes checking it meaningless). */
	skip(key: string): void {
		if (this.has(key)) this.take(key);
	}

	string(key: string, options: StringOptions = {}): string | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		const value = this.asString(this.label(key), raw);
		if (value === undefined) return undefined;
		if (value === '' && !options.allowEmpty) return this.problem(`${this.label(key)} must not be empty`);
		return value;
	}

	enumOf<T extends string>(key: string, values: readonly T[], options: FieldOptions = {}): T | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		if (typeof raw === 'string' && (values as readonly string[]).includes(raw)) return raw as T;
		return this.problem(`${this.label(key)} must be one of ${formatList(values)}; got ${this.describeValue(raw)}`);
	}

	number(key: string, options: NumberOptions = {}): number | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		const value = this.asNumber(this.label(key), raw);
		const wrong = `${this.label(key)} must be ${describeRange(options)}; got ${this.describeValue(raw)}`;
		if (value === undefined) return this.problem(wrong);
		if (options.integer && !Number.isInteger(value)) return this.problem(wrong);
		if (options.min !== undefined && value < options.min) return this.problem(wrong);
		if (options.max !== undefined && value > options.max) return this.problem(wrong);
		return value;
	}

	numberOf(key: string, values: readonly number[], options: FieldOptions = {}): number | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		const value = this.asNumber(this.label(key), raw);
		if (value !== undefined && values.includes(value)) return value;
		return this.problem(`${this.label(key)} must be one of ${formatList(values)}; got ${this.describeValue(raw)}`);
	}

	boolean(key: string, options: FieldOptions = {}): boolean | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		return this.asBoolean(this.label(key), raw);
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A JSON object, read field by field. Nested objects get their own reader; `done()` covers them all. */
export class JsonReader extends FieldReader {
	private readonly consumed = new Set<string>();
	private readonly children: JsonReader[] = [];

	constructor(
		version: ApiVersion,
		problems: Problems,
		private readonly object: Record<string, unknown>,
		private readonly path = '',
	) {
		super(version, problems);
	}

	static root(version: ApiVersion, problems: Problems, body: unknown): JsonReader {
		if (!isPlainObject(body)) {
			problems.add(`the JSON body must be an object; got ${jsonType(body)}`);
			return new JsonReader(version, problems, {});
		}
		return new JsonReader(version, problems, body);
	}

	private fullName(key: string): string {
		return this.path ? `${this.path}.${key}` : key;
	}

	label(key: string): string {
		return `field "${this.fullName(key)}"`;
	}

	has(key: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.object, key);
	}

	protected take(key: string): unknown {
		this.consumed.add(key);
		return this.has(key) ? this.object[key] : undefined;
	}

	/** The raw value, allowing null (for fields where null means "reset"). */
	nullable(key: string, options: FieldOptions = {}): { present: boolean; value: unknown } {
		if (!this.has(key)) {
			this.present(key, options);
			return { present: false, value: undefined };
		}
		if (this.object[key] === null) {
			this.consumed.add(key);
			if (options.feature && !versionSupports(this.version, options.feature)) {
				this.problem(notAcceptedMessage(this.label(key), this.version, options.feature));
			}
			return { present: true, value: null };
		}
		return { present: true, value: this.present(key, options) };
	}

	child(key: string, options: FieldOptions = {}): JsonReader | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		if (!isPlainObject(raw)) return this.problem(`${this.label(key)} must be an object; got ${jsonType(raw)}`);
		const reader = new JsonReader(this.version, this.problems, raw, this.fullName(key));
		this.children.push(reader);
		return reader;
	}

	array(key: string, options: FieldOptions = {}): unknown[] | undefined {
		const raw = this.present(key, options);
		if (raw === undefined) return undefined;
		if (!Array.isArray(raw)) return this.problem(`${this.label(key)} must be an array; got ${jsonType(raw)}`);
		return raw;
	}

	/** A reader for an array element that is an object (`voices[1]`). */
	element(key: string, index: number, value: unknown): JsonReader | undefined {
		const name = `${this.fullName(key)}[${index}]`;
		if (!isPlainObject(value)) return this.problem(`field "${name}" must be an object; got ${jsonType(value)}`);
		const reader = new JsonReader(this.version, this.problems, value, name);
		this.children.push(reader);
		return reader;
	}

	done(): void {
		for (const key of Object.keys(this.object)) {
			if (!this.consumed.has(key)) this.problem(`unknown field "${this.fullName(key)}"`);
		}
		for (const child of this.children) child.done();
	}

	protected asString(label: string, raw: unknown): string | undefined {
		if (typeof raw === 'string') return raw;
		return this.problem(`${label} must be a string; got ${jsonType(raw)}`);
	}

	protected asNumber(_label: string, raw: unknown): number | undefined {
		return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
	}

	protected asBoolean(label: string, raw: unknown): boolean | undefined {
		if (typeof raw === 'boolean') return raw;
		return this.problem(`${label} must be true or false; got ${jsonType(raw)}`);
	}

	protected describeValue(raw: unknown): string {
		return typeof raw === 'string' ? JSON.stringify(raw) : jsonType(raw);
	}
}

/** One part of a multipart body as the stand-in keeps it: never the whole file. */
export interface ReceivedFile {
	field: string;
	/** Undefined when the part had no filename (busboy still treats octet-stream parts as files). */
	filename: string | undefined;
	contentType: string;
	size: number;
	/** The first bytes (up to about 1 MB). */
	head: Buffer;
	/** The last bytes (up to about 64 KB). */
	tail: Buffer;
	/** The texts of the payload transcript markers found in the whole file, in order (payloadMarker.ts). */
	markers: string[];
	/** Seconds of MPEG audio frames, for a file that starts as an MP3 (an ID3 tag or a frame header). */
	mp3Seconds?: number;
}

export interface TextPair {
	name: string;
	value: string;
	/** The part's declared content type (multipart only). */
	mimeType?: string;
}

/** Text name/value pairs shared by every TextReader view of one request part (query or multipart). */
export class TextSource {
	readonly consumed = new Set<string>();

	constructor(
		readonly kind: 'multipart field' | 'query parameter',
		readonly pairs: readonly TextPair[],
		readonly files: readonly ReceivedFile[] = [],
	) {}
}

function bracketed(dotted: string): string {
	const [first, ...rest] = dotted.split('.');
	return first + rest.map((part) => `[${part}]`).join('');
}

/**
 * Text fields (multipart parts or query parameters). Nesting is bracketed (`output_format[container]`),
 * arrays are repeated `name[]`, numbers and booleans arrive as text.
 */
export class TextReader extends FieldReader {
	constructor(
		version: ApiVersion,
		problems: Problems,
		private readonly source: TextSource,
		private readonly prefix = '',
	) {
		super(version, problems);
	}

	private fullName(key: string): string {
		return this.prefix ? `${this.prefix}[${key}]` : key;
	}

	label(key: string): string {
		return `${this.source.kind} "${this.fullName(key)}"`;
	}

	has(key: string): boolean {
		const name = this.fullName(key);
		return this.source.pairs.some((pair) => pair.name === name) || this.source.files.some((file) => file.field === name);
	}

	private occurrences(name: string): TextPair[] {
		return this.source.pairs.filter((pair) => pair.name === name);
	}

	protected take(key: string): unknown {
		const name = this.fullName(key);
		this.source.consumed.add(name);
		if (this.source.files.some((file) => file.field === name)) {
			this.problem(`${this.label(key)} must be a text field, not a file part`);
			return INVALID;
		}
		const found = this.occurrences(name);
		if (found.length === 0) return undefined;
		if (found.length > 1) {
			this.problem(`${this.label(key)} was sent ${found.length} times; send it once`);
			return INVALID;
		}
		return found[0].value;
	}

	/** A repeated array field: `name[]` once per item. */
	list(key: string, options: FieldOptions = {}): string[] | undefined {
		const name = this.fullName(key);
		const arrayName = `${name}[]`;
		this.source.consumed.add(arrayName);
		if (this.occurrences(name).length > 0) {
			this.source.consumed.add(name);
			this.problem(`${this.label(key)} must be sent as "${arrayName}" (repeated once per item)`);
		}
		const values = this.occurrences(arrayName).map((pair) => pair.value);
		const label = `${this.source.kind} "${arrayName}"`;
		if (values.length === 0) {
			if (options.required) this.problem(`${label} is required`);
			return undefined;
		}
		if (options.feature && !versionSupports(this.version, options.feature)) {
			return this.problem(notAcceptedMessage(label, this.version, options.feature));
		}
		if (values.some((value) => value === '')) return this.problem(`${label} values must not be empty`);
		return values;
	}

	/** A file part (multipart only). */
	file(key: string, options: FieldOptions = {}): ReceivedFile | undefined {
		const name = this.fullName(key);
		this.source.consumed.add(name);
		const label = `multipart file "${name}"`;
		const files = this.source.files.filter((file) => file.field === name);
		if (this.occurrences(name).length > 0) {
			return this.problem(`${label} must be a file part with a filename; it arrived as a text field`);
		}
		if (files.length === 0) {
			if (options.required) this.problem(`${label} is required`);
			return undefined;
		}
		if (files.length > 1) return this.problem(`${label} was sent ${files.length} times; send it once`);
		const [file] = files;
		if (!file.filename) return this.problem(`${label} must have a filename`);
		if (file.size === 0) return this.problem(`${label} is empty`);
		return file;
	}

	child(key: string): TextReader {
		return new TextReader(this.version, this.problems, this.source, this.fullName(key));
	}

	done(): void {
		if (this.prefix) return;
		const reported = new Set<string>();
		for (const pair of this.source.pairs) {
			if (this.source.consumed.has(pair.name) || reported.has(pair.name)) continue;
			reported.add(pair.name);
			const hint = pair.name.includes('.') ? ` (nested names are bracketed: "${bracketed(pair.name)}")` : '';
			this.problem(`unknown ${this.source.kind} "${pair.name}"${hint}`);
		}
		for (const file of this.source.files) {
			if (this.source.consumed.has(file.field) || reported.has(file.field)) continue;
			reported.add(file.field);
			this.problem(`unknown multipart file part "${file.field}"`);
		}
	}

	protected asString(_label: string, raw: unknown): string | undefined {
		return raw as string;
	}

	protected asNumber(_label: string, raw: unknown): number | undefined {
		const text = raw as string;
		return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
	}

	protected asBoolean(label: string, raw: unknown): boolean | undefined {
		if (raw === 'true') return true;
		if (raw === 'false') return false;
		return this.problem(`${label} must be "true" or "false"; got ${JSON.stringify(raw)}`);
	}

	protected describeValue(raw: unknown): string {
		return JSON.stringify(raw);
	}
}

/** After `settle()` a required field is known to be present; this narrows its type. */
export function defined<T>(value: T | undefined): T {
	if (value === undefined) throw new Error('stand-in bug: a required field was read as undefined after validation');
	return value;
}
