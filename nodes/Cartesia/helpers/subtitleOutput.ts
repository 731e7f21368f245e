import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildCues, toSrt, toWebVtt, type TimedWord } from './subtitles';
import { inputError } from './validation';

const SUBTITLE_FILES = {
	srt: { render: toSrt, extension: 'srt', mimeType: 'application/x-subrip' },
	vtt: { render: toWebVtt, extension: 'vtt', mimeType: 'text/vtt' },
};

export type SubtitleFormat = keyof typeof SUBTITLE_FILES;

const CUE_RULES = 'cues of up to 2 lines of 42 characters and 7 seconds';

/**
 * The Subtitles and Subtitles Output options, for an operation's Options collection: the same names
 * and choices wherever captions are made. `fileBaseName` names the files (transcript.srt).
 */
export function subtitleProperties(fileBaseName: string, wordSource = 'the word timestamps'): INodeProperties[] {
	return [
		{
			displayName: 'Subtitles',
			name: 'subtitles',
			type: 'multiOptions',
			default: [],
			description: `Captions built from ${wordSource}: ${CUE_RULES}`,
			options: [
				{ name: 'SRT', value: 'srt' },
				{ name: 'WebVTT', value: 'vtt' },
			],
		},
		{
			displayName: 'Subtitles Output',
			name: 'subtitlesOutput',
			type: 'options',
			default: 'json',
			options: [
				{ name: 'Text in JSON', value: 'json', description: 'As the srt and vtt fields of the item' },
				{
					name: 'Binary Files',
					value: 'binary',
					description: `As ${fileBaseName}.srt / ${fileBaseName}.vtt in binary fields srt and vtt`,
				},
			],
		},
	];
}

/** Transcribe's captions: transcript.srt / transcript.vtt. */
export const subtitleOptions: INodeProperties[] = subtitleProperties('transcript');

export interface SubtitleSettings {
	formats: SubtitleFormat[];
	output: 'json' | 'binary';
}

/** The subtitle formats asked for in an Options collection; an unknown one fails the item. */
export function readSubtitleSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { subtitles?: string[]; subtitlesOutput?: string },
): SubtitleSettings {
	const formats = (options.subtitles ?? []).filter((format): format is SubtitleFormat => {
		if (format in SUBTITLE_FILES) return true;
		throw inputError(context, itemIndex, `"Subtitles" has an unknown format "${format}"`, 'Choose SRT or WebVTT.');
	});
	return { formats, output: options.subtitlesOutput === 'binary' ? 'binary' : 'json' };
}

/**
 * Captions from word timings: text fields for the item's JSON, or files (`<fileBaseName>.srt`) for its
 * binary fields.
 */
export async function renderSubtitles(
	context: IExecuteFunctions,
	words: TimedWord[],
	settings: SubtitleSettings,
	fileBaseName = 'transcript',
): Promise<{ json: IDataObject; binary: IBinaryKeyData }> {
	const json: IDataObject = {};
	const binary: IBinaryKeyData = {};
	const cues = settings.formats.length ? buildCues(words) : [];
	for (const format of settings.formats) {
		const { render, extension, mimeType } = SUBTITLE_FILES[format];
		const text = render(cues);
		if (settings.output === 'binary') {
			binary[format] = await context.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), `${fileBaseName}.${extension}`, mimeType);
		} else {
			json[format] = text;
		}
	}
	return { json, binary };
}
