/**
 * The transcript marker inside the audio payload: each generated file carries the text it "says" as
 * records written over its first samples (PCM) or into its first frames' main data (MP3), so the
 * marker survives whatever a joiner keeps of a file — WAV samples, MP3 frames without the ID3 tag and
 * Info frame, raw bytes — and a file joined from parts carries every part's marker, in order.
 *
 * A record: MAGIC (6 bytes) | flags (1 byte: FIRST, LAST) | length (uint16 LE) | that many bytes of the
 * text's UTF-8. A marker is one or more records, FIRST on the first and LAST on the last; a marker
 * whose records stop short (a part cut off) is dropped when the next marker starts.
 */

export const PAYLOAD_MAGIC = Buffer.from([0xa7, 0x43, 0x54, 0x53, 0x4d, 0x01]);
const FIRST = 1;
const LAST = 2;
/** Magic, flags, length. */
export const RECORD_OVERHEAD = PAYLOAD_MAGIC.length + 3;
const MAX_FRAGMENT_BYTES = 0xffff;

/** The records of one marker, each holding at most `maxFragmentBytes` bytes of the text. */
export function markerRecords(text: string, maxFragmentBytes = MAX_FRAGMENT_BYTES): Buffer[] {
	const bytes = Buffer.from(text, 'utf8');
	const size = Math.max(1, Math.min(maxFragmentBytes, MAX_FRAGMENT_BYTES));
	const records: Buffer[] = [];
	for (let offset = 0; offset === 0 || offset < bytes.length; offset += size) {
		const fragment = bytes.subarray(offset, offset + size);
		const flags = (offset === 0 ? FIRST : 0) | (offset + size >= bytes.length ? LAST : 0);
		const header = Buffer.alloc(RECORD_OVERHEAD);
		PAYLOAD_MAGIC.copy(header);
		header[PAYLOAD_MAGIC.length] = flags;
		header.writeUInt16LE(fragment.length, PAYLOAD_MAGIC.length + 1);
		records.push(Buffer.concat([header, fragment]));
	}
	return records;
}

/** The marker as contiguous bytes (for PCM, where it is written over the first samples). */
export function markerBytes(text: string): Buffer {
	return Buffer.concat(markerRecords(text));
}

/**
 * Finds every marker in a stream of bytes, in order, holding only the record being read (and a few
 * bytes of a magic cut between chunks): the audio itself is never kept.
 */
export class PayloadMarkerScanner {
	readonly texts: string[] = [];
	private carry: Buffer = Buffer.alloc(0);
	/** The marker being read: its fragments so far, or undefined between markers. */
	private fragments: Buffer[] | undefined;
	/** The record being read: bytes still to take, and whether it ends its marker. */
	private record: { remaining: number; last: boolean } | undefined;

	push(chunk: Buffer): void {
		const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
		this.carry = Buffer.alloc(0);
		let offset = 0;
		for (;;) {
			if (this.record) {
				const take = Math.min(this.record.remaining, data.length - offset);
				this.fragments?.push(Buffer.from(data.subarray(offset, offset + take)));
				offset += take;
				this.record.remaining -= take;
				if (this.record.remaining > 0) return;
				if (this.record.last && this.fragments) {
					this.texts.push(Buffer.concat(this.fragments).toString('utf8'));
					this.fragments = undefined;
				}
				this.record = undefined;
			}
			const at = data.indexOf(PAYLOAD_MAGIC, offset);
			if (at < 0 || data.length - at < RECORD_OVERHEAD) {
				// Keep a record header, or the start of a magic, cut by the chunk's end (rarely anything:
				// so a chunk is seldom copied).
				const keepFrom = at >= 0 ? at : magicPrefixAtEnd(data, offset);
				this.carry = keepFrom < data.length ? Buffer.from(data.subarray(keepFrom)) : Buffer.alloc(0);
				return;
			}
			const flags = data[at + PAYLOAD_MAGIC.length];
			const length = data.readUInt16LE(at + PAYLOAD_MAGIC.length + 1);
			if (flags & FIRST) this.fragments = [];
			this.record = { remaining: length, last: (flags & LAST) !== 0 };
			offset = at + RECORD_OVERHEAD;
		}
	}
}

/** Where a partial magic starts in the last bytes of `data` (from `offset` on), or data.length if none. */
function magicPrefixAtEnd(data: Buffer, offset: number): number {
	for (let start = Math.max(offset, data.length - (PAYLOAD_MAGIC.length - 1)); start < data.length; start++) {
		const tail = data.subarray(start);
		if (PAYLOAD_MAGIC.subarray(0, tail.length).equals(tail)) return start;
	}
	return data.length;
}

/** Every marker in a whole buffer of audio, in order: the texts of the parts it was joined from. */
export function payloadMarkers(audio: Buffer): string[] {
	const scanner = new PayloadMarkerScanner();
	scanner.push(audio);
	return scanner.texts;
}
