/**
 * POST /voice-changer/bytes and /voice-changer/sse (docs/wire-format.md §2.6). The output "says"
 * whatever text the uploaded clip carried (a stand-in transcript, if any), lasting as long as that text
 * or the clip.
 */
import { type AudioFormat, audioBody, CONTENT_TYPES, planAudio, secondsForText } from '../audio';
import { operation, type RequestContext } from '../context';
import { SseStream } from '../sse';
import { durationOf, probeAudio } from '../transcript';
import { defined } from '../validation';
import { voiceChangerSseUntyped } from '../versionFacts';
import { readOutputFormat } from './outputFormat';
import { ssePieces } from './tts';

interface VoiceChangePlan {
	text: string;
	seconds: number;
	format: AudioFormat;
}

function readVoiceChange(ctx: RequestContext, sse: boolean): VoiceChangePlan {
	const form = ctx.multipart();
	const clip = form.file('clip', { required: true });
	const voiceId = form.child('voice').string('id', { required: true });
	const format = readOutputFormat(form.child('output_format'), { rawOnly: sse ? 'POST /voice-changer/sse' : undefined });
	ctx.settle();
	const id = defined(voiceId);
	if (!ctx.state.store.get(id)) ctx.invalid(`multipart field "voice[id]": no voice with id "${id}"`);
	const probe = probeAudio(defined(clip));
	const text = probe.text ?? '';
	const seconds = text ? secondsForText(text) : (durationOf(probe, defined(clip).size, undefined) ?? 1);
	return { text, seconds, format: defined(format) };
}

export const voiceChangerBytes = operation<VoiceChangePlan>({
	auth: 'api-key',
	body: 'multipart',
	validate: (ctx) => readVoiceChange(ctx, false),
	async respond(ctx, plan) {
		const audio = planAudio(plan.format, plan.text, plan.seconds, ctx.state.generatedAudioBytes);
		await ctx.writer.head(200, { 'content-type': CONTENT_TYPES[plan.format.container] });
		for (const chunk of audioBody(audio)) await ctx.writer.write(chunk);
		await ctx.writer.end();
	},
});

export const voiceChangerSse = operation<VoiceChangePlan>({
	auth: 'api-key',
	body: 'multipart',
	sse: true,
	validate: (ctx) => readVoiceChange(ctx, true),
	async respond(ctx, plan) {
		const audio = planAudio(plan.format, plan.text, plan.seconds, ctx.state.generatedAudioBytes);
		// 2025-11-04+: chunk and done events carry no `type`; older definitions use the typed union.
		const untyped = voiceChangerSseUntyped(ctx.version);
		const stream = new SseStream(ctx.writer, ctx.version, ctx.sseFault);
		await stream.open();
		let index = 0;
		for (const piece of ssePieces(plan.format, audio.audioBytes, plan.text)) {
			const chunk = untyped
				? { status_code: 206, done: false, data: piece.toString('base64'), sample_rate: plan.format.sampleRate, step_time: 8 + (index % 5) * 1.5 }
				: { type: 'chunk', data: piece.toString('base64'), done: false, status_code: 206, step_time: 8 + (index % 5) * 1.5 };
			index++;
			await stream.event(chunk);
		}
		await stream.done(untyped ? { status_code: 200, done: true } : { type: 'done', done: true, status_code: 200 });
	},
});
