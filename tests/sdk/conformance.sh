#!/usr/bin/env bash
# Run the official MCP conformance suite (@modelcontextprotocol/conformance) against facebook-mcp.
# The suite speaks only Streamable HTTP, so mcp-proxy bridges the stdio binary on 127.0.0.1.
# Both are pinned in package.json and installed by `npm ci` in this folder.
#
#   bash tests/sdk/conformance.sh build/facebook-mcp           (ctest entry: mcp_conformance)
#
# Passes when:
#   - the generic scenarios all pass: server-initialize, ping, logging-set-level,
#     completion-complete, tools-list, prompts-list;
#   - every other failure is listed in conformance-baseline.yml (the suite's own baseline check),
#     and fails only because the reference fixtures are absent (Unknown tool: test_…, unknown
#     prompt 'test_…', resources Method not found) or, for dns-rebinding-protection, because the
#     bridge does not validate Host. Any other failure text means a server bug.
# Results go to a temporary directory (printed), never into the repository.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/script_setup.sh"
PROXY="$HERE/node_modules/.bin/mcp-proxy"
CONFORMANCE="$HERE/node_modules/.bin/conformance"
BASELINE="$HERE/conformance-baseline.yml"
GENERIC="server-initialize ping logging-set-level completion-complete tools-list prompts-list"

[[ -x "$PROXY" && -x "$CONFORMANCE" ]] || { echo "mcp-proxy/conformance missing: run 'npm ci' in $HERE" >&2; exit 2; }

# conformance 0.1.16 needs Node >= 22 (fs.globSync).
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' || {
  echo "conformance needs Node >= 22, found $(node --version)" >&2; exit 2; }

