/**
 * Cartesia's streamed audio comes as JSON objects whose bulk is one base64 `data` string: `chunk`
 * frames on the TTS WebSocket and `chunk` events over SSE. A long narration receives hundreds of MB
 * of it, and JSON.parse would copy every byte once more.
 */

const DATA_KEY = '"data"';
const CUT_PLACEHOLDER = '\u0000';
const CUT_PLACEHOLDER_JSON = '"\\u0000"';

/** Where the string value of the first `"data"` key starts and ends (its quotes excluded), if it has no escape. */
function dataValueSpan(text: string): { from: number; to: number } | undefined {
	const keyAt = text.indexOf(DATA_KEY);
	if (keyAt === -1) return undefined;
	let at = keyAt + DATA_KEY.length;
	// JSON allows whitespace around the colon (Python's json.dumps writes `"data": "…"`).
	while (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r') at++;
	if (text[at] !== ':') return undefined;
	at++;
	while (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r') at++;
	if (text[at] !== '"') return undefined;
	const from = at + 1;
	const to = text.indexOf('"', from);
	if (to === -1) return undefined;
	const backslash = text.indexOf('\\', from);
	if (backslash !== -1 && backslash < to) return undefined;
	return { from, to };
}

/**
 * Parses one JSON text exactly as JSON.parse does, except that a `chunk` object's top-level `data`
 * string is cut out of the text (a slice V8 does not copy) and the rest parsed on its own. Anything
 * unexpected (no such key, an escape in the value, a `data` that is not the top-level one of a
 * chunk) is parsed whole.
 */
export function parseAudioJson(text: string): unknown {
	const span = dataValueSpan(text);
	if (span) {
		// A placeholder no base64 holds: found at the top level, it proves the cut value was the chunk's data.
		const rest = JSON.parse(`${text.slice(0, span.from - 1)}${CUT_PLACEHOLDER_JSON}${text.slice(span.to + 1)}`) as unknown;
		if (rest && typeof rest === 'object' && !Array.isArray(rest)) {
			const object = rest as Record<string, unknown>;
			if (object.type === 'chunk' && object.data === CUT_PLACEHOLDER) {
				object.data = text.slice(span.from, span.to);
				return object;
			}
		}
	}
	return JSON.parse(text);
}
