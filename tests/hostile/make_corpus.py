#!/usr/bin/env python3
"""Writes tests/hostile/corpus.jsonl: hostile inputs for the MCP server, one case per line.

Each case is run in a fresh server process by tests/hostile/hostile_test.cpp: it sends `initialize` (unless the
case says not to), the hostile line, then a ping. The hostile line must be answered as the case expects, with a
message naming what was wrong, and the ping must still be answered (the server is alive).

Case fields:
  name        unique, says what is hostile
  line        the raw line to send (a JSON string, so any Unicode text), or
  hex         the raw line as hex bytes (invalid UTF-8, NUL bytes), or
  repeat      {"head", "unit", "count", "tail"}: head + unit*count + tail (huge or deep inputs, kept small here)
  fill        {"marker", "unit", "count"}: with `line`, the marker is replaced by unit*count
  initialize  false to send the line before initialize (default true)
  expect      {"rpc_error": code, "mentions": text}         a JSON-RPC error whose message contains text
              {"tool_error": kind, "path": p, "mentions": text}  a tool result with isError and that error
              {"silent": true}                               no reply (notifications)

Run it after changing an op's schema: python3 tests/hostile/make_corpus.py (the contract test checks it is fresh).
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cases = []


FILL = "@@FILL@@"


def case(name, expect, line=None, hexbytes=None, repeat=None, initialize=True):
    c = {"name": name}
    if line is not None:
        # Long runs of one character are stored as a marker the runner expands, to keep the corpus small.
        for unit, count in [("9", 30000), ("A", 70000), ("A", 40)]:
            run = unit * count
            if count >= 1000 and run in line:
                c["fill"] = {"marker": FILL, "unit": unit, "count": count}
                line = line.replace(run, FILL)
                break
        c["line"] = line
    if hexbytes is not None:
        c["hex"] = hexbytes
    if repeat is not None:
        c["repeat"] = repeat
    if not initialize:
        c["initialize"] = False
    c["expect"] = expect
    cases.append(c)


def rpc_error(code, mentions):
    return {"rpc_error": code, "mentions": mentions}


def tool_error(kind, path, mentions):
    e = {"tool_error": kind, "mentions": mentions}
    if path is not None:
        e["path"] = path
    return e


def request(method, params=None, id_=1, **extra):
    m = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        m["params"] = params
    m.update(extra)
    return json.dumps(m, ensure_ascii=False)


def call(arguments, id_=1):
    return request("tools/call", {"name": "facebook", "arguments": arguments}, id_)


# Values of every JSON type, to put where another type belongs.
WRONG_VALUES = {
    "null": None, "true": True, "integer": 7, "float": 1.5, "string": "x", "array": [1, "a"], "object": {"k": 1},
}

# 1. Not JSON, or not one JSON object.
for name, line in [
    ("truncated object", '{"jsonrpc":"2.0","id":1,"method":"pi'),
    ("trailing garbage", '{"jsonrpc":"2.0","id":1,"method":"ping"} x'),
    ("single quotes", "{'jsonrpc':'2.0','id':1,'method':'ping'}"),
    ("comment inside", '{"jsonrpc":"2.0",/* c */"id":1,"method":"ping"}'),
    ("NaN literal", '{"jsonrpc":"2.0","id":NaN,"method":"ping"}'),
    ("Infinity literal", '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":Infinity}}'),
    ("unquoted key", '{jsonrpc:"2.0","id":1,"method":"ping"}'),
    ("lone brace", "{"),
    ("lone bracket", "["),
    ("control character in string", '{"jsonrpc":"2.0","id":1,"method":"pi\u0001ng"}'),
    ("unterminated string", '{"jsonrpc":"2.0","id":"abc'),
    ("bad escape", '{"jsonrpc":"2.0","id":1,"method":"\\q"}'),
    ("lone high surrogate escape", '{"jsonrpc":"2.0","id":"\\ud800","method":"ping"}'),
    ("two objects on one line", '{"jsonrpc":"2.0","id":1,"method":"ping"}{"jsonrpc":"2.0","id":2,"method":"ping"}'),
    ("number too large", '{"jsonrpc":"2.0","id":1e999999,"method":"ping"}'),
    ("just a comma", ","),
    ("byte order mark then garbage", "\ufeff{oops}"),
]:
    case("syntax: " + name, rpc_error(-32700, "Parse error"), line=line)

for name, hexbytes in [
    ("invalid UTF-8 in a string", b'{"jsonrpc":"2.0","id":"\xff\xfe","method":"ping"}'.hex()),
    ("NUL byte inside", b'{"jsonrpc":"2.0","id":1,"method":"ping"\x00}'.hex()),
    ("overlong UTF-8 encoding", b'{"jsonrpc":"2.0","id":"\xc0\xaf","method":"ping"}'.hex()),
    ("UTF-16 surrogate bytes in UTF-8", b'{"jsonrpc":"2.0","id":"\xed\xa0\x80","method":"ping"}'.hex()),
    ("binary garbage", bytes(range(1, 10)).hex() + "ff80"),
    ("truncated UTF-8 sequence", b'{"jsonrpc":"2.0","id":"\xe2\x82","method":"ping"}'.hex()),
]:
    case("bytes: " + name, rpc_error(-32700, "Parse error"), hexbytes=hexbytes)

for name, line in [("a number", "42"), ("a string", '"ping"'), ("true", "true"), ("null", "null"),
                   ("a float", "3.25")]:
    case("envelope: message is " + name, rpc_error(-32600, "must be a JSON object"), line=line)
for name, line in [("an array (batch)", '[{"jsonrpc":"2.0","id":1,"method":"ping"}]'), ("an empty array", "[]"),
                   ("nested arrays", "[[[]]]")]:
    case("envelope: message is " + name, rpc_error(-32600, "batches are not supported"), line=line)

# 2. Deep and huge.
case("deep: 100,000 nested arrays in params", rpc_error(-32700, "deeper than 64"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":', "unit": "[", "count": 100000,
             "tail": "}}"})
case("deep: 100,000 nested objects", rpc_error(-32700, "deeper than 64"),
     repeat={"head": "", "unit": '{"a":', "count": 100000, "tail": ""})
case("deep: 65 levels in tool args", rpc_error(-32700, "deeper than 64"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"facebook","arguments":'
                     '{"op":"help","args":{"x":', "unit": "[", "count": 65, "tail": ""})
case("huge: a 20 MB line", rpc_error(-32600, "bytes this server accepts"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"', "unit": "a" * 1000,
             "count": 20000, "tail": '"}}'})
case("huge: a 2 MB unknown op", tool_error("InvalidArgs", "op", "op names have at most 64"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"facebook","arguments":{"op":"',
             "unit": "x" * 1000, "count": 2000, "tail": '"}}}'})
case("huge: a 2 MB method name", rpc_error(-32601, "Method not found"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"', "unit": "m" * 1000, "count": 2000, "tail": '"}'})
case("huge: a 1 MB tool name", rpc_error(-32602, "Unknown tool"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"', "unit": "t" * 1000,
             "count": 1000, "tail": '"}}'})
case("huge: a 100 KB string argument", tool_error("InvalidArgs", "args.name", "too long"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"facebook","arguments":'
                     '{"op":"update_campaign","args":{"campaign_id":"120210000000000001","name":"',
             "unit": "n" * 1000, "count": 100, "tail": '"}}}}'})
case("huge: 20,000 array items", tool_error("InvalidArgs", "args.fields", "items, at most"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"facebook","arguments":'
                     '{"op":"get_campaign","args":{"campaign_id":"120210000000000001","fields":["a"',
             "unit": ',"a"', "count": 20000, "tail": "]}}}}"})
case("huge: a 1 KB argument name", tool_error("InvalidArgs", None, "argument name of"),
     repeat={"head": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"facebook","arguments":'
                     '{"op":"list_ad_accounts","args":{"', "unit": "k" * 100, "count": 10, "tail": '":1}}}}'})
case("huge: access_token text in an op name", tool_error("UnknownOp", "op", "unknown op"),
     line=call({"op": "access_token=" + "A" * 40}))
case("huge: 30 KB redaction-shaped argument", tool_error("InvalidArgs", "args.name", "too long"),
     line=call({"op": "update_campaign",
                "args": {"campaign_id": "120210000000000001", "name": "access_token=" + "A" * 70000}}))

# 3. The envelope's fields of the wrong type.
for tname, value in WRONG_VALUES.items():
    if tname != "string":
        case("envelope: jsonrpc is " + tname, rpc_error(-32600, '"jsonrpc" must be the string "2.0"'),
             line=json.dumps({"jsonrpc": value, "id": 1, "method": "ping"}))
    if tname not in ("string", "integer"):
        case("envelope: id is " + tname, rpc_error(-32600, '"id" must be a string or an integer'),
             line=json.dumps({"jsonrpc": "2.0", "id": value, "method": "ping"}))
    if tname != "string":
        case("envelope: method is " + tname, rpc_error(-32600, '"method" must be a string'),
             line=json.dumps({"jsonrpc": "2.0", "id": 1, "method": value}))
for version in ["1.0", "2", "2.0 ", "", "3.0"]:
    case("envelope: jsonrpc is " + json.dumps(version), rpc_error(-32600, '"jsonrpc" must be the string "2.0"'),
         line=json.dumps({"jsonrpc": version, "id": 1, "method": "ping"}))
case("envelope: no jsonrpc", rpc_error(-32600, '"jsonrpc"'), line='{"id":1,"method":"ping"}')
case("envelope: no method", rpc_error(-32600, 'no "method"'), line='{"jsonrpc":"2.0","id":1}')
case("envelope: empty object", rpc_error(-32600, '"jsonrpc"'), line="{}")
case("envelope: empty method", rpc_error(-32601, "Method not found"), line=request(""))
case("envelope: unknown method", rpc_error(-32601, "Method not found"), line=request("tools/destroy"))
case("envelope: id is a huge integer", rpc_error(-32600, '"id" must be a string or an integer'),
     line='{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}')

METHODS = ["initialize", "tools/list", "tools/call", "prompts/list", "prompts/get", "completion/complete",
           "logging/setLevel", "ping"]
for method in METHODS:
    for tname in ["string", "integer", "array", "true"]:
        case(f"params: {method} with params {tname}", rpc_error(-32602, '"params" must be an object'),
             line=request(method, WRONG_VALUES.get(tname, True)))

# 4. Each method's params of the wrong type.
for tname, value in WRONG_VALUES.items():
    if tname not in ("string", "null"):
        case(f"initialize: protocolVersion is {tname}", rpc_error(-32602, "params.protocolVersion must be a string"),
             line=request("initialize", {"protocolVersion": value, "capabilities": {}}))
    if tname not in ("object", "null"):
        case(f"initialize: capabilities is {tname}", rpc_error(-32602, "params.capabilities must be an object"),
             line=request("initialize", {"protocolVersion": "2025-11-25", "capabilities": value}))
        case(f"tools/call: arguments is {tname}", rpc_error(-32602, "params.arguments must be an object"),
             line=request("tools/call", {"name": "facebook", "arguments": value}))
        case(f"tools/call: _meta is {tname}", rpc_error(-32602, "params._meta must be an object"),
             line=request("tools/call", {"name": "facebook", "arguments": {"op": "help"}, "_meta": value}))
        case(f"prompts/get: arguments is {tname}", rpc_error(-32602, "params.arguments must be an object"),
             line=request("prompts/get", {"name": "account_overview", "arguments": value}))
        case(f"completion/complete: argument is {tname}", rpc_error(-32602, "params.argument must be an object"),
             line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"}, "argument": value}))
        case(f"completion/complete: ref is {tname}", rpc_error(-32602, "params.ref must be an object"),
             line=request("completion/complete", {"ref": value, "argument": {"name": "a", "value": ""}}))
        case(f"completion/complete: context is {tname}", rpc_error(-32602, "params.context must be an object"),
             line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"},
                                                  "argument": {"name": "a", "value": ""}, "context": value}))
    if tname not in ("string", "null"):
        case(f"tools/call: name is {tname}", rpc_error(-32602, "params.name must be a string"),
             line=request("tools/call", {"name": value, "arguments": {"op": "help"}}))
        case(f"prompts/get: name is {tname}", rpc_error(-32602, "params.name must be a string"),
             line=request("prompts/get", {"name": value}))
        case(f"logging/setLevel: level is {tname}", rpc_error(-32602, "params.level"),
             line=request("logging/setLevel", {"level": value}))
        case(f"completion/complete: argument.name is {tname}", rpc_error(-32602, "params.argument.name must be a string"),
             line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"},
                                                  "argument": {"name": value, "value": ""}}))
        case(f"completion/complete: argument.value is {tname}",
             rpc_error(-32602, "params.argument.value must be a string"),
             line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"},
                                                  "argument": {"name": "ad_account_id", "value": value}}))
        case(f"prompts/get: an argument value is {tname}", rpc_error(-32602, "params.arguments.ad_account_id"),
             line=request("prompts/get", {"name": "account_overview", "arguments": {"ad_account_id": value}}))
        case(f"completion/complete: a context argument is {tname}",
             rpc_error(-32602, "params.context.arguments.ad_account_id"),
             line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"},
                                                  "argument": {"name": "campaign_id", "value": ""},
                                                  "context": {"arguments": {"ad_account_id": value}}}))
    if tname not in ("string", "integer", "null"):
        case(f"tools/call: progressToken is {tname}", rpc_error(-32602, "progressToken must be a string or an integer"),
             line=request("tools/call", {"name": "facebook", "arguments": {"op": "help"},
                                         "_meta": {"progressToken": value}}))
case("tools/call: no name", rpc_error(-32602, "params.name is required"), line=request("tools/call", {}))
case("tools/call: no params at all", rpc_error(-32602, "params.name is required"), line=request("tools/call"))
case("tools/call: another tool", rpc_error(-32602, "Unknown tool"), line=request("tools/call", {"name": "twitter"}))
case("prompts/get: no name", rpc_error(-32602, "params.name is required"), line=request("prompts/get", {}))
case("prompts/get: unknown prompt", rpc_error(-32602, "unknown prompt"),
     line=request("prompts/get", {"name": "no_such_prompt"}))
case("completion/complete: no ref", rpc_error(-32602, "params.ref is required"),
     line=request("completion/complete", {"argument": {"name": "a", "value": ""}}))
case("completion/complete: no argument", rpc_error(-32602, "params.argument is required"),
     line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"}}))
case("completion/complete: argument without name", rpc_error(-32602, "params.argument.name is required"),
     line=request("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"}, "argument": {"value": "1"}}))
for level in ["loud", "", "DEBUG ", "verbose"]:
    case(f"logging/setLevel: level {json.dumps(level)}", rpc_error(-32602, "params.level must be one of"),
         line=request("logging/setLevel", {"level": level}))
case("logging/setLevel: no level", rpc_error(-32602, "params.level must be one of"),
     line=request("logging/setLevel", {}))

# 5. Lifecycle: only ping before initialize.
for method, params in [("tools/call", {"name": "facebook", "arguments": {"op": "list_ad_accounts"}}),
                       ("tools/list", {}), ("prompts/list", {}), ("logging/setLevel", {"level": "debug"}),
                       ("prompts/get", {"name": "account_overview"}),
                       ("tools/call", {"name": "facebook", "arguments": {"op": "pause_campaign",
                                                                         "args": {"campaign_id": "120210000000000001"}}})]:
    what = params.get("arguments", {}).get("op", "") if method == "tools/call" else ""
    case(f"lifecycle: {method} {what} before initialize".replace("  ", " "), rpc_error(-32600, "not initialized"),
         line=request(method, params), initialize=False)
case("lifecycle: unknown method before initialize", rpc_error(-32601, "Method not found"),
     line=request("server/discover"), initialize=False)

# 6. Notifications never get a reply, whatever their params.
for name, params in [("params a string", "7"), ("requestId an object", {"requestId": {"a": 1}}),
                     ("requestId null", {"requestId": None}), ("no params", None), ("params an array", [1]),
                     ("requestId a float", {"requestId": 1.5}), ("reason an object", {"requestId": 1, "reason": {}})]:
    msg = {"jsonrpc": "2.0", "method": "notifications/cancelled"}
    if params is not None:
        msg["params"] = params
    case("notification: cancelled with " + name, {"silent": True}, line=json.dumps(msg))
case("notification: unknown method", {"silent": True}, line='{"jsonrpc":"2.0","method":"notifications/what"}')
case("notification: method an integer", rpc_error(-32600, '"method" must be a string'),
     line='{"jsonrpc":"2.0","method":5}')
case("response: unknown string id", {"silent": True}, line='{"jsonrpc":"2.0","id":"srv-99","result":{"action":"accept"}}')
case("response: result a string", {"silent": True}, line='{"jsonrpc":"2.0","id":"srv-1","result":"x"}')
case("response: error an integer", {"silent": True}, line='{"jsonrpc":"2.0","id":3,"error":5}')

# 7. The tool's own envelope.
for tname, value in WRONG_VALUES.items():
    if tname != "string":
        case(f"tool: op is {tname}", tool_error("InvalidArgs", "op", "needs {\"op\""), line=call({"op": value}))
    if tname not in ("object", "null"):
        case(f"tool: args is {tname}", tool_error("InvalidArgs", "args", "args must be an object"),
             line=call({"op": "list_ad_accounts", "args": value}))
case("tool: no op", tool_error("InvalidArgs", "op", "needs {\"op\""), line=call({}))
case("tool: empty op", tool_error("UnknownOp", "op", "unknown op"), line=call({"op": ""}))
case("tool: unknown op", tool_error("UnknownOp", "op", "unknown op"), line=call({"op": "drop_database"}))
case("tool: op with odd characters", tool_error("UnknownOp", "op", "unknown op"), line=call({"op": "list\u0000campaigns\u202e"}))
for tname, value in WRONG_VALUES.items():
    if tname not in ("string", "null"):
        case(f"tool: describe with op {tname}", tool_error("InvalidArgs", "args.op", "must be a string"),
             line=call({"op": "describe", "args": {"op": value}}))
case("tool: describe an unknown op", tool_error("InvalidArgs", "args.op", "is not one"),
     line=call({"op": "describe", "args": {"op": "nope"}}))

# 8. Every op's args, wrong one at a time (from the op schemas; the registry adds dry_run and confirm).
SAMPLE = {"string": "x", "integer": 3, "boolean": True, "array": [], "object": {}, "number": 2.5}
WRONG_FOR = {"string": 12345, "integer": "ten", "boolean": "yes", "array": "not-a-list", "object": "not-an-object",
             "number": "two"}


def referenced(target, definitions):
    """"#/definitions/<name>" or "ops/<op>.json#/<pointer>" (another op's fields), as the registry resolves them."""
    if target.startswith("#/definitions/"):
        return definitions[target[len("#/definitions/"):]]
    file, pointer = target.split("#", 1)
    with open(os.path.join(ROOT, "schemas", file), encoding="utf-8") as f:
        node = json.load(f)
    for part in pointer.strip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def inline_definitions(node, definitions):
    """{"$ref": "#/definitions/<name>", …} → the shared definition with the sibling keys laid over it, as the
    registry does (src/tool/schema_definitions.cpp), so the cases see the schema the server validates with."""
    if isinstance(node, list):
        return [inline_definitions(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    if "$ref" in node:
        out = inline_definitions(referenced(node["$ref"], definitions), definitions)
    for key, value in node.items():
        if key != "$ref":
            out[key] = inline_definitions(value, definitions)
    return out


def load_ops():
    with open(os.path.join(ROOT, "schemas", "definitions.json"), encoding="utf-8") as f:
        definitions = json.load(f)["definitions"]
    ops = {}
    folder = os.path.join(ROOT, "schemas", "ops")
    for file in sorted(os.listdir(folder)):
        if file.endswith(".json"):
            with open(os.path.join(folder, file), encoding="utf-8") as f:
                ops[file[:-5]] = inline_definitions(json.load(f), definitions)
    return ops


for op, schema in load_ops().items():
    base = dict((schema.get("examples") or [{}])[0])
    props = schema.get("properties", {})
    for prop in props:
        node = props[prop]
        ptype = node.get("type")
        args = dict(base)
        if ptype in WRONG_FOR:
            args[prop] = WRONG_FOR[ptype]
            case(f"{op}: {prop} of the wrong type", tool_error("InvalidArgs", "args." + prop, "args." + prop),
                 line=call({"op": op, "args": args}))
        if "enum" in node:
            args = dict(base, **{prop: "NOT_A_VALUE"})
            case(f"{op}: {prop} not an allowed value", tool_error("InvalidArgs", "args." + prop, "not an allowed value"),
                 line=call({"op": op, "args": args}))
        if ptype == "string" and "pattern" in node:
            args = dict(base, **{prop: "!not valid!"})
            case(f"{op}: {prop} not matching its pattern", tool_error("InvalidArgs", "args." + prop, "args." + prop),
                 line=call({"op": op, "args": args}))
            args = dict(base, **{prop: "9" * 30000})
            case(f"{op}: {prop} 30 KB long", tool_error("InvalidArgs", "args." + prop, "too long"),
                 line=call({"op": op, "args": args}))
        if ptype == "integer" and "minimum" in node:
            args = dict(base, **{prop: node["minimum"] - 1})
            case(f"{op}: {prop} below its minimum", tool_error("InvalidArgs", "args." + prop, "args." + prop),
                 line=call({"op": op, "args": args}))
        if ptype == "integer" and "maximum" in node:
            args = dict(base, **{prop: node["maximum"] + 1})
            case(f"{op}: {prop} above its maximum", tool_error("InvalidArgs", "args." + prop, "args." + prop),
                 line=call({"op": op, "args": args}))
        if ptype == "array" and "items" in node:
            item_type = node["items"].get("type")
            if item_type in WRONG_FOR:
                args = dict(base, **{prop: [WRONG_FOR[item_type]]})
                case(f"{op}: {prop} item of the wrong type",
                     tool_error("InvalidArgs", "args." + prop + "[0]", "args." + prop + "[0]"),
                     line=call({"op": op, "args": args}))
        if "oneOf" in node:
            args = dict(base, **{prop: {"amount": 25.5}})
            case(f"{op}: {prop} as a float amount", tool_error("InvalidArgs", None, prop),
                 line=call({"op": op, "args": args}))
            args = dict(base, **{prop: 25.5})
            case(f"{op}: {prop} as a bare number", tool_error("InvalidArgs", "args." + prop, prop),
                 line=call({"op": op, "args": args}))
    for prop in schema.get("required", []):
        args = {k: v for k, v in base.items() if k != prop}
        case(f"{op}: {prop} missing", tool_error("InvalidArgs", "args." + prop, "is required"),
             line=call({"op": op, "args": args}))
    case(f"{op}: an unknown argument", tool_error("InvalidArgs", "args.bogus", "is not an argument"),
         line=call({"op": op, "args": dict(base, bogus=1)}))
    case(f"{op}: dry_run a string", tool_error("InvalidArgs", None, "dry_run"),
         line=call({"op": op, "args": dict(base, dry_run="yes")}))

names = [c["name"] for c in cases]
dupes = {n for n in names if names.count(n) > 1}
if dupes:
    sys.exit("duplicate case names: " + ", ".join(sorted(dupes)))
out = os.path.join(ROOT, "tests", "hostile", "corpus.jsonl")
with open(out, "w", encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases written to {os.path.relpath(out, ROOT)}")
