import * as accentSearch from './accentSearch';
import * as dictionarySearch from './dictionarySearch';
import * as optionSearch from './optionSearch';
import * as voiceSearch from './listSearch';

export * as credentialTest from './credentialTest';

/**
 * Every Resource Locator's list: voices, accents and pronunciation dictionaries (from Cartesia), models and
 * languages (known here).
 */
export const listSearch = { ...voiceSearch, ...accentSearch, ...dictionarySearch, ...optionSearch };
