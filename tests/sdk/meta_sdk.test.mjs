// fake-graph driven by Meta's own Node.js Business SDK (facebook-nodejs-business-sdk, pinned in package.json):
// a client nobody here wrote must be able to use the emulator as if it were graph.facebook.com — its URL shapes,
// JSON bodies, cursors, batch answers, async report runs, customer-list uploads and error envelopes.
//
//   node --test tests/sdk/meta_sdk.test.mjs            (ctest entry: meta_sdk_client)
//   MCP_SERVER_BIN=/path/to/facebook-mcp node --test tests/sdk/meta_sdk.test.mjs
//
// The SDK only knows https://graph.facebook.com; its one override point is the FacebookAdsApi.GRAPH getter, which
// is redefined to the fake-graph server on 127.0.0.1. Nothing else of the SDK is changed.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { startFakeGraph } from "./fake_graph.mjs";

const require = createRequire(import.meta.url);
const sdk = require("facebook-nodejs-business-sdk");
const { FacebookAdsApi, FacebookAdsApiBatch, AdAccount, AdSet, Campaign, CustomAudience, AdReportRun, IGUser, User } = sdk;


const USD = "act_1029384756102938";
const ACTIVE_USD_CAMPAIGN = "120210000000000001";
const T = { timeout: 30_000 };

let graph;  // the fake-graph child process
let api;

/** Graph's error envelope as the SDK exposes it on FacebookRequestError. */
async function graphError(promise) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.name, "FacebookRequestError", `not an SDK request error: ${e}`);
    return e;
  }
  assert.fail("the call was expected to fail");
}

/** Every id from the SDK's cursor, following next() page by page (at most 100 pages). */
async function idsPageByPage(cursor) {
  const ids = [];
  for (let i = 0; i < 100; ++i) {
    ids.push(...cursor.map((item) => item.id));
    if (!cursor.hasNext()) break;
    cursor = await cursor.next();
  }
  return ids;
}

before(async () => {
  let url;
  ({ url, process: graph } = await startFakeGraph());
  Object.defineProperty(FacebookAdsApi, "GRAPH", { get: () => url, configurable: true });
  api = FacebookAdsApi.init("meta-sdk-test-token");
});

after(() => {
  if (graph && graph.exitCode === null) graph.kill("SIGTERM");
});

