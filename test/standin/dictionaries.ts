/**
 * The stand-in's pronunciation dictionaries (docs/wire-format.md §2.15): deterministic seed dictionaries
 * (the same ids on every run, enough for three pages of 10), the ones a test creates, and the objects each
 * version answers with.
 */
import { type ApiVersion, versionSupports } from '../../nodes/Cartesia/versions';
import { STANDIN_USER_ID, seededRandom } from './voices';

export interface StoredDictionaryItem {
	text: string;
	pronunciation: string;
	/** Only ever set through 2026-08-14 (§7.8); absent means Cartesia's default (false). */
	caseSensitive?: boolean;
}

export interface StoredDictionary {
	id: string;
	name: string;
	description?: string;
	pinned: boolean;
	items: StoredDictionaryItem[];
	createdAt: string;
}

/** How many dictionaries `reset()` seeds by default: two full default pages of 10 and a short third. */
export const SEED_DICTIONARY_COUNT = 23;

const SEED = 0xd1c7;
const SEED_START = Date.UTC(2025, 5, 2, 8, 0, 0);
const WORDS = ['Cartesia', 'Sonic', 'n8n', 'GIF', 'SQL', 'Nguyen', 'quinoa', 'Worcestershire', 'Qatar', 'kubectl', 'Xi'];
const SAYS = ['kar-TEE-zhuh', 'SAH-nik', 'en-eight-en', 'jiff', 'sequel', 'win', 'KEEN-wah', 'WUSS-ter-sher', 'KAH-tar', 'koob-control', 'shee'];

function idFrom(random: () => number): string {
	return `pdict_${Array.from({ length: 12 }, () => Math.floor(random() * 16).toString(16)).join('')}`;
}

function seedDictionaries(count: number): StoredDictionary[] {
	const random = seededRandom(SEED);
	return Array.from({ length: count }, (_, index) => {
		const count = index % 4;
		const items = Array.from({ length: count }, (__, at) => {
			const word = (index + at) % WORDS.length;
			return { text: WORDS[word], pronunciation: SAYS[word] };
		});
		return {
			id: idFrom(random),
			name: `Dictionary ${String(index + 1).padStart(2, '0')}`,
			pinned: false,
			items,
			createdAt: new Date(SEED_START + index * 3_600_000).toISOString(),
		};
	});
}

export class DictionaryStore {
	private list: StoredDictionary[] = [];
	private created = 0;

	constructor(private readonly count = SEED_DICTIONARY_COUNT) {
		this.reseed();
	}

	reseed(): void {
		this.list = seedDictionaries(this.count);
		this.created = 0;
	}

	all(): readonly StoredDictionary[] {
		return this.list;
	}

	get(id: string): StoredDictionary | undefined {
		return this.list.find((dictionary) => dictionary.id === id);
	}

	indexOf(id: string): number {
		return this.list.findIndex((dictionary) => dictionary.id === id);
	}

	add(dictionary: { name: string; description?: string; items: StoredDictionaryItem[] }): StoredDictionary {
		this.created++;
		const stored: StoredDictionary = {
			id: idFrom(seededRandom(SEED ^ (this.created * 7919))),
			name: dictionary.name,
			description: dictionary.description,
			pinned: false,
			items: dictionary.items,
			createdAt: new Date().toISOString(),
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

	copies(): StoredDictionary[] {
		return this.list.map((dictionary) => ({ ...dictionary, items: dictionary.items.map((item) => ({ ...item })) }));
	}
}

/**
 * A `PronunciationDict` as Cartesia answers it: items carry `pronunciation` and its deprecated twin
 * `alias` with the same value (F0416 examples), and `case_sensitive` from 2026-08-14 only.
 */
export function dictionaryObject(dictionary: StoredDictionary, version: ApiVersion): Record<string, unknown> {
	const caseSensitive = versionSupports(version, 'pronunciationCaseSensitive');
	return {
		id: dictionary.id,
		name: dictionary.name,
		...(dictionary.description !== undefined ? { description: dictionary.description } : {}),
		owner_id: STANDIN_USER_ID,
		pinned: dictionary.pinned,
		items: dictionary.items.map((item) => ({
			text: item.text,
			pronunciation: item.pronunciation,
			alias: item.pronunciation,
			...(caseSensitive ? { case_sensitive: item.caseSensitive ?? false } : {}),
		})),
		created_at: dictionary.createdAt,
	};
}
