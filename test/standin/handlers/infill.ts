/** POST /infill/bytes (docs/wire-format.md §2.3, multipart). */
import { type AudioFormat, audioBody, CONTENT_TYPES, planAudio, secondsForText } from '../audio';
import { operation } from '../context';
import { EXPERIMENTAL_SPEEDS, isExperimentalEmotion } from '../enums';
import { defined } from '../validation';
import { ttsLanguages } from '../versionFacts';
import { readOutputFormat } from './outputFormat';

export const infill = operation<{ transcript: string; format: AudioFormat }>({
	auth: 'api-key',
	body: 'multipart',
	validate(ctx) {
		const form = ctx.multipart();
		const left = form.file('left_audio');
		const right = form.file('right_audio');
		if (!left && !right && !form.has('left_audio') && !form.has('right_audio')) {
			ctx.problems.add('at least one of multipart files "left_audio" and "right_audio" is required');
		}
		form.string('model_id', { required: true });
		form.enumOf('language', ttsLanguages(ctx.version), { required: true });
		const transcript = form.string('transcript', { required: true });
		const voiceId = form.string('voice_id', { required: true });
		const format = readOutputFormat(form.child('output_format'));
		const controls = form.child('voice').child('__experimental_controls');
		const feature = { feature: 'infillExperimentalControls' as const };
		const speed = controls.value('speed', feature);
		if (typeof speed === 'string') {
			const numeric = /^-?\d+(\.\d+)?$/.test(speed) && Math.abs(Number(speed)) <= 1;
			if (!numeric && !(EXPERIMENTAL_SPEEDS as readonly string[]).includes(speed)) {
				ctx.problems.add(`${controls.label('speed')} must be a number -1..1 or one of ${EXPERIMENTAL_SPEEDS.join(', ')}; got "${speed}"`);
			}
		}
		for (const emotion of controls.list('emotion', feature) ?? []) {
			if (!isExperimentalEmotion(emotion)) {
				ctx.problems.add(`multipart field "voice[__experimental_controls][emotion][]" must be an emotion tag like "surprise:high"; got "${emotion}"`);
			}
		}
		ctx.settle();
		const id = defined(voiceId);
		if (!ctx.state.store.get(id)) ctx.invalid(`multipart field "voice_id": no voice with id "${id}"`);
		return { transcript: defined(transcript), format: defined(format) };
	},
	async respond(ctx, plan) {
		const audio = planAudio(plan.format, plan.transcript, secondsForText(plan.transcript), ctx.state.generatedAudioBytes);
		await ctx.writer.head(200, { 'content-type': CONTENT_TYPES[plan.format.container] });
		for (const chunk of audioBody(audio)) await ctx.writer.write(chunk);
		await ctx.writer.end();
	},
});
