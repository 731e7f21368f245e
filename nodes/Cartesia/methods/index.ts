import * as accentSearch from './accentSearch';
import * as optionSearch from './optionSearch';
import * as voiceSearch from './listSearch';

export * as credentialTest from './credentialTest';

/** Every Resource Locator's list: voices and accents (from Cartesia), models and languages (known here). */
export const listSearch = { ...voiceSearch, ...accentSearch, ...optionSearch };
