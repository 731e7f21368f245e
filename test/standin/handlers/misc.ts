/** GET / (docs/wire-format.md §2.1) and POST /access-token (§2.2). */
import { operation } from '../context';
import type { Grant } from '../tokens';

export const apiStatus = operation<{ version: string }>({
	auth: 'none',
	body: 'none',
	validate(ctx) {
		ctx.settle();
		// Without the (optional) header, ctx.version is the newest offered version.
		return { version: ctx.version };
	},
	async respond(ctx, plan) {
		await ctx.writer.json(200, { ok: true, version: plan.version });
	},
});

export const accessToken = operation<{ grants: Grant[]; expiresIn: number | undefined }>({
	auth: 'api-key',
	body: 'json',
	validate(ctx) {
		const body = ctx.json();
		const grants: Grant[] = [];
		const grantReader = body.child('grants');
		if (grantReader) {
			if (grantReader.boolean('tts')) grants.push('tts');
			if (grantReader.boolean('stt')) grants.push('stt');
			if (grantReader.boolean('agent', { feature: 'accessTokenAgentGrant' })) grants.push('agent');
		}
		const expiresIn = body.number('expires_in', { integer: true, min: 1, max: 3600 });
		ctx.settle();
		return { grants, expiresIn };
	},
	async respond(ctx, plan) {
		await ctx.writer.json(200, { token: ctx.state.tokens.mint(plan.grants, plan.expiresIn) });
	},
});
