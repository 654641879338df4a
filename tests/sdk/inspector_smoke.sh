#!/usr/bin/env bash
# Smoke-test facebook-mcp with the official MCP Inspector CLI (@modelcontextprotocol/inspector,
# pinned in package.json, installed by `npm ci` in this folder; nothing is downloaded here).
#
#   bash tests/sdk/inspector_smoke.sh build/facebook-mcp      (ctest entry: inspector_cli)
#
# Each check runs the Inspector CLI against the stdio binary (FACEBOOK_MODE=fake) with
# --format json -q and checks its JSON output and exit code. Exit status: 0 if all pass.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/script_setup.sh"
INSPECTOR="$HERE/node_modules/.bin/inspector"
[[ -x "$INSPECTOR" ]] || { echo "Inspector CLI missing: run 'npm ci' in $HERE" >&2; exit 2; }

# Inspector v2 needs Node >= 22.19.
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=19)?0:1)' || {
  echo "Inspector v2 needs Node >= 22.19, found $(node --version)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Keep the Inspector's catalog / client config / OAuth store out of the real home directory.
export HOME="$WORK/home"
mkdir -p "$HOME"
unset FACEBOOK_ACCESS_TOKEN || true

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
notok() {
  FAIL=$((FAIL + 1)); echo "not ok - $1"
  if [[ -s "$WORK/out" ]]; then echo "  stdout: $(head -c 1500 "$WORK/out")"; fi
  if [[ -s "$WORK/err" ]]; then echo "  stderr: $(head -c 1500 "$WORK/err")"; fi
}

# run <inspector args...>: runs the CLI against the fake server; sets RC, output in $WORK/out, $WORK/err.
run() {
  set +e
  timeout 60 "$INSPECTOR" --cli -e FACEBOOK_MODE=fake "$BIN" "$@" --format json -q >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  set -e
}

# expect <name> <want-exit-code> <js expression over r = JSON of stdout (or e = JSON of stderr)>
expect() {
  local name="$1" want="$2" expr="$3"
  if [[ "$RC" != "$want" ]]; then notok "$name (exit code $RC, want $want)"; return; fi
  if node -e '
    const fs = require("fs");
    const parse = (f) => { const s = fs.readFileSync(f, "utf8").trim(); return s ? JSON.parse(s) : undefined; };
    const r = parse(process.argv[1]);
    let e; try { e = parse(process.argv[2]); } catch { e = undefined; }
    const ok = (0, eval)("(r, e) => (" + process.argv[3] + ")")(r, e);
    process.exit(ok ? 0 : 1);
  ' "$WORK/out" "$WORK/err" "$expr" 2>>"$WORK/err"; then
    ok "$name"
  else
    notok "$name: expected $expr"
  fi
}

echo "# Inspector CLI $("$INSPECTOR" --cli --version 2>/dev/null | head -1) on node $(node --version) against $BIN"

run --method initialize
expect "initialize: serverInfo facebook-mcp, protocol 2025-11-25, tools/prompts/logging/completions" 0 \
  'r.result.serverInfo.name === "facebook-mcp" && r.result.protocolVersion === "2025-11-25"
   && ["tools","prompts","logging","completions"].every((k) => r.result.capabilities[k])
   && /fake mode/i.test(r.result.instructions)'

run --method tools/list --strict
expect "tools/list --strict: one tool facebook, op enum, no outputSchema, no portability errors" 0 \
  'r.result.tools.length === 1 && r.result.tools[0].name === "facebook"
   && r.result.tools[0].inputSchema.type === "object"
   && ["help","describe","list_campaigns","create_campaign"].every((o) => r.result.tools[0].inputSchema.properties.op.enum.includes(o))
   && r.result.tools[0].outputSchema === undefined'

run --method tools/call --tool-name facebook --tool-arg op=help
expect "tools/call op=help: ok, fake mode, lists the campaign ops" 0 \
  'r.result.isError !== true && r.result.structuredContent.ok === true && r.result.structuredContent.mode === "fake"
   && r.result.structuredContent.op === "help"
   && r.result.structuredContent.data.families.campaigns.some((f) => f.op === "resume_campaign")
   && r.result.content.some((c) => c.type === "text" && c.text.includes("list_campaigns"))'

run --method tools/call --tool-name facebook \
  --tool-args-json '{"op":"list_campaigns","args":{"ad_account_id":"act_1029384756102938","limit":3}}'
expect "tools/call list_campaigns via --tool-args-json: 3 USD campaigns, paging.after, string money" 0 \
  'r.result.isError !== true && r.result.structuredContent.ok === true
   && r.result.structuredContent.data.items.length === 3
   && r.result.structuredContent.data.currency === "USD"
   && typeof r.result.structuredContent.paging.after === "string"
   && r.result.structuredContent.data.items.every((c) => /^[0-9]+$/.test(c.id)
        && [c.daily_budget, c.lifetime_budget].every((m) => m === undefined || /^[0-9]+(\.[0-9]+)?$/.test(m)))'

run --method tools/call --tool-name facebook --tool-args-json '{"op":"list_campaigns"}'
expect "tool error (list_campaigns without args) exits 5 with tool_is_error; result names args.ad_account_id" 5 \
  'e && e.error && e.error.code === "tool_is_error"
   && (r === undefined || (r.result.isError === true && r.result.structuredContent.error.path === "args.ad_account_id"))'

run --method tools/call --tool-name no_such_tool --tool-args-json '{}'
expect "unknown tool exits 5 with tool_not_found" 5 'e && e.error && e.error.code === "tool_not_found"'

run --method prompts/list
expect "prompts/list: account_overview (ad_account_id required), launch_campaign_safely, tidy_campaigns" 0 \
  '["account_overview","launch_campaign_safely","tidy_campaigns"].every((n) => r.result.prompts.some((p) => p.name === n))
   && r.result.prompts.find((p) => p.name === "account_overview").arguments.some((a) => a.name === "ad_account_id" && a.required === true)'

run --method prompts/get --prompt-name account_overview --prompt-args ad_account_id=act_2038475610293847
expect "prompts/get account_overview: user text message with the account id" 0 \
  'r.result.messages[0].role === "user" && r.result.messages[0].content.type === "text"
   && r.result.messages[0].content.text.includes("act_2038475610293847")'

run --method prompts/get --prompt-name account_overview
expect "prompts/get without the required argument fails (exit 1)" 1 \
  'e && e.error && /ad_account_id/.test(e.error.message)'

run --method logging/setLevel --log-level debug
expect "logging/setLevel debug: empty result" 0 'JSON.stringify(r.result) === "{}"'

# Server flags go before `--`: run the server as `facebook-mcp --fake` (no env var this time).
set +e
timeout 60 env -u FACEBOOK_MODE "$INSPECTOR" --cli "$BIN" --fake -- --method tools/call --tool-name facebook \
  --tool-args-json '{"op":"list_ad_accounts","args":{}}' --format json -q >"$WORK/out" 2>"$WORK/err" </dev/null
RC=$?
set -e
expect "server flag --fake before --: list_ad_accounts in fake mode has USD, EUR, JPY" 0 \
  'r.result.structuredContent.mode === "fake"
   && ["USD","EUR","JPY"].every((c) => r.result.structuredContent.data.items.some((a) => a.currency === c))'

echo "inspector_cli: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