describe("Meta's Node.js Business SDK against fake-graph", () => {
  test("reads: the token's ad accounts, then every campaign page by page through the SDK's cursor", T, async () => {
    assert.equal(FacebookAdsApi.VERSION, "v24.0");
    const accounts = await new User("me").getAdAccounts(["name", "currency", "account_status"]);
    const usd = accounts.find((a) => a.id === USD);
    assert.ok(usd, `${USD} not among ${accounts.map((a) => a.id)}`);
    assert.equal(usd.currency, "USD");

    const all = await new AdAccount(USD).getCampaigns(["name"], { limit: 100 });
    assert.ok(all.length >= 3, "the fixture account has several campaigns");
    const paged = await idsPageByPage(await new AdAccount(USD).getCampaigns(["name"], { limit: 2 }));
    assert.deepEqual(paged, all.map((c) => c.id), "paging skipped or repeated a campaign");
  });

  test("writes: create a campaign and an ad set (JSON bodies), update, read back, delete", T, async () => {
    const account = new AdAccount(USD);
    const campaign = await account.createCampaign([], {
      name: "SDK round trip", objective: "OUTCOME_TRAFFIC", status: "PAUSED", special_ad_categories: [],
      is_adset_budget_sharing_enabled: false,
    });
    assert.match(campaign.id, /^[0-9]+$/);
    const adset = await account.createAdSet([], {
      name: "SDK ad set", campaign_id: campaign.id, daily_budget: 2500, billing_event: "IMPRESSIONS",
      optimization_goal: "LINK_CLICKS", bid_strategy: "LOWEST_COST_WITHOUT_CAP", status: "PAUSED",
      targeting: { geo_locations: { countries: ["US"] }, age_min: 25, age_max: 54 },
    });
    const readSet = await new AdSet(adset.id).get(["daily_budget", "targeting", "campaign_id", "status"]);
    assert.equal(readSet.daily_budget, "2500", "Graph answers money as a string of minor units");
    assert.equal(readSet.campaign_id, campaign.id);
    assert.deepEqual(readSet.targeting.geo_locations.countries, ["US"]);
    assert.equal(readSet.targeting.age_min, 25);

    const updated = await new Campaign(campaign.id).update([], { name: "SDK round trip (renamed)" });
    assert.equal(updated.success, true);
    const read = await new Campaign(campaign.id).get(["name", "status", "objective"]);
    assert.equal(read.name, "SDK round trip (renamed)");
    assert.equal(read.status, "PAUSED");
    assert.equal(read.objective, "OUTCOME_TRAFFIC");

    const deleted = await new Campaign(campaign.id).delete();
    assert.equal(deleted.success, true);
    const gone = await new Campaign(campaign.id).get(["status"]);
    assert.equal(gone.status, "DELETED", "a deleted campaign stays readable with status DELETED");
  });

  test("errors: Graph's envelope (code, subcode, blame fields) reaches the SDK's FacebookRequestError", T, async () => {
    const missing = await graphError(new Campaign("999").get(["name"]));
    assert.equal(missing.status, 400);
    assert.equal(missing.response.code, 100);
    assert.equal(missing.response.error_subcode, 33);

    const invalid = await graphError(new AdAccount(USD).createCampaign([], {
      name: "No budget sharing choice", objective: "OUTCOME_TRAFFIC", status: "PAUSED", special_ad_categories: [],
    }));
    assert.equal(invalid.response.code, 100);
    assert.match(JSON.stringify(invalid.response), /is_adset_budget_sharing_enabled/);
  });

  test("batch: FacebookAdsApiBatch's calls answered one by one, a failure only for its own item", T, async () => {
    const outcomes = [];
    const batch = new FacebookAdsApiBatch(api);
    batch.add("GET", ACTIVE_USD_CAMPAIGN, { fields: "name,status" }, {},
              (r) => outcomes.push(["ok", r.body]), (r) => outcomes.push(["failed", r.body]));
    batch.add("GET", "999", { fields: "name" }, {},
              (r) => outcomes.push(["ok", r.body]), (r) => outcomes.push(["failed", r.body]));
    const retry = await batch.execute();
    assert.equal(retry, null, "every item of the batch was answered");
    assert.equal(outcomes.length, 2);
    assert.equal(outcomes[0][0], "ok", JSON.stringify(outcomes));
    assert.equal(outcomes[0][1].id, ACTIVE_USD_CAMPAIGN);
    assert.equal(outcomes[0][1].status, "ACTIVE");
    assert.equal(outcomes[1][0], "failed");
    assert.equal(outcomes[1][1].error.code, 100);
    assert.equal(outcomes[1][1].error.error_subcode, 33);
  });

  test("insights: synchronous rows, then an async AdReportRun polled to completion and read by its edge", T, async () => {
    const sync = await new Campaign(ACTIVE_USD_CAMPAIGN).getInsights(["spend", "impressions", "campaign_id"],
                                                                      { date_preset: "last_7d" });
    assert.equal(sync.length, 1);
    assert.match(sync[0].spend, /^[0-9]+(\.[0-9]+)?$/, "spend is a decimal string");
    assert.ok(Number(sync[0].impressions) > 0, "an ACTIVE campaign delivered in the last 7 days");

    const run = await new Campaign(ACTIVE_USD_CAMPAIGN).getInsightsAsync(["spend", "impressions"],
                                                                          { date_preset: "last_7d", level: "campaign" });
    // The SDK's AdReportRun takes its id from Graph's `report_run_id` (its constructor ignores a bare id), so the
    // run object it returned is the one polled.
    assert.ok(run instanceof AdReportRun);
    assert.match(run.id, /^[0-9]+$/);
    let status;
    for (let i = 0; i < 20; ++i) {
      status = await run.get(["async_status", "async_percent_completion"]);
      if (status.async_status === "Job Completed") break;
    }
    assert.equal(status.async_status, "Job Completed");
    assert.equal(status.async_percent_completion, 100);
    const rows = await run.getInsights(["spend", "impressions"]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].spend, sync[0].spend, "the async report's rows are the synchronous rows");
  });

  test("audiences: a customer list created, and SHA-256 emails uploaded in one session through createUser", T, async () => {
    const audience = await new AdAccount(USD).createCustomAudience([], {
      name: "SDK customer list", subtype: "CUSTOM", customer_file_source: "USER_PROVIDED_ONLY",
    });
    assert.match(audience.id, /^[0-9]+$/);
    const hashes = Array.from({ length: 50 }, (_, i) =>
      createHash("sha256").update(`person${i}@example.com`).digest("hex"));
    const answer = await new CustomAudience(audience.id).createUser([], {
      payload: { schema: "EMAIL_SHA256", data: [...hashes, "not-a-hash"] },
      session: { session_id: 9001, batch_seq: 1, last_batch_flag: true, estimated_num_total: 51 },
    });
    assert.equal(answer.audience_id, audience.id);
    assert.equal(answer.num_received, 51);
    assert.equal(answer.num_invalid_entries, 1, "a value that is not 64 hex characters is counted invalid");
    assert.equal(String(answer.session_id), "9001");
  });

  test("images: createAdImage with base64 bytes answers Graph's images map with a hash the account then lists", T, async () => {
    // A 1×1 PNG: the emulator checks the bytes are an image, as Meta does.
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const image = await new AdAccount(USD).createAdImage([], { bytes: png, name: "sdk-pixel.png" });
    const entry = image._data.images && Object.values(image._data.images)[0];
    assert.ok(entry, `no images map in ${JSON.stringify(image._data)}`);
    assert.match(entry.hash, /^[0-9a-f]{32}$/);
    const listed = await new AdAccount(USD).getAdImages(["hash", "name"], { hashes: [entry.hash] });
    assert.equal(listed.length, 1);
    assert.equal(listed[0].hash, entry.hash);
  });

  test("pages and Instagram: the user's pages with their own tokens, then an Instagram account's media page by page", T, async () => {
    const pages = await new User("me").getAccounts(["name", "access_token", "instagram_business_account"]);
    assert.ok(pages.length >= 1, "the fixture user manages pages");
    for (const page of pages) assert.ok(page.access_token && page.access_token !== "meta-sdk-test-token",
                                        "every page comes with its own page token");
    const linked = pages.find((p) => p.instagram_business_account);
    assert.ok(linked, "a fixture page has an Instagram business account");
    const igId = linked.instagram_business_account.id;
    const all = await new IGUser(igId).getMedia(["media_type", "timestamp"], { limit: 100 });
    assert.ok(all.length >= 2);
    const paged = await idsPageByPage(await new IGUser(igId).getMedia(["media_type"], { limit: 1 }));
    assert.deepEqual(paged, all.map((m) => m.id), "paging skipped or repeated a media");
  });

  test("usage headers: with the SDK's setShowHeader, every answer carries Graph's rate-limit usage headers", T, async () => {
    api.setShowHeader(true);
    try {
      const answer = await api.call("GET", [ACTIVE_USD_CAMPAIGN], { fields: "name" });
      const headers = answer.headers;
      assert.ok(headers, "no headers attached");
      const appUsage = JSON.parse(headers["x-app-usage"]);
      for (const key of ["call_count", "total_cputime", "total_time"]) assert.equal(typeof appUsage[key], "number", key);
      const adAccountRead = await api.call("GET", [USD, "campaigns"], { fields: "name", limit: 1 });
      const bucUsage = JSON.parse(adAccountRead.headers["x-business-use-case-usage"]);
      assert.ok(Object.keys(bucUsage).length >= 1, "X-Business-Use-Case-Usage names the business it counts for");
    } finally {
      api.setShowHeader(false);
    }
  });
});
