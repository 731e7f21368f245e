import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputFormat } from '../../catalog';
import { countCharacters } from '../../helpers/audioOutput';
import { BYTES_PART_CHARACTERS, WEBSOCKET_INPUT_CHARACTERS, partCount, splitByParagraph, splitEvenly, splitText, type TextPart } from '../../helpers/textParts';
import { inputError } from '../../helpers/validation';

/** The longest pause between paragraphs: a narration's breath, not a gap. */
const MAX_PARAGRAPH_PAUSE_SECONDS = 10;

/**
 * How a long text is spoken: `continuous`, one context on the TTS WebSocket (continuous.ts), the voice
 * carrying its prosody across inputs; `parallel`, parts on `/tts/bytes` or `/tts/sse` side by side
 * (parallelParts.ts, timestampedParts.ts).
 */
export type LongTextMode = 'continuous' | 'parallel';
const MODES: readonly LongTextMode[] = ['continuous', 'parallel'];

const paragraphPauseOption: INodeProperties = {
	displayName: 'Paragraph Pause (Seconds)',
	name: 'paragraphPause',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_PARAGRAPH_PAUSE_SECONDS, numberPrecision: 2 },
	default: 0,
	description:
		'Silence to put between paragraphs (separated by a blank line); each paragraph is then spoken as a part of its own. In MP3 the pause is whole silent frames, so it is rounded to a frame (26 ms at 44.1 kHz, up to 72 ms at 8 kHz).',
};

const modeOption: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	default: 'continuous',
	description:
		'How a text longer than one part is spoken. Continuous narration needs WAV or raw output: MP3 output always uses Parallel Parts.',
	options: [
		{
			name: 'Continuous',
			value: 'continuous',
			description: 'One voice context over Cartesia’s WebSocket, so intonation carries across parts (WAV and raw)',
		},
		{
			name: 'Parallel Parts',
			value: 'parallel',
			description: 'Parts generated side by side and joined: faster, with possible seams between parts',
		},
	],
};

/** How Generate and Generate With Timestamps treat a long transcript: the mode, and the pause between paragraphs. */
export const longTextProperty: INodeProperties = {
	displayName: 'Long Text Settings',
	name: 'longText',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: [modeOption, paragraphPauseOption],
};

interface LongTextSettings {
	mode?: unknown;
	paragraphPause?: number;
}

export interface LongText {
	mode: LongTextMode;
	parts: TextPart[];
	pauseSeconds: number;
}

/**
 * Whether the transcript goes in parts, and how; reads and checks the Long Text Settings. A text no
 * longer than one `/tts/bytes` part (and without a paragraph pause to make) is one request as before.
 * `window` is how many TTS requests may run at once (CartesiaClient.ttsWindow).
 * MP3 falls back to Parallel Parts whatever Mode says: the WebSocket speaks PCM only, and MP3 is the
 * default container, so refusing would fail every default long MP3 narration.
 */
export function readLongText(
	context: IExecuteFunctions,
	itemIndex: number,
	transcript: string,
	format: OutputFormat,
	window: number,
): LongText | undefined {
	const settings = context.getNodeParameter('longText', itemIndex, {}) as LongTextSettings;
	const pauseSeconds = settings.paragraphPause ?? 0;
	if (typeof pauseSeconds !== 'number' || !(pauseSeconds >= 0 && pauseSeconds <= MAX_PARAGRAPH_PAUSE_SECONDS)) {
		throw inputError(context, itemIndex, `"Paragraph Pause (Seconds)" must be from 0 to ${MAX_PARAGRAPH_PAUSE_SECONDS}, not ${String(pauseSeconds)}`);
	}
	const chosenMode = settings.mode ?? 'continuous';
	if (!MODES.includes(chosenMode as LongTextMode)) {
		throw inputError(context, itemIndex, `"Mode" in Long Text Settings cannot be ${JSON.stringify(chosenMode)}`, 'Choose Continuous or Parallel Parts.');
	}
	const mode: LongTextMode = format.container === 'mp3' ? 'parallel' : (chosenMode as LongTextMode);
	const partCharacters = mode === 'continuous' ? WEBSOCKET_INPUT_CHARACTERS : BYTES_PART_CHARACTERS;
	if (pauseSeconds > 0) {
		const parts = splitByParagraph(transcript, partCharacters);
		return parts.length > 1 ? { mode, parts, pauseSeconds } : undefined;
	}
	const characters = countCharacters(transcript);
	if (characters <= BYTES_PART_CHARACTERS) return undefined;
	// Side-by-side parts are evened out in whole rounds of the concurrency window, so they end together.
	const texts = mode === 'continuous' ? splitText(transcript, partCharacters) : splitEvenly(transcript, partCount(characters, window), partCharacters);
	return { mode, parts: texts.map((text) => ({ text, endsParagraph: false })), pauseSeconds: 0 };
}
