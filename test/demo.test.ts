/** The README's first command runs the demo: it must work against the stand-in with no key set. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

it('runs the example workflows against the stand-in and writes the results', () => {
	const env = { ...process.env };
	delete env.CARTESIA_API_KEY;
	const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(ROOT, 'scripts', 'demo.ts')], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 120_000,
	});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	expect(result.stdout).toContain('using the local Cartesia stand-in');
	expect(result.stdout).toContain('330 voices');
	expect(result.stdout).toMatch(/Find Voices → 3 voices; Speak → reply\.mp3, [\d.]+ s, link http:\/\/127\.0\.0\.1:5678\/rest\/binary-data\/signed\?token=…/);
	const transcript = readFileSync(join(ROOT, 'demo-output', 'transcript.txt'), 'utf8');
	expect(transcript).toBe("Good morning. Here is today's briefing, read by Cartesia.\n");
	expect(readFileSync(join(ROOT, 'demo-output', 'subtitles.vtt'), 'utf8')).toMatch(/^WEBVTT\n/);
	expect(existsSync(join(ROOT, 'demo-output', 'speech-with-timestamps.wav'))).toBe(true);
	// examples/transcribe-recording-url.json: a recording URL, transcribed, turned into a chat message.
	expect(result.stdout).toContain('✔ examples/transcribe-recording-url.json');
	expect(readFileSync(join(ROOT, 'demo-output', 'chat-message.txt'), 'utf8')).toBe(
		"📞 Voicemail from +1 555 0142 (2 s):\n> Hi, it's Dana from Acme. Please call me back about the invoice.\n",
	);
	// examples/rss-narration.json: an RSS item (fixed, no internet) narrated into one MP3 with captions.
	expect(result.stdout).toMatch(/✔ examples\/rss-narration\.json/);
	expect(result.stdout).toMatch(/briefing-2026-11-30\.mp3 \([\d.]+ KB, [\d.]+ s, [6-9] parts\), transcript\.srt, transcript\.vtt/);
	const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'rss-narration.json'), 'utf8')) as { nodes: Array<{ name: string; parameters: { assignments?: { assignments: Array<{ name: string; value: string }> } } }> };
	const fields = Object.fromEntries(example.nodes.find((node) => node.name === 'RSS Item')!.parameters.assignments!.assignments.map((field) => [field.name, field.value]));
	// The MP3's transcript is the title and every paragraph, in order: one file from all the parts.
	expect(readFileSync(join(ROOT, 'demo-output', 'briefing-2026-11-30.txt'), 'utf8')).toBe(`${fields.title}.\n\n${fields.content}\n`);
	expect(readFileSync(join(ROOT, 'demo-output', 'briefing-2026-11-30.mp3')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfb]));
	expect(readFileSync(join(ROOT, 'demo-output', 'briefing-2026-11-30.srt'), 'utf8')).toMatch(/^1\n00:00:00,000 --> /);
	expect(readFileSync(join(ROOT, 'demo-output', 'briefing-2026-11-30.vtt'), 'utf8')).toMatch(/^WEBVTT\n/);
	// examples/call-summary-to-chat.json: the trigger's set-up, a delivered call_completed, the chat message.
	expect(result.stdout).toContain('✔ examples/call-summary-to-chat.json');
	expect(result.stdout).toContain('a wrong secret refused (401)');
	expect(readFileSync(join(ROOT, 'demo-output', 'call-summary.txt'), 'utf8')).toBe(
		'📞 Call from +12125552000 (hangup): The caller moved a delivery to Friday.\n' +
			'assistant: Hello, this is Ada from Acme. How can I help?\n' +
			'user: I would like to move my delivery to Friday.\n',
	);
}, 120_000);
