// Protocol tests for facebook-mcp driven by the official MCP TypeScript SDK v1 client
// (@modelcontextprotocol/sdk, pinned in package.json) over stdio.
//
//   node --test tests/sdk/sdk_client.test.mjs          (ctest entry: sdk_client)
//   MCP_SERVER_BIN=/path/to/facebook-mcp node --test tests/sdk/sdk_client.test.mjs
//
// Every client gets its own server process (the fake Graph world lives in the process),
// FACEBOOK_MODE=fake, and is closed in an after() hook.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN, startFakeGraph } from "./fake_graph.mjs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  ElicitRequestSchema,
  EmptyResultSchema,
  LoggingMessageNotificationSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";


const USD = "act_1029384756102938";
const EUR = "act_2038475610293847";
const JPY = "act_3047561029384756";
const ACTIVE_USD_CAMPAIGN = "120210000000000001";
const T = { timeout: 20_000 }; // per test; the whole file runs in a few seconds

// ---------------------------------------------------------------- helpers

const openClients = new Set();

/** Start the server binary and connect an SDK client to it. */
async function startClient({ name = "sdk-client-test", elicitation = null, deferResponses = false, liveGraph = null } = {}) {
  assert.ok(existsSync(BIN), `server binary not found: ${BIN} (set MCP_SERVER_BIN or build with ninja -C build)`);
  const capabilities = elicitation ? { elicitation: {} } : {};
  const client = new Client({ name, version: "0.0.1" }, { capabilities });
  const logs = [];
  const elicitations = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
  if (elicitation) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      elicitations.push(req.params);
      return elicitation(req.params);
    });
  }
  const env = { ...process.env, FACEBOOK_MODE: "fake" };
  delete env.FACEBOOK_ACCESS_TOKEN;
  if (liveGraph) {
    // Live mode against `facebook-mcp fake-graph` on 127.0.0.1: the HTTP path real Meta traffic takes.
    Object.assign(env, { FACEBOOK_MODE: "live", FACEBOOK_ACCESS_TOKEN: "EAAG-sdk-test-token",
                         FACEBOOK_GRAPH_URL: liveGraph.url, FACEBOOK_MCP_DATA_DIR: liveGraph.dataDir });
  }
  const transport = new StdioClientTransport({ command: BIN, args: [], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (d) => {
    if (stderr.length < 64_000) stderr += d.toString();
  });
  await client.connect(transport);
  openClients.add(client);
  // Every message the server sent, as seen on the wire (after the SDK parsed the line).
  const wire = [];
  const dispatch = transport.onmessage;
  transport.onmessage = (msg, extra) => {
    wire.push(msg);
    // SDK v1 dispatches notifications on a microtask but responses synchronously, and a
    // response deletes the request's progress handler. When the server's last
    // notifications/progress and the response arrive in one read chunk, the SDK drops the
    // progress ("unknown token") and onprogress is never called: a client-side race,
    // modelcontextprotocol/typescript-sdk#2580. deferResponses hands responses to the SDK
    // one macrotask later (order among responses is kept), so already-received
    // notifications are dispatched first, as their wire order says.
    if (deferResponses && msg && "id" in msg && !("method" in msg)) setImmediate(() => dispatch(msg, extra));
    else dispatch(msg, extra);
  };
  const h = {
    client,
    logs,
    elicitations,
    wire,
    get stderr() {
      return stderr;
    },
    /** tools/call facebook {op, args}; returns the raw CallToolResult. */
    call: (op, args, options) =>
      client.callTool({ name: "facebook", arguments: args === undefined ? { op } : { op, args } }, undefined, options),
    close: async () => {
      openClients.delete(client);
      await client.close();
    },
  };
  return h;
}

after(async () => {
  await Promise.allSettled([...openClients].map((c) => c.close()));
  openClients.clear();
});

/** A successful op result: not isError, ok:true, fake mode (unless said), right op, a text block too. */
function okResult(res, op, mode = "fake") {
  assert.notEqual(res.isError, true, `expected success for ${op}, got: ${JSON.stringify(res).slice(0, 600)}`);
  const sc = res.structuredContent;
  assert.ok(sc && typeof sc === "object", "structuredContent missing");
  assert.equal(sc.ok, true);
  assert.equal(sc.op, op);
  assert.equal(sc.mode, mode);
  assert.ok(Array.isArray(res.content) && res.content.some((c) => c.type === "text" && c.text.length > 0),
    "a text content block must accompany structuredContent");
  assertMoneyNeverFloat(sc);
  return sc;
}

