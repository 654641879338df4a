#!/usr/bin/env bash
# Claude Code itself starts facebook-mcp and reports it Connected, offline, with no login:
#
#   bash tests/sdk/claude_mcp_list.sh build/facebook-mcp      (ctest entry: claude_mcp_list)
#
# `claude mcp list` runs a health check: it starts every configured server, does the MCP handshake and prints
# "<name>: <command> - ✔ Connected" or "✘ Failed to connect". It needs neither an account nor the network
# (checked with 2.1.330 in an empty network namespace; the commands are in code.claude.com/docs/en/mcp), but it
# exits 0 whatever the servers do, so this script reads the lines. Everything happens in a throwaway home
# (claude_env.sh). Checks:
#   1. `claude mcp add -s user facebook -- <bin>` writes the isolated config; list and get say Connected.
#   2. The plugin, installed the documented way (binary copied to bin/facebook-mcp-bin, then
#      `claude plugin marketplace add` + `claude plugin install`), shows as plugin:facebook-mcp:facebook, Connected:
#      the launcher, ${CLAUDE_PLUGIN_ROOT} and the ${FACEBOOK_ACCESS_TOKEN:-} forms of .mcp.json all work.
#   3. Controls that must fail, so a list that always says Connected cannot pass: a server given an unexpanded
#      ${FACEBOOK_ACCESS_TOKEN} (the server refuses to start) and a missing command.
# Exit status: 0 if all pass; 77 (ctest: Skipped) only when the pinned CLI cannot run on this machine at all.
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 <path/to/facebook-mcp>" >&2
  exit 2
fi
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ -x "$BIN" ]] || { echo "server binary not found or not executable: $BIN" >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/claude_env.sh"
PLUGIN_SRC="$(cd "$CLAUDE_HERE/../../plugin" && pwd)"
# A project folder of our own, so no .mcp.json or .claude/ of the checkout is picked up.
mkdir -p "$WORK/project"
cd "$WORK/project"
export FACEBOOK_MCP_DATA_DIR="$WORK/data"   # the server's store, also kept inside the throwaway dir

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
notok() { FAIL=$((FAIL + 1)); echo "not ok - $1"; [[ -s "$WORK/out" ]] && sed 's/^/  | /' "$WORK/out"; return 0; }

# run <claude args...>: output (stdout + stderr) in $WORK/out, exit code in RC.
run() {
  set +e
  claude_run "$@" >"$WORK/out" 2>&1
  RC=$?
  set -e
}
# line_for <server name>: the `claude mcp list` line of that server.
line_for() { awk -v p="$1: " 'index($0, p) == 1 {print; exit}' "$WORK/list"; }

run mcp add -s user facebook -- "$BIN"
if [[ $RC -eq 0 ]] && grep -q '"facebook"' "$CLAUDE_CONFIG_DIR/.claude.json" 2>/dev/null; then
  ok "claude mcp add -s user facebook writes the isolated config ($CLAUDE_CONFIG_DIR/.claude.json)"
else
  notok "claude mcp add -s user facebook (exit $RC)"
fi
run mcp add -s user control-placeholder -e 'FACEBOOK_ACCESS_TOKEN=${FACEBOOK_ACCESS_TOKEN}' -- "$BIN"
run mcp add -s user control-missing -- "$WORK/no-such-server"

# The plugin as a user installs it: a copy of plugin/ with the binary beside the launcher.
cp -R "$PLUGIN_SRC" "$WORK/plugin"
cp "$BIN" "$WORK/plugin/bin/facebook-mcp-bin"
run plugin marketplace add "$WORK/plugin"
[[ $RC -eq 0 ]] && ok "claude plugin marketplace add <plugin copy>" || notok "claude plugin marketplace add (exit $RC)"
run plugin install facebook-mcp@facebook-mcp-marketplace
[[ $RC -eq 0 ]] && ok "claude plugin install facebook-mcp@facebook-mcp-marketplace" \
  || notok "claude plugin install (exit $RC)"

echo "\$ claude mcp list"
run mcp list
cp "$WORK/out" "$WORK/list"
sed 's/^/  | /' "$WORK/list"

# Whether the CLI did a health check at all: the missing command must be reported as failed.
missing="$(line_for control-missing)"
if [[ "$missing" == *"Failed to connect"* ]]; then
  ok "control: a missing command is listed as Failed to connect"
else
  notok "control: no health-check line for the missing command (exit $RC): '$missing'"
fi
placeholder="$(line_for control-placeholder)"
if [[ "$placeholder" == *"Failed to connect"* ]]; then
  ok "control: the server refuses an unexpanded \${FACEBOOK_ACCESS_TOKEN} and is listed as Failed to connect"
else
  notok "control: unexpanded placeholder not reported as failed: '$placeholder'"
fi
line="$(line_for facebook)"
if [[ "$line" == "facebook: $BIN"*"✔ Connected"* ]]; then
  ok "claude mcp list: facebook: <bin> - ✔ Connected"
else
  notok "claude mcp list: facebook not Connected: '$line'"
fi
line="$(line_for plugin:facebook-mcp:facebook)"
if [[ "$line" == *"/bin/facebook-mcp"*"✔ Connected"* ]]; then
  ok "claude mcp list: the installed plugin's server plugin:facebook-mcp:facebook is Connected"
else
  notok "claude mcp list: plugin:facebook-mcp:facebook not Connected: '$line'"
fi

run mcp get facebook
if [[ $RC -eq 0 ]] && grep -q "Status: ✔ Connected" "$WORK/out" && grep -qF "Command: $BIN" "$WORK/out"; then
  ok "claude mcp get facebook: Status ✔ Connected"
else
  notok "claude mcp get facebook (exit $RC)"
fi

echo "claude_mcp_list: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
