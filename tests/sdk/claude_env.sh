# Sourced by plugin_validate.sh and claude_mcp_list.sh: runs the Claude Code CLI that package.json pins
# (@anthropic-ai/claude-code, installed by `npm ci` here; its postinstall links the native binary from the
# platform package @anthropic-ai/claude-code-linux-x64 over bin/claude.exe) in a throwaway home, offline.
#
# Sets CLAUDE (the CLI), CLAUDE_HERE (this folder), WORK (a temp dir removed on exit) and OFFLINE (a command
# prefix), and defines claude_run <args...>, which runs the CLI with stdin closed and a 60 s limit.
#
# Isolation: HOME, CLAUDE_CONFIG_DIR (Claude Code keeps settings, .claude.json and plugins there; documented in
# code.claude.com/docs/en/env-vars) and the XDG dirs all point into $WORK, so nothing outside is read or written.
# CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 (same page: turns off autoupdater, telemetry, error reporting) stops
# the telemetry events it otherwise tries to send. Credentials in the caller's environment are dropped.
# Managed settings (/etc/claude-code/managed-settings.json, managed-mcp.json) live outside HOME and cannot be
# redirected; the scripts print a note if that folder exists.
CLAUDE_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -e "$CLAUDE_HERE/node_modules/@anthropic-ai/claude-code/package.json" ]]; then
  echo "Claude Code CLI missing: run 'npm ci' in $CLAUDE_HERE" >&2
  exit 2
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"
export CLAUDE_CONFIG_DIR="$HOME/.claude"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
export XDG_STATE_HOME="$HOME/.local/state"
mkdir -p "$CLAUDE_CONFIG_DIR" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
unset ANTHROPIC_API_KEY ANTHROPIC_AUTH_TOKEN CLAUDE_CODE_OAUTH_TOKEN FACEBOOK_ACCESS_TOKEN FACEBOOK_APP_SECRET || true
[[ -d /etc/claude-code ]] && echo "# note: /etc/claude-code exists; Claude Code reads managed settings from it" >&2

# The wrapper's postinstall copies the native binary over bin/claude.exe; if install scripts did not run, the
# placeholder is left there and the platform package's binary is used directly. When neither runs here (no
# native package for this platform), the CLI is unusable and the test is skipped: exit 77, which ctest reports as
# Skipped (SKIP_RETURN_CODE), never as passed.
CLAUDE=""
for candidate in "$CLAUDE_HERE/node_modules/.bin/claude" \
                 "$CLAUDE_HERE/node_modules/@anthropic-ai/claude-code-linux-x64/claude"; do
  if [[ -x "$candidate" ]] && timeout 60 "$candidate" --version </dev/null >/dev/null 2>&1; then
    CLAUDE="$candidate"
    break
  fi
done
if [[ -z "$CLAUDE" ]]; then
  echo "SKIP: the pinned Claude Code CLI does not run on this machine ($(uname -sm)); 'claude --version' failed"
  exit 77
fi

# No network at all when the kernel lets us make an empty network namespace (root, or unprivileged user
# namespaces); otherwise the run relies on the variable above and says so.
OFFLINE=()
if unshare -n true 2>/dev/null; then
  OFFLINE=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  OFFLINE=(unshare -rn)
fi
if [[ ${#OFFLINE[@]} -gt 0 ]]; then
  echo "# claude $("$CLAUDE" --version </dev/null 2>/dev/null | head -1), run in an empty network namespace" \
       "(${OFFLINE[*]})"
else
  echo "# claude $("$CLAUDE" --version </dev/null 2>/dev/null | head -1), no network namespace here:" \
       "offline by settings only"
fi

claude_run() {
  timeout 60 "${OFFLINE[@]}" "$CLAUDE" "$@" </dev/null
}
