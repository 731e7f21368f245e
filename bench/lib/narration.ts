/** Long-text narration workflows for the narration scenario and its memory child: the issue-11 article, spoken by our node. */
import { makeArticle } from '../../test/longText/article';
import { oursGenerate, type NodeSpec, type SpeechFormat, type Target } from './workflows';

export type NarrationMode = 'continuous' | 'parallel';

export interface NarrationOptions {
	mode: NarrationMode;
	/** Max Concurrent Requests; undefined leaves the default (0, automatic). */
	maxConcurrentRequests?: number;
	paragraphPauseSeconds?: number;
}

/** The deterministic article of test/longText (30,000 characters is about 30 minutes of stand-in audio). */
export const article = (characters: number): string => makeArticle(characters);

/** Speech → Generate of `transcript` with Long Text Settings → Mode (and a paragraph pause, if given). */
export function oursNarrate(target: Target, format: SpeechFormat, transcript: string, options: NarrationOptions): NodeSpec {
	const spec = oursGenerate(target, format, options.maxConcurrentRequests);
	const longText = { mode: options.mode, ...(options.paragraphPauseSeconds ? { paragraphPause: options.paragraphPauseSeconds } : {}) };
	return { ...spec, parameters: { ...spec.parameters, transcript, longText } };
}
