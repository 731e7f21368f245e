import type { INodeProperties } from 'n8n-workflow';

/** An ID that can go into a path: not `.` or `..`, no `/`, no spaces. */
const PATH_ID_REGEX = '^(?!\\.{1,2}$)[^/\\s]+$';

/** The voice agent picker (Call operations, the Cartesia Trigger): From List or By ID. */
export function agentLocator(overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'A Cartesia voice agent of yours (Cartesia-Version 2025-04-16 and later)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an agent...',
				typeOptions: { searchListMethod: 'searchAgents', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. agent_abc123',
				validation: [{ type: 'regex', properties: { regex: PATH_ID_REGEX, errorMessage: 'Not an agent ID' } }],
			},
		],
		...overrides,
	};
}

/** The agent's phone number to call from (Start Outbound Calls): From List (the chosen agent's) or By ID. */
export const fromNumberLocator: INodeProperties = {
	displayName: 'From Number',
	name: 'fromNumber',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: "The agent's phone number the calls come from",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a phone number...',
			typeOptions: { searchListMethod: 'searchAgentPhoneNumbers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ap_abc123',
			validation: [{ type: 'regex', properties: { regex: PATH_ID_REGEX, errorMessage: 'Not a phone number ID' } }],
		},
	],
};
