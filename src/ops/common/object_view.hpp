// One object of a kind as ops return it, and the lookups every op on that kind shares.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "ops/common/object_kind.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct ObjectSnapshot {
  nlohmann::json object;  // shaped: money in the account currency, which it names once ("currency")
  nlohmann::json raw;     // as Graph returned it (minor-unit strings)
  std::string currency;
  std::string act_id;
};

// Ids are numeric strings; anything else is an InvalidArgs naming `path` (args.<id_arg> by default).
core::Result<void> check_object_id(const ObjectKind& kind, const std::string& id, const std::string& path = {});

// The fields ops read have the types Graph documents (strings; money as strings or integers; lists), so later reads
// cannot throw. Otherwise an unexpected-shape GraphApi error naming the field and `what`.
core::Result<void> check_object_shape(const ObjectKind& kind, const nlohmann::json& object, std::string_view what);

// GET /<id> with the kind's default fields (plus args.fields), shaped in the owning account's currency.
core::Result<ObjectSnapshot> fetch_object(tool::OpContext& ctx, const ObjectKind& kind, const std::string& id,
                                          const nlohmann::json& args = nlohmann::json::object());

// A raw object (checked) → snapshot: its account's currency looked up, money shaped in the form args ask for.
core::Result<ObjectSnapshot> snapshot_of(tool::OpContext& ctx, const ObjectKind& kind, nlohmann::json raw,
                                         std::string_view what, const nlohmann::json& args);

// Meta reviews new and edited ads before they deliver (effective_status PENDING_REVIEW, Meta SDK
// Ad.EffectiveStatus): a warning saying so when `object` is waiting, else nullopt.
std::optional<std::string> review_warning(const ObjectKind& kind, const nlohmann::json& object);

// A Graph error blaming a field the caller sets under another name (an ad's creative, set with creative_id:
// ObjectKind::graph_param; a creative's story fields, ObjectKind::blamed_args) names the arg instead, so the hint says what to fix in the call.
template <typename T>
core::Result<T> in_arg_terms(const ObjectKind& kind, core::Result<T> result) {
  if (result) return result;
  for (const auto& [field, arg] : kind.blamed_args) {
    if (result.error().path != field) continue;
    result.error().path = "args." + arg;
    result.error().hint = "fix '" + arg + "' and call again";
    return result;
  }
  if (!kind.graph_param) return result;
  for (const auto& arg : kind.update_fields) {
    const std::string field = kind.graph_param(arg, nullptr).first;
    if (field == arg || result.error().path != field) continue;
    result.error().path = "args." + arg;
    result.error().hint = "fix '" + arg + "' and call again";
  }
  return result;
}

// "daily budget 50.00 USD", or the kind's no-budget wording.
std::string budget_text(const ObjectKind& kind, const nlohmann::json& raw, const std::string& currency);

}  // namespace fbmcp::ops
