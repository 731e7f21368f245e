import * as accentSearch from './accentSearch';
import * as agentSearch from './agentSearch';
import * as dictionarySearch from './dictionarySearch';
import * as optionSearch from './optionSearch';
import * as voiceSearch from './listSearch';

export * as credentialTest from './credentialTest';

/**
 * Every Resource Locator's list: voices, accents, pronunciation dictionaries, agents and their phone numbers (from Cartesia), models and
 * languages (known here).
 */
export const listSearch = { ...voiceSearch, ...accentSearch, ...dictionarySearch, ...agentSearch, ...optionSearch };
