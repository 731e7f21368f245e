/** POST /stt (docs/wire-format.md §2.4): finds the transcript the stand-in embedded in the upload. */
import { operation } from '../context';
import { STT_ENCODINGS, STT_LANGUAGES, STT_MODELS, type SttEncoding, TIMESTAMP_GRANULARITIES } from '../enums';
import { durationOf, probeAudio } from '../transcript';
import { type ReceivedFile, defined } from '../validation';
import { sttResponseIsTyped } from '../versionFacts';

interface SttPlan {
	file: ReceivedFile;
	language: string;
	words: boolean;
	raw?: { encoding: SttEncoding; sampleRate: number };
}

export const transcribe = operation<SttPlan>({
	auth: { grant: 'stt' },
	body: 'multipart',
	validate(ctx) {
		const encoding = ctx.query.enumOf('encoding', STT_ENCODINGS);
		const sampleRate = ctx.query.number('sample_rate', { integer: true, min: 1 });
		if (ctx.query.has('encoding') !== ctx.query.has('sample_rate')) {
			ctx.problems.add('query parameters "encoding" and "sample_rate" must be sent together (for raw audio) or not at all');
		}
		const form = ctx.multipart();
		const file = form.file('file', { required: true });
		form.enumOf('model', STT_MODELS, { required: true });
		const language = form.enumOf('language', STT_LANGUAGES);
		const granularities = form.list('timestamp_granularities') ?? [];
		for (const value of granularities) {
			if (!(TIMESTAMP_GRANULARITIES as readonly string[]).includes(value)) {
				ctx.problems.add(`multipart field "timestamp_granularities[]" must be one of ${TIMESTAMP_GRANULARITIES.join(', ')}; got "${value}"`);
			}
		}
		ctx.settle();
		return {
			file: defined(file),
			language: language ?? 'en',
			words: granularities.includes('word'),
			raw: encoding !== undefined && sampleRate !== undefined ? { encoding, sampleRate } : undefined,
		};
	},
	async respond(ctx, plan) {
		const probe = probeAudio(plan.file);
		const text = probe.text ?? '';
		const duration = durationOf(probe, plan.file.size, plan.raw);
		const response: Record<string, unknown> = {};
		if (sttResponseIsTyped(ctx.version)) {
			response.type = 'transcript';
			response.request_id = ctx.requestId;
			response.is_final = true;
		}
		response.text = text;
		response.language = plan.language;
		response.duration = duration;
		if (plan.words) {
			const words = text.split(/\s+/).filter(Boolean);
			const span = duration ?? words.length * 0.4;
			const step = words.length > 0 ? span / words.length : 0;
			const round = (value: number): number => Math.round(value * 1000) / 1000;
			response.words = words.map((word, index) => ({ word, start: round(index * step), end: round((index + 1) * step) }));
		}
		await ctx.writer.json(200, response);
	},
});
