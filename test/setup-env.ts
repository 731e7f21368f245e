import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config under N8N_USER_FOLDER (default ~/.n8n): keep tests out of the home folder.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-cartesia-test-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// Tests only talk to 127.0.0.1; no proxy from the environment may intercept them.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete process.env[name];
