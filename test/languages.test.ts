import { allLanguages, languageFeature, listedLanguages, nearestLanguage } from '../nodes/Cartesia/languages';

describe('language lists per operation and Cartesia-Version', () => {
	it('lists 15 TTS languages up to 2025-04-16, 42 from 2025-11-04 and 44 (Odia, Urdu) from 2026-08-14', () => {
		expect(listedLanguages('tts', '2024-11-13')).toHaveLength(15);
		expect(listedLanguages('tts', '2025-04-16')).toHaveLength(15);
		expect(listedLanguages('tts', '2025-11-04')).toHaveLength(42);
		expect(listedLanguages('tts', '2026-03-01')).toHaveLength(42);
		expect(listedLanguages('tts', '2026-03-01')).not.toContain('or');
		expect(listedLanguages('tts', '2026-08-14')).toEqual(allLanguages('tts'));
		expect(listedLanguages('tts', '2026-08-14').slice(-2)).toEqual(['or', 'ur']);
		expect(languageFeature('tts', 'ur')).toBe('ttsLanguages2026');
	});

	it('lists the same STT languages in every version', () => {
		expect(listedLanguages('stt', '2024-11-13')).toEqual(listedLanguages('stt', '2026-03-01'));
		expect(listedLanguages('stt', '2024-11-13')).toContain('yue');
	});

	it('adds ar, he, ta, te, th to Localize from 2025-11-04', () => {
		expect(listedLanguages('localize', '2025-04-16')).not.toContain('he');
		expect(listedLanguages('localize', '2025-11-04')).toEqual(expect.arrayContaining(['ar', 'he', 'ta', 'te', 'th']));
		expect(languageFeature('localize', 'he')).toBe('localizeExtraLanguages');
		expect(languageFeature('tts', 'ar')).toBe('ttsExtraLanguages');
		expect(languageFeature('tts', 'en')).toBeUndefined();
	});
});

describe('nearestLanguage', () => {
	const tts = listedLanguages('tts', '2025-11-04');

	it.each([
		['en-us', 'en'],
		['pt_br', 'pt'],
		['eng', 'en'],
		['deu', 'de'],
		['german', 'de'],
		['spanish', 'es'],
		['ne', 'en'],
		['jp', 'ja'],
	])('suggests %j → %j', (input, expected) => {
		expect(nearestLanguage(input, tts)).toBe(expected);
	});

	it('prefers the longest listed prefix ("haw" over "ha")', () => {
		expect(nearestLanguage('hawaiian', listedLanguages('stt', '2025-11-04'))).toBe('haw');
	});

	it('suggests nothing for a code far from every listed one', () => {
		expect(nearestLanguage('klingon', tts)).toBeUndefined();
		expect(nearestLanguage('qqq', tts)).toBeUndefined();
	});
});
