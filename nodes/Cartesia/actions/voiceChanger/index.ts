import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as changeVoice from './changeVoice.operation';
import * as changeVoiceStream from './changeVoiceStream.operation';

export const operations: ResourceOperations<'voiceChanger'> = { changeVoice, changeVoiceStream };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voiceChanger'] } },
		default: 'changeVoice',
		options: [
			{
				name: 'Change Voice',
				value: 'changeVoice',
				action: 'Change the voice in a recording',
				description: 'Make speech sound like another voice; the file streams back to n8n',
			},
			{
				name: 'Change Voice (Stream)',
				value: 'changeVoiceStream',
				action: 'Change the voice in a recording over a stream',
				description: 'The same over server-sent events, as raw PCM or wrapped as WAV',
			},
		],
	},
	...changeVoice.description,
	...changeVoiceStream.description,
];
