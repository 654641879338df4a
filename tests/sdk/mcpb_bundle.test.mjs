// The MCP bundle (plugin/bundle/manifest.json, packed by .ci/bundle) checked with the pinned @anthropic-ai/mcpb:
// its CLI validates the manifest against the package's own schema and packs the bundle, and its
// getMcpConfigForManifest -- the function the mcpb README says Claude for macOS and Windows uses to load bundles --
// turns the unpacked manifest into the command and environment a host would start. That server must then
// answer MCP in fake mode.
//
//   MCP_SERVER_BIN=build/facebook-mcp node --test tests/sdk/mcpb_bundle.test.mjs     (ctest entry: mcpb_bundle)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getMcpConfigForManifest } from "@anthropic-ai/mcpb";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const MCPB = path.join(HERE, "node_modules/.bin/mcpb");
const TEMPLATE = path.join(ROOT, "plugin/bundle/manifest.json");
const BIN = path.resolve(process.env.MCP_SERVER_BIN ?? path.join(ROOT, "build/facebook-mcp"));

let work;
let packLog;
let unpacked;
before(() => {
  work = mkdtempSync(path.join(tmpdir(), "fbmcp-bundle-"));
  try {
    packLog = execFileSync("bash", [path.join(ROOT, ".ci/bundle"), "--binary", BIN, "--out", work],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  } catch (e) {
    // Say why: the script's own output, not only "Command failed".
    throw new Error(`.ci/bundle failed (status ${e.status}, signal ${e.signal}):\n${e.stdout}\n${e.stderr}`);
  }
  unpacked = path.join(work, "unpacked");
  execFileSync(MCPB, ["unpack", path.join(work, "facebook-mcp.mcpb"), unpacked], { stdio: "ignore" });
});
after(() => work && rmSync(work, { recursive: true, force: true }));

const mcpb = (...args) => spawnSync(MCPB, args, { encoding: "utf8", stdin: "ignore" });

test("mcpb validate accepts plugin/bundle/manifest.json", () => {
  const r = mcpb("validate", TEMPLATE);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Manifest schema validation passes/);
});

test("control: mcpb validate refuses a broken copy (sensitive: \"yes\")", () => {
  const bad = JSON.parse(readFileSync(TEMPLATE, "utf8"));
  bad.user_config.facebook_access_token.sensitive = "yes";
  const file = path.join(work, "bad-manifest.json");
  writeFileSync(file, JSON.stringify(bad));
  assert.equal(mcpb("validate", file).status, 1);
});

test("manifest: binary server, token and app secret sensitive, spend limits a string, versions agree", () => {
  const m = JSON.parse(readFileSync(TEMPLATE, "utf8"));
  assert.equal(m.server.type, "binary");
  assert.equal(m.server.mcp_config.command, "${__dirname}/" + m.server.entry_point);
  assert.equal(m.user_config.facebook_access_token.sensitive, true);
  assert.equal(m.user_config.facebook_app_secret.sensitive, true);
  assert.equal(m.user_config.facebook_spend_limits.type, "string");
  assert.deepEqual(m.compatibility.platforms, ["linux"]);
  const plugin = JSON.parse(readFileSync(path.join(ROOT, "plugin/.claude-plugin/plugin.json"), "utf8"));
  assert.equal(m.version, plugin.version);
});

test(".ci/bundle: stripped binary, NEEDED libraries in the README and long_description", () => {
  const bin = path.join(unpacked, "server/facebook-mcp");
  assert.ok(existsSync(bin));
  assert.equal(statSync(bin).mode & 0o777, 0o755, "the zip keeps the executable bit");
  assert.ok(statSync(bin).size < 16 * 1024 * 1024, `stripped size ${statSync(bin).size}`);
  const sections = execFileSync("readelf", ["-S", "-W", bin], { encoding: "utf8" });
  assert.doesNotMatch(sections, /\.debug_info/);
  const needed = [...execFileSync("readelf", ["-d", bin], { encoding: "utf8" })
    .matchAll(/\(NEEDED\).*\[(.+)\]/g)].map((x) => x[1]);
  assert.ok(needed.includes("libcurl.so.4") && needed.some((l) => l.startsWith("libc.so")), needed.join(" "));
  const readme = readFileSync(path.join(unpacked, "README.md"), "utf8");
  const manifest = JSON.parse(readFileSync(path.join(unpacked, "manifest.json"), "utf8"));
  for (const lib of needed) {
    assert.ok(readme.includes(lib), `README lists ${lib}`);
    assert.ok(manifest.long_description.includes(lib), `long_description lists ${lib}`);
    assert.ok(packLog.includes(lib), `.ci/bundle prints ${lib}`);
  }
  assert.equal(mcpb("validate", path.join(unpacked, "manifest.json")).status, 0);
});

async function hostConfig(userConfig) {
  const manifest = JSON.parse(readFileSync(path.join(unpacked, "manifest.json"), "utf8"));
  return getMcpConfigForManifest({ manifest, extensionPath: unpacked, systemDirs: {}, userConfig,
    pathSeparator: path.sep });
}

test("host config with nothing configured: every setting empty, no ${...} left", async () => {
  const config = await hostConfig({});
  assert.equal(config.command, path.join(unpacked, "server/facebook-mcp"));
  for (const [k, v] of Object.entries(config.env)) assert.equal(v, "", `${k} = ${JSON.stringify(v)}`);
});

test("host config with a token and limits: they reach the server's environment", async () => {
  const limits = '{"default":{"max_daily_budget":"100.00"}}';
  const config = await hostConfig({ facebook_access_token: "EAAtest", facebook_spend_limits: limits });
  assert.equal(config.env.FACEBOOK_ACCESS_TOKEN, "EAAtest");
  assert.equal(config.env.FACEBOOK_SPEND_LIMITS, limits);
  assert.equal(config.env.FACEBOOK_APP_SECRET, "");
});

test("the unpacked bundle, started as a host would, answers MCP in fake mode", async () => {
  const config = await hostConfig({});
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work,
    FACEBOOK_MCP_DATA_DIR: path.join(work, "data"), ...config.env };
  const client = new Client({ name: "mcpb-bundle-test", version: "0.0.1" });
  await client.connect(new StdioClientTransport({ command: config.command, args: config.args ?? [], env,
    stderr: "pipe" }));
  try {
    assert.equal(client.getServerVersion().name, "facebook-mcp");
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ["facebook"]);
    const r = await client.callTool({ name: "facebook", arguments: { op: "list_ad_accounts", args: {} } });
    assert.notEqual(r.isError, true);
    assert.equal(r.structuredContent.mode, "fake");
  } finally {
    await client.close();
  }
});
