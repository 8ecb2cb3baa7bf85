# shellcheck shell=bash
# Shared by scripts/test.sh and scripts/bench.sh: starting background servers and
# stopping them again. Source it from the project root (after `cd` there):
#   free_port                    prints a free TCP port on 127.0.0.1
#   start_bg CMD [ARGS...]       runs CMD in the background and records its PID
#   wait_for_url URL [TRIES]     waits until URL answers (TRIES x 0.1 s, default 50)
#   start_static_server DIR      serves DIR like a static host on a free port; sets
#                                STATIC_URL to its address
#   start_pouchdb_server VAR     PouchDB Server in memory on a free port; exports its
#                                address as VAR and the server's path as
#                                POUCHDB_SERVER_BIN
#   make_temp_dir VAR            makes a temporary directory, path in VAR
# Sourcing it installs `cleanup` as the EXIT trap: it kills every process start_bg
# recorded and removes every directory make_temp_dir made.

LIB_PIDS=()
LIB_TEMP_DIRS=()

cleanup() {
  local p d
  for p in "${LIB_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "${LIB_TEMP_DIRS[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# The PID recorded is that of the server process itself ($! right after the command),
# not of a wrapping subshell, so cleanup really stops it. Redirections given to
# start_bg apply to the command.
start_bg() {
  "$@" &
  LIB_PIDS+=($!)
}

# Makes a temporary directory, removed by cleanup, and stores its path in the variable
# named VAR. (Not through $(...): the directory must be recorded in this shell.)
make_temp_dir() {
  local new_dir
  new_dir=$(mktemp -d)
  LIB_TEMP_DIRS+=("$new_dir")
  printf -v "$1" '%s' "$new_dir"
}

wait_for_url() {
  local url=$1 tries=${2:-50}
  for _ in $(seq "$tries"); do
    curl -sf "$url" >/dev/null && return 0
    sleep 0.1
  done
  curl -sf "$url" >/dev/null
}

start_static_server() {
  local dir=$1 port
  port=$(free_port)
  start_bg node tests/e2e/support/static-server.mjs "$dir" "$port"
  STATIC_URL="http://127.0.0.1:$port"
  if ! wait_for_url "$STATIC_URL/"; then
    echo "The static server for $dir did not answer on $STATIC_URL" >&2
    exit 1
  fi
}

# PouchDB Server writes its config and log files to its working directory unless told
# otherwise: they go to a temporary directory. Its output is kept there and printed if
# it does not answer.
start_pouchdb_server() {
  local var=$1 dir port url
  export POUCHDB_SERVER_BIN="$PWD/node_modules/pouchdb-server/bin/pouchdb-server"
  make_temp_dir dir
  printf '{"log":{"file":"%s/log.txt"}}\n' "$dir" >"$dir/config.json"
  port=$(free_port)
  start_bg node "$POUCHDB_SERVER_BIN" --in-memory --host 127.0.0.1 --port "$port" \
    --config "$dir/config.json" --dir "$dir" >"$dir/stdout.log" 2>&1
  url="http://127.0.0.1:$port"
  if ! wait_for_url "$url/" 200; then
    echo "PouchDB Server did not answer on $url:" >&2
    cat "$dir/stdout.log" >&2
    exit 1
  fi
  export "$var=$url"
}
