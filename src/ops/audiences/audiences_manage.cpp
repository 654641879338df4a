// share_audience: POST /<audience_id>/adaccounts {adaccounts:[…]} (PSDK customaudiencemixin.py share_audience).
// delete_audience: DELETE /<audience_id>, destructive, so confirmed first; refused before asking when ad sets that
// are not deleted or archived still target or exclude the audience (the emulator refuses the same; Meta's own
// answer to such a delete is not documented).
#include "ops/all_ops.hpp"
#include "ops/audiences/audience_view.hpp"
#include "ops/audiences/audiences_ops.hpp"
#include "graph/response_decoding.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> share_audience(const nlohmann::json& args, OpContext& ctx) {
  const std::string audience_id = args["audience_id"].get<std::string>();
  auto audience = fetch_audience(ctx, audience_id);
  if (!audience) return std::unexpected(audience.error());
  auto accounts = nlohmann::json::array();
  for (const auto& account : args["ad_account_ids"]) {
    auto act = tool::normalize_account_id(account.get<std::string>(), "ad_account_ids");
    if (!act) return std::unexpected(act.error());
    // PSDK share_audience sends the ids as given; Graph's ad account ids are the numbers after act_.
    accounts.push_back(act->substr(4));
  }
  if (args.value("dry_run", false)) {
    // Graph's /adaccounts edge has no validate_only: the dry run checks the audience and the ids here and sends
    // nothing.
    OpOutput preview;
    preview.data = {{"dry_run", true}, {"audience", *audience}, {"would_share_with", accounts}};
    preview.summary = "Dry run: would share audience " + audience_id + " '" + audience->value("name", "") + "' with " +
                      std::to_string(accounts.size()) + " ad account(s); nothing changed.";
    return preview;
  }
  auto shared = ctx.graph.post(audience_id + "/adaccounts", {{"adaccounts", accounts}}, graph::Idempotent::Yes);
  if (!shared) return std::unexpected(shared.error());
  if (auto ok = graph::expect_success(*shared, audience_id); !ok) return std::unexpected(ok.error());
  OpOutput out;
  out.data = {{"audience", *audience}, {"shared_with", accounts}};
  const std::string owner = audience->value("account_id", "");
  out.change = store::ChangeSet{{store::ChangeItem{"audience", audience_id, owner.empty() ? "" : "act_" + owner,
                                                   "share", {{"shared_with", {{"before", nullptr}, {"after", accounts}}}}}}};
  out.summary = "Shared audience " + audience_id + " '" + audience->value("name", "") + "' with " +
                std::to_string(accounts.size()) + " ad account(s).";
  return out;
}

// Ad sets (not deleted or archived) of the audience's account whose targeting names it, included or excluded.
core::Result<std::vector<std::string>> adsets_using(OpContext& ctx, const nlohmann::json& audience) {
  const std::string account_id = audience.value("account_id", "");
  if (account_id.empty()) return std::vector<std::string>{};
  const std::string id = audience.value("id", "");
  const auto names = [&](const nlohmann::json& targeting, const char* key) {
    const auto it = targeting.find(key);
    if (it == targeting.end() || !it->is_array()) return false;
    for (const auto& item : *it) {
      if ((item.is_object() && item.value("id", "") == id) || (item.is_string() && item.get<std::string>() == id)) return true;
    }
    return false;
  };
  auto page = ctx.graph.list("act_" + account_id + "/adsets", {{"fields", "id,status,targeting"}}, 5000,
                             [&](const nlohmann::json& adset) {
                               if (!adset.is_object()) return false;
                               const std::string status = adset.value("status", "");
                               const auto targeting = adset.find("targeting");
                               return status != "DELETED" && status != "ARCHIVED" && targeting != adset.end() &&
                                      targeting->is_object() &&
                                      (names(*targeting, "custom_audiences") || names(*targeting, "excluded_custom_audiences"));
                             });
  if (!page) return std::unexpected(page.error());
  std::vector<std::string> ids;
  for (const auto& adset : page->items) ids.push_back(adset.value("id", ""));
  return ids;
}

core::Result<std::optional<ChangePreview>> confirm_delete(const nlohmann::json& args, OpContext& ctx) {
  auto audience = fetch_audience(ctx, args["audience_id"].get<std::string>());
  if (!audience) return std::unexpected(audience.error());
  auto users = adsets_using(ctx, *audience);
  if (!users) return std::unexpected(users.error());
  if (!users->empty()) {
    std::string list;
    for (size_t i = 0; i < users->size() && i < 5; ++i) list += (i ? ", " : "") + (*users)[i];
    auto e = core::fail(core::ErrorKind::InvalidArgs,
                        "audience " + audience->value("id", "") + " is used by " + std::to_string(users->size()) +
                            " ad set(s) (" + list + ")",
                        "remove it from those ad sets' targeting (update_adset), or archive or delete them, then delete the audience");
    e.error().path = "audience_id";
    e.error().detail = {{"adset_ids", *users}};
    return e;
  }
  return ChangePreview{"Delete audience '" + audience->value("name", "") + "' (" + audience->value("id", "") + ", " +
                           audience_size_text(*audience) + ")? This cannot be undone.",
                       {{"audience", *audience}}};
}

core::Result<OpOutput> delete_audience(const nlohmann::json& args, OpContext& ctx) {
  const std::string audience_id = args["audience_id"].get<std::string>();
  auto audience = fetch_audience(ctx, audience_id);
  if (!audience) return std::unexpected(audience.error());
  auto deleted = ctx.graph.del(audience_id);
  if (!deleted) return std::unexpected(deleted.error());
  if (auto ok = graph::expect_success(*deleted, audience_id); !ok) return std::unexpected(ok.error());
  OpOutput out;
  out.data = {{"deleted", true}, {"audience", *audience}};
  const std::string owner = audience->value("account_id", "");
  out.change = store::ChangeSet{{store::ChangeItem{"audience", audience_id, owner.empty() ? "" : "act_" + owner,
                                                   "delete", {{"name", {{"before", audience->value("name", "")},
                                                                        {"after", nullptr}}}}}}};
  out.summary = "Deleted audience " + audience_id + " '" + audience->value("name", "") + "'.";
  return out;
}

}  // namespace

void register_audience_manage_ops(tool::OpRegistry& registry) {
  registry.add({"share_audience", "audiences", "Share a custom audience with other ad accounts", tool::Effect::Write, true,
                share_audience, {}});
  registry.add({"delete_audience", "audiences",
                "Delete a custom audience for good; refused while ad sets use it; needs confirmation",
                tool::Effect::Destructive, true, delete_audience, confirm_delete});
}

}  // namespace fbmcp::ops
