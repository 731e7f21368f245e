import type { INodeProperties } from 'n8n-workflow';

/** Shown on Voice → Create and Voice → Mix, so a refusal from Cartesia makes sense. */
export function retiredOperationNotice(operationName: string): INodeProperties {
	return {
		displayName: `Cartesia retired ${operationName} on 2026-06-01 and now refuses it. It is kept here, to the 2024-11-13 wire format, for accounts and gateways that still serve it. To make a new voice, use Voice → Clone.`,
		name: 'retiredNotice',
		type: 'notice',
		default: '',
	};
}