WORK="$(mktemp -d)"
PROXY_PID=""
stop_proxy() {
  [[ -n "$PROXY_PID" ]] || return 0
  # The proxy runs in its own session/process group (setsid), so its stdio children go with it.
  kill -TERM -- "-$PROXY_PID" 2>/dev/null || kill -TERM "$PROXY_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$PROXY_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$PROXY_PID" 2>/dev/null || true
  wait "$PROXY_PID" 2>/dev/null || true
  PROXY_PID=""
}
cleanup() {
  stop_proxy
  # Keep results for a failed run; remove them after a clean one.
  if [[ "${KEEP_RESULTS:-1}" == 0 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
port_open() {
  node -e 'const c = require("net").connect(Number(process.argv[1]), "127.0.0.1");
           c.on("connect", () => { c.end(); process.exit(0); }); c.on("error", () => process.exit(1));
           setTimeout(() => process.exit(1), 1000);' "$1"
}

# Start the bridge; retry with a new port if another process grabbed ours first (bounded).
PORT=""
for attempt in 1 2 3; do
  PORT="$(free_port)"
  unset FACEBOOK_ACCESS_TOKEN || true
  FACEBOOK_MODE=fake setsid "$PROXY" --host 127.0.0.1 --port "$PORT" --server stream -- "$BIN" \
    >"$WORK/proxy.log" 2>&1 </dev/null &
  PROXY_PID=$!
  up=0
  for _ in $(seq 1 60); do # at most 30 s
    if ! kill -0 "$PROXY_PID" 2>/dev/null; then break; fi
    if port_open "$PORT"; then up=1; break; fi
    sleep 0.5
  done
  if [[ $up == 1 ]]; then break; fi
  echo "# mcp-proxy did not come up on 127.0.0.1:$PORT (attempt $attempt):"; sed 's/^/#   /' "$WORK/proxy.log" | tail -20
  stop_proxy
done
[[ -n "$PROXY_PID" ]] || { echo "could not start mcp-proxy" >&2; exit 1; }

URL="http://127.0.0.1:$PORT/mcp"
echo "# mcp-proxy $("$PROXY" --version 2>/dev/null) (pid $PROXY_PID) bridging $BIN at $URL"
echo "# conformance $("$CONFORMANCE" --version 2>/dev/null), node $(node --version), results in $WORK/results"

set +e
(cd "$WORK" && timeout 240 "$CONFORMANCE" server --url "$URL" --suite active \
  --expected-failures "$BASELINE" -o "$WORK/results") >"$WORK/conformance.log" 2>&1
SUITE_RC=$?
set -e
stop_proxy
# The suite's summary (all of its output if it failed), indented so its own
# "Total: N passed, M failed" line is not mistaken for this test's tally.
if [[ $SUITE_RC -eq 0 ]]; then
  sed -n '/=== SUMMARY ===/,$p' "$WORK/conformance.log"
else
  cat "$WORK/conformance.log"
fi | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' -e 's/^/  | /'


set +e
node - "$WORK/results" "$GENERIC" <<'EOF'
const fs = require("fs");
const path = require("path");
const [dir, genericList] = process.argv.slice(2);
const generic = genericList.split(" ");
const fixtureOnly = /Unknown tool: test_|unknown prompt '?test_|Method not found|Expected HTTP 4xx for invalid Host\/Origin/;
const dirs = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
const byScenario = new Map();
for (const d of dirs) {
  const m = /^server-(.+)-\d{4}-\d\d-\d\dT/.exec(d);
  if (!m) continue;
  const file = path.join(dir, d, "checks.json");
  if (fs.existsSync(file)) byScenario.set(m[1], JSON.parse(fs.readFileSync(file, "utf8")));
}
let pass = 0, fail = 0;
for (const s of generic) {
  const checks = byScenario.get(s);
  const bad = (checks ?? []).filter((c) => c.status === "FAILURE" || c.status === "WARNING");
  if (checks && checks.some((c) => c.status === "SUCCESS") && bad.length === 0) {
    pass++; console.log(`ok - ${s}: ${checks.filter((c) => c.status === "SUCCESS").length} check(s) passed`);
  } else {
    fail++; console.log(`not ok - ${s}: ${checks ? bad.map((c) => `${c.id} ${c.status}: ${c.errorMessage}`).join("; ") || "no SUCCESS check" : "no results"}`);
  }
}
for (const [s, checks] of byScenario) {
  if (generic.includes(s)) continue;
  const odd = checks.filter((c) => (c.status === "FAILURE" || c.status === "WARNING") && !fixtureOnly.test(c.errorMessage ?? ""));
  if (odd.length) {
    fail++;
    for (const c of odd) console.log(`not ok - ${s}: unexpected failure reason: ${c.id} ${c.status}: ${c.errorMessage}`);
  }
}
console.log(`# ${byScenario.size} scenarios ran; ${pass} of ${generic.length} generic ones passed`);
if (byScenario.size === 0) { console.log("not ok - no scenario results were written"); fail++; }
fs.writeFileSync(path.join(dir, "..", "tally"), `${pass} ${fail}\n`);
process.exit(fail === 0 ? 0 : 1);
EOF
CHECK_RC=$?
set -e

read -r PASS FAIL <"$WORK/tally" 2>/dev/null || { PASS=0; FAIL=1; }
if [[ $SUITE_RC -eq 0 ]]; then
  PASS=$((PASS + 1)); echo "ok - conformance suite matches conformance-baseline.yml"
else
  FAIL=$((FAIL + 1))
  echo "not ok - conformance baseline check failed (exit $SUITE_RC): see 'Unexpected failures' / 'Stale baseline entries' above"
  echo "# proxy log:"; sed 's/^/#   /' "$WORK/proxy.log" | tail -30
fi
if [[ $FAIL -ne 0 || $CHECK_RC -ne 0 ]]; then
  echo "# results kept in $WORK"
  echo "mcp_conformance: $PASS passed, $FAIL failed"
  exit 1
fi
KEEP_RESULTS=0
echo "mcp_conformance: $PASS passed, $FAIL failed"
