import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CartesiaClient } from '../transport';

/** Every resource and its operations: the router dispatches on this map. */
export interface CartesiaOperationMap {
	speech: 'generate' | 'generateWithTimestamps';
	transcription: 'transcribe';
	infill: 'generate';
	voiceChanger: 'changeVoice' | 'changeVoiceStream';
	voice: 'get' | 'getMany' | 'create' | 'update' | 'delete' | 'clone' | 'localize' | 'mix' | 'listAccents' | 'addAccents' | 'removeAccent';
	pronunciationDictionary: 'getMany' | 'get' | 'create' | 'update' | 'delete';
	accessToken: 'create';
	apiStatus: 'get';
	agent: 'get' | 'getMany';
	call: 'getMany' | 'get' | 'downloadAudio' | 'startOutbound';
}

export type CartesiaResource = keyof CartesiaOperationMap;

/** One operation: its parameters, and the work it does for one item. */
export interface CartesiaOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, client: CartesiaClient): Promise<INodeExecutionData[]>;
}

export type ResourceOperations<R extends CartesiaResource> = Record<CartesiaOperationMap[R], CartesiaOperation>;
