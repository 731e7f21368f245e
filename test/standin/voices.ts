/**
 * The stand-in's voice library: deterministic seed voices (the same ids on every run), the voices a
 * test creates through Clone / Localize / Create, and the Voice objects each version answers with.
 */
import type { ApiVersion } from '../../nodes/Cartesia/versions';
import { EMBEDDING_LENGTH, GENDER_PRESENTATIONS, TTS_LANGUAGES } from './enums';
import type { GenderPresentation, StoredVoice } from './types';
import { accentDisplayName } from '../../nodes/Cartesia/accents';
import { catalogAccent } from './accents';
import { voiceHasAccessAndVisibility, voiceHasAccentName, voiceHasPublicAndGender } from './versionFacts';

/** The account the stand-in's API key belongs to (VoiceMetadata.user_id). */
export const STANDIN_USER_ID = 'user_3f1c9a0e7b2d4c58';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function uuidFrom(random: () => number): string {
	const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function embeddingFrom(random: () => number): number[] {
	return Array.from({ length: EMBEDDING_LENGTH }, () => Math.round((random() * 2 - 1) * 1e6) / 1e6);
}

const FIRST_NAMES = [
	'Amelia', 'Benedict', 'Chiara', 'Dmitri', 'Esme', 'Farhan', 'Greta', 'Hiroshi', 'Ines', 'Jonas', 'Kavya',
	'Lucien', 'Mei', 'Nikolai', 'Oona', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tamsin', 'Umar', 'Valentina',
	'Wren', 'Xavier', 'Yara', 'Zeke', 'Astrid', 'Bruno', 'Celeste', 'Dario', 'Elif', 'Felix', 'Gwen',
];
const STYLES = [
	'Narrator', 'Storyteller', 'Newscaster', 'Companion', 'Tour Guide', 'Announcer', 'Teacher',
	'Support Agent', 'Podcaster', 'Sportscaster', 'Meditation Coach', 'Audiobook Reader', 'Game Master',
];
const MOODS = ['calm', 'bright', 'warm', 'crisp', 'gravelly', 'breathy', 'energetic', 'soothing', 'deep', 'playful'];
const USES = [
	'long-form narration', 'customer support lines', 'explainer videos', 'late-night radio', 'e-learning',
	'trailers', 'bedtime stories', 'product demos', 'news bulletins', 'in-game dialogue',
];
const GENDER_WORDS: Record<string, string> = { masculine: 'masculine', feminine: 'feminine', gender_neutral: 'gender-neutral' };

const SEED = 0xca27e51a;
const SEED_START = Date.UTC(2024, 0, 15, 9, 0, 0);
const SEED_STEP_MS = (3 * 60 + 17) * 60 * 1000;

export function seedVoices(count: number): StoredVoice[] {
	const random = seededRandom(SEED);
	const voices: StoredVoice[] = [];
	for (let index = 0; index < count; index++) {
		const id = uuidFrom(random);
		const first = FIRST_NAMES[index % FIRST_NAMES.length];
		const style = STYLES[Math.floor(random() * STYLES.length)];
		const mood = MOODS[Math.floor(random() * MOODS.length)];
		const use = USES[Math.floor(random() * USES.length)];
		const genderRoll = Math.floor(random() * 7);
		const gender: GenderPresentation | null = genderRoll < GENDER_PRESENTATIONS.length * 2
			? GENDER_PRESENTATIONS[genderRoll % GENDER_PRESENTATIONS.length]
			: null;
		// About half English, the rest spread over the other languages.
		const language = random() < 0.5 ? 'en' : TTS_LANGUAGES[1 + Math.floor(random() * 14)];
		const isOwner = index % 10 === 3;
		const genderText = gender ? `${GENDER_WORDS[gender]} ` : '';
		voices.push({
			id,
			name: `${first} the ${style}`,
			description: `A ${mood} ${genderText}voice for ${use}.`,
			language,
			gender,
			isOwner,
			isPublic: !isOwner,
			isStarred: index % 7 === 2,
			// Derived from the index, not drawn, so the seeds' other fields stay as they were.
			accent: language === 'en' ? ([null, 'general-american', 'british'] as const)[index % 3] : null,
			addedAccents: [],
			tagline: '',
			createdAt: new Date(SEED_START + index * SEED_STEP_MS).toISOString(),
			embedding: embeddingFrom(random),
		});
	}
	return voices;
}

export interface NewVoice {
	name: string;
	description: string;
	language: string;
	gender?: GenderPresentation | null;
	embedding?: number[];
	accent?: string | null;
	tagline?: string;
}

export class VoiceStore {
	private list: StoredVoice[] = [];
	private created = 0;

	constructor(private readonly count: number) {
		this.reseed();
	}

	reseed(): void {
		this.list = seedVoices(this.count);
		this.created = 0;
	}

	all(): readonly StoredVoice[] {
		return this.list;
	}

	get(id: string): StoredVoice | undefined {
		return this.list.find((voice) => voice.id === id);
	}

	indexOf(id: string): number {
		return this.list.findIndex((voice) => voice.id === id);
	}

	/** A new voice owned by the stand-in's account, appended to the end of the list. */
	add(voice: NewVoice): StoredVoice {
		this.created++;
		const random = seededRandom(SEED ^ (this.created * 7919));
		const last = this.list[this.list.length - 1];
		const after = last ? Date.parse(last.createdAt) + 1000 : 0;
		const stored: StoredVoice = {
			id: uuidFrom(random),
			name: voice.name,
			description: voice.description,
			language: voice.language,
			gender: voice.gender ?? null,
			isOwner: true,
			isPublic: false,
			isStarred: false,
			accent: voice.accent ?? null,
			addedAccents: [],
			tagline: voice.tagline ?? '',
			createdAt: new Date(Math.max(Date.now(), after)).toISOString(),
			embedding: voice.embedding ?? embeddingFrom(random),
		};
		this.list.push(stored);
		return stored;
	}

	remove(id: string): boolean {
		const index = this.indexOf(id);
		if (index < 0) return false;
		this.list.splice(index, 1);
		return true;
	}

	copies(): StoredVoice[] {
		return this.list.map((voice) => ({ ...voice, embedding: [...voice.embedding], addedAccents: [...voice.addedAccents] }));
	}
}

/** The locales a voice speaks (2026-08-14): its own accent's first (`is_native`), then the added ones. */
function voiceLocales(voice: StoredVoice): Array<{ locale: string; is_native: boolean }> {
	const own = voice.accent ? catalogAccent(voice.accent)?.locale : undefined;
	const native = { locale: own ?? voice.language, is_native: true };
	const added = voice.addedAccents.map((id) => ({ locale: catalogAccent(id)?.locale ?? id, is_native: false }));
	return [native, ...added];
}

/** A Voice as GET /voices answers it for this version and these expand[] values (§2.7, §7.5). */
export function voiceObject(
	voice: StoredVoice,
	version: ApiVersion,
	expand: ReadonlySet<string>,
	baseUrl: string,
): Record<string, unknown> {
	const modern = voiceHasPublicAndGender(version);
	const current = voiceHasAccessAndVisibility(version);
	const shaped: Record<string, unknown> = { id: voice.id, is_owner: voice.isOwner };
	if (current) {
		shaped.access = voice.isPublic ? 'public' : 'private';
		shaped.visibility = voice.isPublic ? 'all' : 'owner';
	} else if (modern) {
		shaped.is_public = voice.isPublic;
	}
	shaped.name = voice.name;
	if (current) shaped.tagline = voice.tagline;
	shaped.description = voice.description;
	if (modern) shaped.gender = voice.gender;
	shaped.created_at = voice.createdAt;
	shaped.language = voice.language;
	if (current) {
		shaped.accent = voice.accent;
		shaped.locales = voiceLocales(voice);
	} else if (voiceHasAccentName(version) && voice.accent && accentDisplayName(voice.accent)) {
		shaped.accent = accentDisplayName(voice.accent);
	}
	if (expand.has('embedding')) shaped.embedding = voice.embedding;
	if (expand.has('is_starred')) shaped.is_starred = voice.isStarred;
	if (expand.has('preview_file_url')) shaped.preview_file_url = `${baseUrl}/voices/${voice.id}/preview`;
	return shaped;
}

/** VoiceMetadata (docs/wire-format.md §2.11, §7.5), what Clone and Localize answer. */
export function voiceMetadata(voice: StoredVoice, version: ApiVersion): Record<string, unknown> {
	if (voiceHasAccessAndVisibility(version)) {
		return {
			id: voice.id,
			user_id: STANDIN_USER_ID,
			access: voice.isPublic ? 'public' : 'private',
			visibility: voice.isPublic ? 'all' : 'owner',
			name: voice.name,
			tagline: voice.tagline,
			description: voice.description,
			created_at: voice.createdAt,
			language: voice.language,
		};
	}
	return {
		id: voice.id,
		user_id: STANDIN_USER_ID,
		is_public: voice.isPublic,
		name: voice.name,
		description: voice.description,
		created_at: voice.createdAt,
		language: voice.language,
	};
}
