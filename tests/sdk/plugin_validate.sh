#!/usr/bin/env bash
# Validate the Claude Code plugin in plugin/ and its one-plugin marketplace with the pinned Claude Code CLI:
#
#   bash tests/sdk/plugin_validate.sh          (ctest entry: claude_plugin_validate)
#
# `claude plugin validate <path> --strict` (code.claude.com/docs/en/plugins/cli-reference) exits 1 on errors and,
# with --strict, on warnings too. plugin/ holds both manifests, and for a folder holding a marketplace.json the
# CLI validates the marketplace only, so each manifest file is named explicitly (the CLI then says
# "Validating plugin manifest" / "Validating marketplace manifest"). --json gives the same result as a report,
# used to check that each run looked at the right kind of manifest and saw the plugin's MCP server.
# A control run on a copy of the marketplace without its description must fail, so a CLI that passes
# everything cannot make this test pass. Exit status: 0 if every check passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/claude_env.sh"
PLUGIN="$(cd "$CLAUDE_HERE/../../plugin" && pwd)"

PASS=0
FAIL=0
check() {  # check <name> <command...>
  local name="$1"; shift
  if "$@"; then PASS=$((PASS + 1)); echo "ok - $name"; else FAIL=$((FAIL + 1)); echo "not ok - $name"; fi
}

# validate <manifest> <kind>: the human report (printed), then the JSON report checked for kind and content.
validate() {
  local manifest="$1" kind="$2" rc=0
  echo "\$ claude plugin validate plugin${manifest#"$PLUGIN"} --strict"
  claude_run plugin validate "$manifest" --strict || rc=$?
  [[ $rc -eq 0 ]] || { echo "  (exit code $rc)"; return 1; }
  claude_run plugin validate "$manifest" --strict --json >"$WORK/report.json" || return 1
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const kind = process.argv[2];
    const problems = [];
    if (r.success !== true || r.strict !== true) problems.push("success/strict not true");
    if (r.manifest?.type !== kind) problems.push(`validated a ${r.manifest?.type}, want ${kind}`);
    if ((r.manifest?.errors ?? []).length || (r.manifest?.warnings ?? []).length) problems.push("errors or warnings");
    if (kind === "plugin") {
      const s = (r.provides?.mcpServers ?? []).find((m) => m.name === "facebook");
      if (!s || s.type !== "stdio" || s.target !== "${CLAUDE_PLUGIN_ROOT}/bin/facebook-mcp")
        problems.push("mcpServers.facebook missing or not ${CLAUDE_PLUGIN_ROOT}/bin/facebook-mcp over stdio");
    }
    if (problems.length) { console.log("  JSON report: " + problems.join("; ")); process.exit(1); }
  ' "$WORK/report.json" "$kind"
}

# The .mcp.json env values must keep the ${VAR:-} form: an unset ${VAR} reaches the server as literal text.
mcp_json_defaults() {
  node -e '
    const env = require(process.argv[1]).mcpServers.facebook.env;
    const bad = Object.entries(env).filter(([k, v]) => v !== "${" + k + ":-}");
    if (bad.length) { console.log("  not ${VAR:-}: " + bad.map(([k]) => k).join(", ")); process.exit(1); }
  ' "$PLUGIN/.mcp.json"
}

# Control: the same marketplace without its description must be refused under --strict.
control_fails() {
  mkdir -p "$WORK/control/.claude-plugin"
  node -e '
    const m = require(process.argv[1]); delete m.description; delete m.metadata;
    require("fs").writeFileSync(process.argv[2], JSON.stringify(m));
  ' "$PLUGIN/.claude-plugin/marketplace.json" "$WORK/control/.claude-plugin/marketplace.json"
  local rc=0
  claude_run plugin validate "$WORK/control/.claude-plugin/marketplace.json" --strict >"$WORK/control.out" 2>&1 || rc=$?
  [[ $rc -eq 1 ]] && grep -q "description" "$WORK/control.out"
}

check "plugin manifest: claude plugin validate --strict passes" validate "$PLUGIN/.claude-plugin/plugin.json" plugin
check "marketplace manifest: claude plugin validate --strict passes" \
  validate "$PLUGIN/.claude-plugin/marketplace.json" marketplace
check "plugin/ folder (the CLI resolves it to the marketplace): --strict passes" validate "$PLUGIN" marketplace
check ".mcp.json passes the token and app secret as \${VAR:-}" mcp_json_defaults
check "control: a marketplace without a description fails --strict (exit 1)" control_fails

echo "claude_plugin_validate: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
