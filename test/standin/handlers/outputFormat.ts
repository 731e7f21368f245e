/** `output_format` (docs/wire-format.md §2.5, §2.3, §2.6, §3.1), the same rules for JSON and multipart. */
import type { AudioFormat } from '../audio';
import { CONTAINERS, MP3_BIT_RATES, RAW_ENCODINGS, SAMPLE_RATES } from '../enums';
import type { FieldReader } from '../validation';

export function readOutputFormat(reader: FieldReader | undefined, options: { rawOnly?: string } = {}): AudioFormat | undefined {
	if (!reader) return undefined;
	const container = reader.enumOf('container', CONTAINERS, { required: true });
	const sampleRate = reader.numberOf('sample_rate', SAMPLE_RATES, { required: true });
	if (container !== undefined && container !== 'raw' && options.rawOnly) {
		reader.problems.add(`${reader.label('container')} must be "raw" on ${options.rawOnly} (SSE carries raw audio only); got "${container}"`);
	}
	if (container === 'mp3') {
		reader.forbid('encoding', 'is only accepted with container "raw" or "wav"');
		const bitRate = reader.numberOf('bit_rate', MP3_BIT_RATES, { required: true });
		if (sampleRate === undefined || bitRate === undefined) return undefined;
		return { container, sampleRate, bitRate };
	}
	if (container === 'raw' || container === 'wav') {
		reader.forbid('bit_rate', 'is only accepted with container "mp3"');
		const encoding = reader.enumOf('encoding', RAW_ENCODINGS, { required: true });
		if (sampleRate === undefined || encoding === undefined) return undefined;
		return { container, sampleRate, encoding };
	}
	reader.skip('encoding');
	reader.skip('bit_rate');
	return undefined;
}