/**
 * Money is never a float: every number anywhere in the result is an integer; a money field holds a decimal
 * string in the account currency ("25.00"), "none" for a spend cap Graph reports as 0, or, when with_minor_units
 * was asked, {amount, minor_units} with both as strings.
 */
const MONEY_FIELDS = new Set(["daily_budget", "lifetime_budget", "budget_remaining", "spend_cap", "amount_spent",
  "balance", "min_daily_budget", "bid_amount"]);
function assertMoneyNeverFloat(value, where = "structuredContent") {
  if (typeof value === "number") {
    assert.ok(Number.isInteger(value), `non-integer number at ${where}: ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertMoneyNeverFloat(v, `${where}[${i}]`));
    return;
  }
  if (value && typeof value === "object") {
    if ("minor_units" in value && "amount" in value) {
      assert.match(String(value.amount), /^-?[0-9]+(\.[0-9]+)?$/, `${where}.amount`);
      assert.equal(typeof value.amount, "string", `${where}.amount must be a string: ${JSON.stringify(value)}`);
      assert.equal(typeof value.minor_units, "string", `${where}.minor_units must be a string: ${JSON.stringify(value)}`);
      assert.match(value.minor_units, /^-?[0-9]+$/, `${where}.minor_units`);
    }
    for (const [k, v] of Object.entries(value)) {
      if (MONEY_FIELDS.has(k) && typeof v !== "object") {
        assert.equal(typeof v, "string", `${where}.${k} must be a decimal string: ${JSON.stringify(v)}`);
        assert.match(v, /^(-?[0-9]+(\.[0-9]+)?|none)$/, `${where}.${k}`);
      }
      assertMoneyNeverFloat(v, `${where}.${k}`);
    }
  }
}

/** Rejects with an McpError carrying this JSON-RPC code. */
async function rejectsWithCode(promise, code, re) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof McpError, `expected McpError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    if (re) assert.match(e.message, re);
    return true;
  });
}

async function waitFor(pred, ms = 2000) {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return pred();
}

async function pausedCampaigns(h, account = USD) {
  const sc = okResult(await h.call("list_campaigns", { ad_account_id: account, configured_status: ["PAUSED"], limit: 500 }),
    "list_campaigns");
  const items = sc.data.items;
  for (const c of items) assert.equal(c.status, "PAUSED", `filter configured_status PAUSED returned ${c.id} ${c.status}`);
  return items;
}

async function campaignStatus(h, id) {
  const sc = okResult(await h.call("get_campaign", { campaign_id: id }), "get_campaign");
  const c = sc.data.campaign ?? sc.data;
  assert.equal(c.id, id);
  return c.status;
}

// ---------------------------------------------------------------- read-only protocol surface

