#!/usr/bin/env bash
# First run, as a new user does it: clone the repository (its committed HEAD) into a folder only
# its owner can traverse (mode 0700, like root's home in most containers), run the README's two
# commands (`npm ci && npm start`) as root, wait for the home page with the demo data, then check
# `npx cyrepo user reset` (its link points at the running server) and `npx cyrepo seed --demo` on a
# fresh DATA_DIR; then `npm start` as a non-root user (runuser) in a clone in its own 0700 home
# folder. Everything made is removed at the end, whatever happened. (Roles and links in detail:
# test/cli-accounts.test.ts.)
#
#   .ci/first-run.sh            FIRST_RUN_NON_ROOT=0 skips the non-root run
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
started=$SECONDS

say() { printf '   first run (%ss): %s\n' "$((SECONDS - started))" "$*"; }
fail() { printf 'first run FAILED: %s\n' "$*" >&2; exit 1; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

[ "$(id -u)" = 0 ] || fail "run as root (the README's command is run as root here, as in a container)"

base="$(mktemp -d /tmp/cyrepo-first-run.XXXXXX)" # 0700: only root traverses it
chmod 700 "$base"
server_pid=""
non_root_user=cyrepo-first-run

cleanup() {
  local code=$?
  stop_server || true
  # A cluster kept outside a private DATA_DIR (see src/core/db/embedded.ts) goes with it.
  # Only a folder under /var/lib/cyrepo/clusters/ is removed, and only once no PostgreSQL runs in it.
  for pointer in "$base"/cyrepo/data/pg-home "$base"/fresh-data/pg-home; do
    [ -f "$pointer" ] || continue
    cluster_dir=$(cat "$pointer")
    case "$cluster_dir" in /var/lib/cyrepo/clusters/?*) ;; *) say "not removing $cluster_dir"; continue ;; esac
    if [ -f "$cluster_dir/postmaster.pid" ]; then kill -KILL "$(head -n 1 "$cluster_dir/postmaster.pid")" 2>/dev/null || true; sleep 1; fi
    rm -rf -- "$cluster_dir"
  done
  rm -rf -- "$base"
  say "cleaned up"
  [ "$code" = 0 ] || printf 'first run: FAILED\n' >&2
  exit "$code"
}
trap cleanup EXIT

# Starts `npm start` (as $1: root or a user name) in $2 on port $3, in its own process group.
start_server() {
  local who=$1 dir=$2 port=$3 log=$4
  if [ "$who" = root ]; then
    (cd "$dir" && PORT=$port exec setsid npm start >"$log" 2>&1) &
  else
    (cd "$dir" && exec setsid runuser -u "$who" -- env HOME="$base/home" PORT="$port" npm start >"$log" 2>&1) &
  fi
  server_pid=$!
}

# SIGTERM to the server's process group (npm, sh, node), then wait until all of it has ended.
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM -- "-$server_pid" 2>/dev/null || true
  for _ in $(seq 120); do kill -0 -- "-$server_pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# Waits (at most $3 s) until the home page answers 200 and shows the demo data.
wait_for_home() {
  local port=$1 log=$2 limit=$3 page="$base/home.html"
  for _ in $(seq "$limit"); do
    if [ "$(curl -s -o "$page" -w '%{http_code}' "http://127.0.0.1:$port/" || true)" = 200 ]; then
      grep -q 'fictional demo content' "$page" || fail "the home page on port $port answers 200 without the demo data"
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "npm start exited before serving"; }
    sleep 1
  done
  cat "$log" >&2
  fail "nothing served on port $port after $limit s"
}

# --- as root -------------------------------------------------------------------------------------
git clone -q "$repo" "$base/cyrepo"
say "cloned $(git -C "$base/cyrepo" rev-parse --short HEAD) into $base/cyrepo (mode $(stat -c %a "$base"))"
(cd "$base/cyrepo" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
say "npm ci done"

port="$(free_port)"
start_server root "$base/cyrepo" "$port" "$base/root.log"
wait_for_home "$port" "$base/root.log" 180
say "npm start as root serves the demo on port $port"

# The reset link goes to the running server's port, though this shell has no PORT set.
reset="$(cd "$base/cyrepo" && env -u PORT -u PUBLIC_URL npx cyrepo user reset admin@cyrepo.invalid 2>"$base/reset.err")" || { cat "$base/reset.err" >&2; fail "cyrepo user reset failed"; }
[[ "$reset" =~ ^http://127\.0\.0\.1:$port/reset/[A-Za-z0-9_-]{32}$ ]] || fail "user reset printed \"$reset\", not a link on port $port"
grep -q "base URL http://127.0.0.1:$port from the cyrepo server running on this DATA_DIR" "$base/reset.err" || fail "user reset did not say which base URL it used: $(cat "$base/reset.err")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$reset")" = 200 ] || fail "the reset link $reset does not open"
say "user reset prints a working link on port $port and says why"

stop_server
[ -f "$base/cyrepo/data/pg-owner" ] && fail "the embedded PostgreSQL was left running after SIGTERM"
say "stopped cleanly"

# seed --demo on a fresh DATA_DIR: the same start-up path as serve (the framework the demo needs).
seed="$(cd "$base/cyrepo" && DATA_DIR="$base/fresh-data" npx cyrepo seed --demo 2>&1)" || { printf '%s\n' "$seed" >&2; fail "cyrepo seed --demo on a fresh DATA_DIR failed"; }
[[ "$seed" == *"demo content: 14 laws"* ]] || fail "seed --demo printed: $seed"
say "seed --demo on a fresh DATA_DIR loads the demo"

# --- as a user who is not root ---------------------------------------------------------------------
if [ "${FIRST_RUN_NON_ROOT:-1}" != 0 ] && command -v runuser >/dev/null; then
  id -u "$non_root_user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$non_root_user"
  mkdir -m 700 "$base/home" && chown "$non_root_user:" "$base/home"
  chmod 711 "$base" # the user reaches its own 0700 home below; the root clone stays root's
  # cloned by root and handed over (git refuses to read a repository another user owns), with the
  # node_modules root's `npm ci` installed from the same lockfile (hard links: no second install)
  git clone -q "$repo" "$base/home/cyrepo"
  cp -al "$base/cyrepo/node_modules" "$base/home/cyrepo/node_modules"
  chown -R "$non_root_user:" "$base/home/cyrepo"
  port="$(free_port)"
  start_server "$non_root_user" "$base/home/cyrepo" "$port" "$base/user.log"
  wait_for_home "$port" "$base/user.log" 180
  say "npm start as $non_root_user serves the demo on port $port"
  stop_server
  [ -f "$base/home/cyrepo/data/pg-owner" ] && fail "the embedded PostgreSQL was left running after SIGTERM"
fi

say "passed; cleaning up"
