#include "ops/common/idempotent_create.hpp"

#include <ctime>

#include "core/log.hpp"
#include "graph/graph_time.hpp"
#include "graph/json_fields.hpp"
#include "graph/list_page.hpp"

namespace fbmcp::ops {
namespace {

// Our clock and Meta's may disagree; an object made this long before our attempt is not ours.
constexpr int64_t kClockSkew = 15 * 60;

// The id in a create's answer ({"id":"<numeric string>"}, graph-api-facts.md §2).
core::Result<std::string> created_id(const core::Result<nlohmann::json>& answer, const std::string& edge) {
  if (!answer) return std::unexpected(answer.error());
  const auto id = graph::read_string(*answer, "id");
  if (!id) return std::unexpected(graph::unexpected_shape(edge, id.error()));
  if (!*id || (*id)->empty()) return std::unexpected(graph::unexpected_shape(edge, "it has no `id` for the new object"));
  return **id;
}

bool still_exists(tool::OpContext& ctx, const std::string& id) {
  auto node = ctx.graph.get(id, {{"fields", "id"}});
  return node || node.error().kind != core::ErrorKind::NotFound;
}

}  // namespace

namespace {

// GET <edge>?filtering=[name EQUAL …] with `fields`: the candidates a create may have made.
core::Result<std::vector<nlohmann::json>> same_name_candidates(tool::OpContext& ctx, const CreateRequest& request,
                                                               const std::string& fields) {
  auto found = ctx.graph.get(
      request.edge,
      {{"fields", fields},
       {"filtering", nlohmann::json::array({{{"field", "name"}, {"operator", "EQUAL"}, {"value", request.name}}})},
       {"limit", "500"}});
  if (!found) return std::unexpected(found.error());
  auto page = graph::parse_edge_page(*found, request.edge);
  if (!page) return std::unexpected(page.error());
  return std::move(page->items);
}

}  // namespace

core::Result<std::set<std::string>> ids_named(tool::OpContext& ctx, const CreateRequest& request) {
  auto candidates = same_name_candidates(ctx, request, "id,name");
  if (!candidates) return std::unexpected(candidates.error());
  std::set<std::string> ids;
  for (const auto& candidate : *candidates) {
    const auto id = graph::read_string(candidate, "id");
    if (id && *id) ids.insert(**id);
  }
  return ids;
}

core::Result<std::optional<std::string>> find_created(tool::OpContext& ctx, const CreateRequest& request,
                                                      int64_t started_at, const std::set<std::string>& existed_before) {
  std::string fields = request.has_created_time ? "id,name,created_time" : "id,name";
  for (const auto& field : request.match_fields) fields += "," + field;
  auto candidates = same_name_candidates(ctx, request, fields);
  if (!candidates) return std::unexpected(candidates.error());
  std::optional<std::string> newest;
  int64_t newest_time = 0;
  for (const auto& candidate : *candidates) {
    // Candidates whose fields are not strings are not ours to claim.
    const auto name = graph::read_string(candidate, "name");
    const auto id = graph::read_string(candidate, "id");
    if (!name || !id || !*name || !*id || (*id)->empty()) continue;
    if (**name != request.name) continue;
    if (request.same_object && !request.same_object(candidate)) continue;
    if (!request.has_created_time) {
      if (!existed_before.count(**id)) newest = **id;
      continue;
    }
    const auto created_time = graph::read_string(candidate, "created_time");
    if (!created_time || !*created_time) continue;
    const auto created = graph::parse_graph_time(**created_time);
    if (!created || *created < started_at - kClockSkew || *created < newest_time) continue;
    newest = **id;
    newest_time = *created;
  }
  return newest;
}

bool outcome_unknown(const core::Error& error) {
  return error.kind == core::ErrorKind::Network || graph::is_unexpected_shape(error);
}

core::Result<CreateOutcome> idempotent_create(tool::OpContext& ctx, const nlohmann::json& args,
                                              const CreateRequest& request) {
  auto* keys = ctx.idempotency;
  if (!keys) {
    auto created = created_id(ctx.graph.post(request.edge, request.params), request.edge);
    if (!created) return std::unexpected(created.error());
    return CreateOutcome{*created, {}};
  }
  const bool explicit_key = args.contains("idempotency_key");
  const std::string key = explicit_key ? "key:" + args["idempotency_key"].get<std::string>()
                                       : store::derive_key(request.op, args);
  const int64_t now = std::time(nullptr);
  CreateOutcome outcome;

  if (auto record = keys->find(key, explicit_key ? kExplicitKeyLifetime : kDerivedKeyLifetime)) {
    if (record->state == "done" && still_exists(ctx, record->object_id)) {
      outcome.id = record->object_id;
      outcome.made_earlier = true;
      outcome.warnings.push_back("an identical " + request.op + " already made " + record->object_id +
                                 "; nothing new was created (pass a different idempotency_key to make another)");
      return outcome;
    }
    if (record->state != "done" && request.has_created_time) {
      // A previous attempt's outcome was never learned: look before sending again. (Without created_time an earlier
      // attempt's object cannot be told from older ones of the same name; such kinds — creatives — spend nothing,
      // so at worst an unused one is left.)
      auto found = find_created(ctx, request, record->started_at);
      if (!found) return std::unexpected(found.error());
      if (*found) {
        keys->complete(key, **found, now);
        outcome.id = **found;
        outcome.warnings.push_back("an earlier attempt whose answer was lost had already created " + **found +
                                   "; it was not created twice");
        return outcome;
      }
    }
    // Otherwise the recorded object is gone (a restarted fake Graph server, say): create afresh.
  }

  std::set<std::string> existed_before;
  if (!request.has_created_time) {
    auto named = ids_named(ctx, request);
    if (!named) return std::unexpected(named.error());
    existed_before = std::move(*named);
  }
  keys->begin(key, request.op, now);
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto created = created_id(ctx.graph.post(request.edge, request.params), request.edge);
    if (created) {
      outcome.id = *created;
      keys->complete(key, outcome.id, std::time(nullptr));
      return outcome;
    }
    if (!outcome_unknown(created.error())) {
      keys->forget(key);  // Meta answered: nothing was created
      return std::unexpected(created.error());
    }
    core::log(core::LogLevel::Warning, "ops",
              request.op + ": the answer was lost (" + created.error().message + "); checking whether it was created");
    auto found = find_created(ctx, request, now, existed_before);
    if (!found) {
      auto error = created.error();
      error.message = "outcome unknown: " + error.message;
      error.hint = "call " + request.op + " again with the same args" +
                   (explicit_key ? " and idempotency_key" : "") + ": it will check before creating anything";
      return std::unexpected(error);
    }
    if (*found) {
      keys->complete(key, **found, std::time(nullptr));
      outcome.id = **found;
      outcome.warnings.push_back("Meta's answer was lost but the object had been created (" + **found +
                                 "); it was not created twice");
      return outcome;
    }
    // Not there: the request never took effect, so sending it once more is safe.
  }
  return core::fail(core::ErrorKind::Network, request.op + ": Meta could not be reached twice in a row",
                    "nothing was created; try again later");
}

}  // namespace fbmcp::ops
