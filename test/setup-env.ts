// Runs before every test file.
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// Tests only talk to 127.0.0.1; no proxy from the environment may intercept them.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete process.env[name];
