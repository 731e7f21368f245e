import type { INodeListSearchItems } from 'n8n-workflow';

import { languageName } from '../languages';
import { voiceOwnership, type Voice } from './voicePages';

/** Cartesia's playground page of a voice, where it can be heard (Cartesia's docs link voices this way). */
export const VOICE_PAGE_URL = 'https://play.cartesia.ai/voices/';

const GENDER_WORDS: Record<string, string> = {
	masculine: 'masculine',
	feminine: 'feminine',
	gender_neutral: 'gender-neutral',
};

/**
 * n8n's list shows an entry's name only (and a link from `url`), so what a user chooses by goes into
 * the name: "Katie · English · feminine · yours". Fields a version does not send are left out.
 */
export function toListItem(voice: Voice): INodeListSearchItems {
	const language = typeof voice.language === 'string' && voice.language ? languageName(voice.language) : undefined;
	const gender = typeof voice.gender === 'string' ? (GENDER_WORDS[voice.gender] ?? voice.gender) : undefined;
	const name = [voice.name?.trim() || voice.id, language, gender, voiceOwnership(voice)].filter(Boolean).join(' · ');
	return {
		name,
		value: voice.id,
		url: `${VOICE_PAGE_URL}${encodeURIComponent(voice.id)}`,
		...(voice.description ? { description: voice.description } : {}),
	};
}
