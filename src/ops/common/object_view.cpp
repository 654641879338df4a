#include "ops/common/object_view.hpp"

#include <algorithm>

#include "graph/json_fields.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/shaping.hpp"

namespace fbmcp::ops {

core::Result<void> check_object_id(const ObjectKind& kind, const std::string& id, const std::string& path) {
  if (!id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  const std::string where = path.empty() ? "args." + kind.id_arg : path;
  return std::unexpected(core::Error{core::ErrorKind::InvalidArgs,
                                     where + ": '" + id + "' is not " + kind.a_noun() + " id",
                                     kind.noun + " ids are numeric strings, e.g. \"" + kind.example_id +
                                         "\"; list_" + kind.op_noun + "s shows them",
                                     where, std::nullopt, nullptr});
}

core::Result<void> check_object_shape(const ObjectKind& kind, const nlohmann::json& object, std::string_view what) {
  if (!object.is_object()) {
    return std::unexpected(graph::unexpected_shape(
        what, "the " + kind.noun + " is " + std::string(graph::json_type_name(object)) + ", expected an object"));
  }
  for (const auto& field : kind.string_fields) {
    if (auto value = graph::read_string(object, field); !value) {
      return std::unexpected(graph::unexpected_shape(what, value.error()));
    }
  }
  for (const auto& field : kind.money_fields) {
    const auto it = object.find(field);
    if (it != object.end() && !it->is_null() && !it->is_string() && !it->is_number_integer()) {
      return std::unexpected(graph::unexpected_shape(
          what, "`" + field + "` is " + std::string(graph::json_type_name(*it)) + ", expected minor units"));
    }
  }
  for (const char* field : {"special_ad_categories"}) {
    if (const auto it = object.find(field); it != object.end() && !it->is_null() && !it->is_array()) {
      return std::unexpected(graph::unexpected_shape(
          what, "`" + std::string(field) + "` is " + std::string(graph::json_type_name(*it)) + ", expected a list"));
    }
  }
  for (const char* field : {"targeting", "promoted_object"}) {
    if (const auto it = object.find(field); it != object.end() && !it->is_null() && !it->is_object()) {
      return std::unexpected(graph::unexpected_shape(
          what, "`" + std::string(field) + "` is " + std::string(graph::json_type_name(*it)) + ", expected an object"));
    }
  }
  return {};
}

core::Result<ObjectSnapshot> snapshot_of(tool::OpContext& ctx, const ObjectKind& kind, nlohmann::json raw,
                                         std::string_view what, const nlohmann::json& args) {
  if (auto shape = check_object_shape(kind, raw, what); !shape) return std::unexpected(shape.error());
  if (raw.value("account_id", "").empty()) {
    return std::unexpected(graph::unexpected_shape(what, "the " + kind.noun + " has no `account_id`"));
  }
  ObjectSnapshot snapshot;
  snapshot.act_id = "act_" + raw.value("account_id", "");
  auto account = ctx.accounts.get(snapshot.act_id);
  if (!account) return std::unexpected(account.error());
  snapshot.currency = account->currency;
  snapshot.raw = raw;
  snapshot.object = std::move(raw);
  shape_money(snapshot.object, kind.money_fields, snapshot.currency, money_form(args));
  // One object says its money's currency once, beside the amounts (Graph has no such field on it); a kind without
  // money (ads) has nothing to say it for.
  if (!kind.money_fields.empty()) snapshot.object["currency"] = snapshot.currency;
  return snapshot;
}

core::Result<ObjectSnapshot> fetch_object(tool::OpContext& ctx, const ObjectKind& kind, const std::string& id,
                                          const nlohmann::json& args) {
  if (auto valid = check_object_id(kind, id); !valid) return std::unexpected(valid.error());
  auto raw = ctx.graph.get(id, {{"fields", field_list(kind.default_fields, args)}});
  if (!raw) return std::unexpected(raw.error());
  return snapshot_of(ctx, kind, std::move(*raw), id, args);
}

std::optional<std::string> review_warning(const ObjectKind& kind, const nlohmann::json& object) {
  if (object.value("effective_status", "") != "PENDING_REVIEW") return std::nullopt;
  return "waiting for Meta's review (effective status PENDING_REVIEW): it delivers once approved; get_" +
         kind.op_noun + " shows the outcome";
}

std::string budget_text(const ObjectKind& kind, const nlohmann::json& raw, const std::string& currency) {
  for (const char* field : kBudgetFields) {
    if (const int64_t minor = current_minor(raw, field); minor > 0) {
      return std::string(field == std::string("daily_budget") ? "daily" : "lifetime") + " budget " +
             money_text(minor, currency);
    }
  }
  return kind.no_budget_text;
}

}  // namespace fbmcp::ops