describe("one client, no elicitation", () => {
  let h;
  before(async () => {
    h = await startClient();
  });
  after(async () => {
    await h?.close();
  });

  test("handshake: serverInfo, capabilities, instructions mention fake mode", T, () => {
    const info = h.client.getServerVersion();
    assert.equal(info.name, "facebook-mcp");
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    const caps = h.client.getServerCapabilities();
    assert.ok(caps.tools, "tools capability");
    assert.ok(caps.prompts, "prompts capability");
    assert.ok(caps.logging, "logging capability");
    assert.ok(caps.completions, "completions capability");
    assert.equal(caps.resources, undefined, "resources are not served, so must not be declared");
    const instructions = h.client.getInstructions();
    assert.equal(typeof instructions, "string");
    assert.match(instructions, /fake mode/i);
    assert.match(instructions, /facebook/);
  });

  test("ping returns {}", T, async () => {
    assert.deepEqual(await h.client.ping(), {});
  });

  test("tools/list: exactly one tool `facebook`, op enum covers help's ops, no outputSchema", T, async () => {
    const { tools, nextCursor } = await h.client.listTools();
    assert.equal(nextCursor, undefined);
    assert.deepEqual(tools.map((t) => t.name), ["facebook"]);
    const [tool] = tools;
    assert.equal(typeof tool.description, "string");
    assert.ok(tool.description.length > 20);
    assert.equal(tool.outputSchema, undefined, "a polymorphic op tool must not declare outputSchema");
    assert.equal(tool.inputSchema.type, "object");
    assert.deepEqual(tool.inputSchema.required, ["op"]);
    const ops = tool.inputSchema.properties.op.enum;
    assert.ok(Array.isArray(ops));
    for (const op of ["help", "describe", "create_campaign", "list_campaigns", "resume_campaign", "delete_campaign"]) {
      assert.ok(ops.includes(op), `op enum lacks ${op}: ${ops}`);
    }
    // The enum and op "help" must agree on the set of ops.
    const help = okResult(await h.call("help"), "help");
    const helpOps = Object.values(help.data.families).flat().map((f) => f.op);
    assert.ok(helpOps.length >= 10);
    assert.deepEqual([...helpOps].sort(), ops.filter((o) => o !== "help" && o !== "describe").sort());
  });

  test("tools/call list_ad_accounts: ≥3 accounts incl. USD, EUR, JPY", T, async () => {
    const sc = okResult(await h.call("list_ad_accounts", {}), "list_ad_accounts");
    const items = sc.data.items;
    assert.ok(Array.isArray(items) && items.length >= 3, `accounts: ${items?.length}`);
    const byId = Object.fromEntries(items.map((a) => [a.id, a]));
    assert.equal(byId[USD]?.currency, "USD");
    assert.equal(byId[EUR]?.currency, "EUR");
    assert.equal(byId[JPY]?.currency, "JPY");
    const currencies = new Set(items.map((a) => a.currency));
    for (const c of ["USD", "EUR", "JPY"]) assert.ok(currencies.has(c), `currency ${c} missing`);
    for (const a of items) assert.match(a.id, /^act_[0-9]+$/);
  });

  test("list_campaigns paging: follow paging.after (limit 5) to the end == one call with limit 500", T, async () => {
    const all = okResult(await h.call("list_campaigns", { ad_account_id: USD, limit: 500 }), "list_campaigns");
    assert.equal(all.paging?.after, undefined, "a complete list must not offer paging.after");
    const expected = all.data.items.map((c) => c.id);
    assert.ok(expected.length > 5, `need more than one page of fixtures, got ${expected.length}`);
    assert.ok(expected.includes(ACTIVE_USD_CAMPAIGN));

    const seen = [];
    let after;
    let pages = 0;
    for (; pages < 50; ) {
      const args = { ad_account_id: USD, limit: 5, ...(after ? { after } : {}) };
      const sc = okResult(await h.call("list_campaigns", args), "list_campaigns");
      pages++;
      const ids = sc.data.items.map((c) => c.id);
      assert.ok(ids.length <= 5, `page ${pages} has ${ids.length} rows with limit 5`);
      assert.ok(ids.length > 0, `page ${pages} is empty`);
      seen.push(...ids);
      after = sc.paging?.after;
      if (!after) break;
      assert.equal(typeof after, "string");
    }
    assert.ok(!after, "paging did not end within 50 pages");
    assert.equal(pages, Math.ceil(expected.length / 5));
    assert.equal(new Set(seen).size, seen.length, `duplicate ids across pages: ${seen}`);
    assert.equal(seen.length, expected.length);
    assert.deepEqual(seen, expected, "pages concatenated must equal the single-call order");
  });

  test("bad input → isError result with error.kind/path/hint (not a JSON-RPC error)", T, async () => {
    const res = await h.call("list_campaigns", { ad_account_id: USD, limit: 0 });
    assert.equal(res.isError, true);
    const sc = res.structuredContent;
    assert.equal(sc.ok, false);
    assert.equal(sc.op, "list_campaigns");
    assert.equal(sc.error.kind, "InvalidArgs");
    assert.equal(sc.error.path, "args.limit");
    assert.equal(typeof sc.error.message, "string");
    assert.equal(typeof sc.error.hint, "string");
    assert.ok(res.content.some((c) => c.type === "text" && /limit/.test(c.text)));

    const missing = await h.call("list_campaigns", {});
    assert.equal(missing.isError, true);
    assert.equal(missing.structuredContent.error.path, "args.ad_account_id");

    const noOp = await h.client.callTool({ name: "facebook", arguments: {} });
    assert.equal(noOp.isError, true);
    assert.equal(noOp.structuredContent.error.path, "op");

    const unknownOp = await h.call("no_such_op", {});
    assert.equal(unknownOp.isError, true);
    assert.equal(unknownOp.structuredContent.error.kind, "UnknownOp");
  });

  test("unknown tool → McpError -32602", T, async () => {
    await rejectsWithCode(h.client.callTool({ name: "no_such_tool", arguments: {} }), -32602, /no_such_tool/);
  });

  test("progress: notifications/progress echo the token before the response; onprogress is called", T, async () => {
    const p = await startClient({ name: "sdk-progress-test", deferResponses: true });
    try {
      const seen = [];
      const res = await p.call("list_campaigns", { ad_account_id: USD, limit: 3 }, {
        onprogress: (x) => seen.push(x),
      });
      okResult(res, "list_campaigns");
      // Wire: the SDK used the request id as progressToken; the server must echo it,
      // increase progress each time, and send nothing for the request after its response.
      const req = p.wire.findIndex((m) => m.result?.structuredContent?.op === "list_campaigns");
      assert.ok(req >= 0);
      const token = p.wire[req].id;
      const onWire = p.wire.filter((m) => m.method === "notifications/progress");
      assert.ok(onWire.length >= 1, "no notifications/progress for a request with _meta.progressToken");
      for (const [i, n] of onWire.entries()) {
        assert.equal(n.params.progressToken, token, "progressToken not echoed");
        assert.ok(p.wire.indexOf(n) < req, "progress sent after the response");
        assert.equal(typeof n.params.progress, "number");
        if (i > 0) assert.ok(n.params.progress > onWire[i - 1].params.progress, `progress not increasing: ${JSON.stringify(onWire)}`);
        if (n.params.total !== undefined) assert.ok(n.params.progress <= n.params.total);
      }
      // SDK: the caller's onprogress saw them.
      assert.ok(seen.length >= 1, "onprogress was never called");
      assert.deepEqual(seen.map((x) => x.progress), onWire.map((n) => n.params.progress));

      // Without a progressToken the server sends no progress.
      const before = p.wire.length;
      okResult(await p.call("list_campaigns", { ad_account_id: USD, limit: 3 }), "list_campaigns");
      assert.deepEqual(p.wire.slice(before).filter((m) => m.method === "notifications/progress"), []);
    } finally {
      await p.close();
    }
  });

  test("insights: a query too large for Meta becomes an async report over HTTP, its states seen as progress", T, async () => {
    const cleanups = [];
    const { url, process: graph } = await startFakeGraph();
    try {
      const dataDir = mkdtempSync(path.join(tmpdir(), "fbmcp-sdk-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const p = await startClient({ name: "sdk-insights-test", deferResponses: true, liveGraph: { url, dataDir } });
      try {
        const seen = [];
        const res = await p.call("get_insights", {
          ad_account_id: USD, level: "ad", date_preset: "maximum", limit: 5, metrics: ["spend"],
          breakdowns: ["age"],
        }, { onprogress: (x) => seen.push(x) });
        okResult(res, "get_insights", "live");
        const data = res.structuredContent.data;
        assert.match(data.report_run_id, /^[0-9]+$/, "the rows did not come from an async report");
        assert.equal(data.items.length, 5);
        const messages = p.wire.filter((m) => m.method === "notifications/progress").map((n) => n.params.message ?? "");
        for (const state of ["Job Not Started", "Job Running", "Job Completed"]) {
          assert.ok(messages.some((m) => m.includes(state)), `no progress for ${state}: ${JSON.stringify(messages)}`);
        }
        assert.ok(seen.length >= 4, "onprogress was not called for each poll");
      } finally {
        await p.close();
      }
    } finally {
      graph.kill();
      for (const cleanup of cleanups) cleanup();
    }
  });

  test("prompts/list and prompts/get", T, async () => {
    const { prompts } = await h.client.listPrompts();
    const names = prompts.map((p) => p.name);
    for (const n of ["account_overview", "launch_ad_safely", "launch_campaign_safely", "tidy_campaigns"]) {
      assert.ok(names.includes(n), `prompt ${n} missing: ${names}`);
    }
    const overview = prompts.find((p) => p.name === "account_overview");
    const arg = overview.arguments.find((a) => a.name === "ad_account_id");
    assert.equal(arg?.required, true);

    const got = await h.client.getPrompt({ name: "account_overview", arguments: { ad_account_id: EUR } });
    assert.ok(got.messages.length >= 1);
    const [m] = got.messages;
    assert.equal(m.role, "user");
    assert.equal(m.content.type, "text");
    assert.ok(m.content.text.includes(EUR), "rendered prompt must contain the account id");
    assert.ok(!m.content.text.includes("{{"), "unrendered template placeholder left in prompt");

    await rejectsWithCode(h.client.getPrompt({ name: "account_overview", arguments: {} }), -32602, /ad_account_id/);
    await rejectsWithCode(h.client.getPrompt({ name: "no_such_prompt", arguments: {} }), -32602);
  });

  test("completion/complete for prompt argument ad_account_id", T, async () => {
    const ref = { type: "ref/prompt", name: "account_overview" };
    const all = await h.client.complete({ ref, argument: { name: "ad_account_id", value: "" } });
    const values = all.completion.values;
    assert.ok(values.length >= 3 && values.length <= 100);
    for (const id of [USD, EUR, JPY]) assert.ok(values.includes(id), `${id} not offered: ${values}`);
    for (const v of values) assert.match(v, /^act_[0-9]+$/);

    const narrowed = await h.client.complete({ ref, argument: { name: "ad_account_id", value: "act_3" } });
    assert.ok(narrowed.completion.values.includes(JPY));
    for (const v of narrowed.completion.values) assert.ok(v.startsWith("act_3"), `completion ${v} does not match prefix act_3`);
    assert.ok(narrowed.completion.values.length < values.length);
  });

  test("create_campaign in the JPY account: minor units are whole yen, PAUSED, no floats", T, async () => {
    const res = await h.call("create_campaign", {
      ad_account_id: JPY,
      name: "SDK test – JPY",
      objective: "OUTCOME_TRAFFIC",
      special_ad_categories: [],
      daily_budget: { amount: "3000" },
    });
    const sc = okResult(res, "create_campaign");
    const c = sc.data.campaign;
    assert.match(c.id, /^[0-9]+$/);
    assert.equal(c.status, "PAUSED");
    assert.equal(c.daily_budget, "3000");
    assert.equal(c.currency, "JPY");
    assert.equal(await campaignStatus(h, c.id), "PAUSED");
    // It now shows up in the JPY account's list.
    const list = okResult(await h.call("list_campaigns", { ad_account_id: JPY, limit: 500 }), "list_campaigns");
    assert.ok(list.data.items.some((x) => x.id === c.id));

    // JPY has no decimals: a fractional amount is an input error, not silently rounded.
    const frac = await h.call("create_campaign", {
      ad_account_id: JPY, name: "frac", objective: "OUTCOME_TRAFFIC", special_ad_categories: [],
      daily_budget: { amount: "30.50" },
    });
    assert.equal(frac.isError, true);
    assert.equal(frac.structuredContent.error.path, "args.daily_budget");
  });
});

// ---------------------------------------------------------------- logging

describe("logging", () => {
  let h;
  before(async () => {
    h = await startClient({ name: "sdk-logging-test" });
  });
  after(async () => {
    await h?.close();
  });

  test("setLoggingLevel: debug lets notices through, error filters them, bad level is -32602", T, async () => {
    assert.deepEqual(await h.client.setLoggingLevel("error"), {});
    okResult(await h.call("pause_campaign", { campaign_id: ACTIVE_USD_CAMPAIGN }), "pause_campaign");
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(h.logs.filter((l) => l.level === "notice" || l.level === "info" || l.level === "debug"), [],
      "messages below the set level were sent");

    assert.deepEqual(await h.client.setLoggingLevel("debug"), {});
    okResult(await h.call("archive_campaign", { campaign_id: ACTIVE_USD_CAMPAIGN }), "archive_campaign");
    assert.ok(await waitFor(() => h.logs.some((l) => JSON.stringify(l.data).includes(ACTIVE_USD_CAMPAIGN))),
      `no notifications/message about the archive at level debug: ${JSON.stringify(h.logs)}`);
    const levels = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];
    for (const l of h.logs) assert.ok(levels.includes(l.level), `bad level ${l.level}`);

    await rejectsWithCode(h.client.request({ method: "logging/setLevel", params: { level: "loud" } }, EmptyResultSchema),
      -32602);
  });
});

// ---------------------------------------------------------------- confirmation

describe("confirmation via elicitation", () => {
  let accepting;
  let declining;
  const declineActions = ["decline", "cancel"];
  before(async () => {
    accepting = await startClient({
      name: "sdk-elicit-accept",
      elicitation: async () => ({ action: "accept", content: { confirm: true } }),
    });
    let n = 0;
    declining = await startClient({
      name: "sdk-elicit-decline",
      elicitation: async () => ({ action: declineActions[n++ % declineActions.length] }),
    });
  });
  after(async () => {
    await Promise.allSettled([accepting?.close(), declining?.close()]);
  });

  test("accepting client: elicitation/create (form, boolean confirm) then the campaign is ACTIVE", T, async () => {
    const paused = await pausedCampaigns(accepting);
    assert.ok(paused.length >= 2, `need two PAUSED fixtures, got ${paused.length}`);
    const target = paused[0];
    const res = await accepting.call("resume_campaign", { campaign_id: target.id });
    assert.equal(accepting.elicitations.length, 1, "exactly one elicitation/create expected");
    const el = accepting.elicitations[0];
    assert.ok(el.mode === undefined || el.mode === "form", `mode ${el.mode}`);
    assert.equal(typeof el.message, "string");
    assert.ok(el.message.includes(target.id) || el.message.includes(target.name), el.message);
    assert.equal(el.requestedSchema.type, "object");
    assert.equal(el.requestedSchema.properties.confirm.type, "boolean");

    const sc = okResult(res, "resume_campaign");
    assert.notEqual(sc.needs_confirmation, true);
    assert.equal((sc.data.campaign ?? sc.data).status, "ACTIVE");
    assert.equal(await campaignStatus(accepting, target.id), "ACTIVE");
  });

  test("declining client: decline and cancel both leave the campaign PAUSED", T, async () => {
    const paused = await pausedCampaigns(declining);
    assert.ok(paused.length >= 2);
    const target = paused[1]; // a different one from the accepting test
    for (const action of declineActions) {
      const before = declining.elicitations.length;
      const res = await declining.call("resume_campaign", { campaign_id: target.id });
      assert.equal(declining.elicitations.length, before + 1, `no elicitation for the ${action} round`);
      assert.notEqual(res.isError, true, "declining is a normal outcome, not an error");
      const sc = res.structuredContent;
      assert.equal(sc.ok, false, `${action}: ok must be false`);
      assert.equal(sc.data.status, "declined", `${action}: ${JSON.stringify(sc)}`);
      assert.equal(await campaignStatus(declining, target.id), "PAUSED", `${action} changed the campaign`);
    }
    // Nothing else in the account changed either.
    const after = await pausedCampaigns(declining);
    assert.deepEqual(after.map((c) => c.id), paused.map((c) => c.id));
  });
});

describe("confirmation without elicitation", () => {
  let h;
  before(async () => {
    h = await startClient({ name: "sdk-no-elicitation" });
  });
  after(async () => {
    await h?.close();
  });

  test("first call → needs_confirmation with a token (nothing changes); confirm:true is not enough; the token acts", T, async () => {
    const [target] = await pausedCampaigns(h);
    assert.ok(target, "no PAUSED campaign in the fixtures");
    const first = await h.call("resume_campaign", { campaign_id: target.id });
    const sc1 = first.structuredContent;
    assert.equal(sc1.ok, false);
    assert.equal(sc1.needs_confirmation, true);
    assert.equal(sc1.data.preview.campaign_id, target.id);
    assert.deepEqual(sc1.data.preview.status, { before: "PAUSED", after: "ACTIVE" });
    assert.equal(await campaignStatus(h, target.id), "PAUSED", "an unconfirmed resume changed the campaign");

    assert.match(sc1.data.confirmation_token, /^[0-9]{10,}\.[0-9a-f]{64}$/);
    assert.ok(sc1.next.ask_user.length > 0, "structuredContent alone must say the user has to be asked");

    const bare = await h.call("resume_campaign", { campaign_id: target.id, confirm: true });
    assert.equal(bare.structuredContent.needs_confirmation, true);
    assert.equal(await campaignStatus(h, target.id), "PAUSED", "confirm:true without a token changed the campaign");

    const second = await h.call("resume_campaign", { campaign_id: target.id, confirm: sc1.data.confirmation_token });
    const sc2 = okResult(second, "resume_campaign");
    assert.equal((sc2.data.campaign ?? sc2.data).status, "ACTIVE");
    assert.equal(await campaignStatus(h, target.id), "ACTIVE");
  });
});
