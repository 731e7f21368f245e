import type { INodeProperties } from 'n8n-workflow';

/** An ID that can go into a path: not `.` or `..`, no `/`, no spaces. */
const PATH_ID_REGEX = '^(?!\\.{1,2}$)[^/\\s]+$';

interface IdLocator {
	/** What one entry is, in words: "agent", "phone number". */
	what: string;
	searchListMethod: string;
	example: string;
}

/** A picker whose entries Cartesia names by an ID that goes into a path: From List or By ID. */
function idLocator({ what, searchListMethod, example }: IdLocator): Pick<INodeProperties, 'type' | 'default' | 'modes'> {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${what === 'agent' ? 'an' : 'a'} ${what}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [{ type: 'regex', properties: { regex: PATH_ID_REGEX, errorMessage: `Not ${what === 'agent' ? 'an' : 'a'} ${what} ID` } }],
			},
		],
	};
}

/** The voice agent picker (Call operations, the Cartesia Agent Trigger). */
export function agentLocator(overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>): INodeProperties {
	return {
		...idLocator({ what: 'agent', searchListMethod: 'searchAgents', example: 'agent_abc123' }),
		required: true,
		description: 'A Cartesia voice agent of yours (Cartesia-Version 2025-04-16 and later)',
		...overrides,
	};
}

/** The agent's phone number to call from (Start Outbound Calls): the chosen agent's numbers, or by ID. */
export const fromNumberLocator: INodeProperties = {
	displayName: 'From Number',
	name: 'fromNumber',
	...idLocator({ what: 'phone number', searchListMethod: 'searchAgentPhoneNumbers', example: 'ap_abc123' }),
	required: true,
	description: "The agent's phone number the calls come from",
};
