// use_token: the stored token every later call of this session acts as when it names none (args.token still wins
// for one call); make_default also makes it the stored default that new server processes start with.
#include "core/json_read.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> use_token(const nlohmann::json& args, OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto label = label_arg(args, "label", "");
  if (!label) return std::unexpected(label.error());
  // Decrypting it proves the label exists and the key opens it before the session depends on it.
  if (auto value = (*tokens)->token_value(*label, "args.label"); !value) return std::unexpected(value.error());
  const bool make_default = core::read_bool(args, "make_default", "args").value_or(std::nullopt).value_or(false);
  if (dry_run_requested(args)) {
    return dry_run_output("act as stored token '" + *label + "' for the rest of the session" +
                          (make_default ? " and make it the stored default" : ""));
  }
  auto store = (*tokens)->store(false);
  if (!store) return std::unexpected(store.error());
  std::optional<store::TokenInfo> info;
  if (*store) {
    if (auto rows = (*store)->list(); rows) {
      for (auto& row : *rows) {
        if (row.label == *label) info = std::move(row);
      }
    }
  }
  if (make_default && *store) {
    if (auto set = (*store)->set_default(*label); !set) return std::unexpected(set.error());
  }
  (*tokens)->set_session_label(*label);
  OpOutput out;
  out.data = {{"label", *label}, {"session_default", true}, {"stored_default", make_default}};
  std::string who = "'" + *label + "'";
  if (info) {
    out.data["status"] = info->status;
    out.data["user_id"] = info->metadata.user_id;
    out.data["user_name"] = info->metadata.user_name;
    if (!info->metadata.user_name.empty()) who += " (" + info->metadata.user_name + ")";
    if (info->status != "active") {
      out.warnings.push_back("token '" + *label + "' is marked " + info->status +
                             ": calls with it will likely fail; verify_token re-checks it, a new login renews it");
    }
  }
  out.summary = "Calls in this session now act as " + who + " unless they name another token" +
                (make_default ? "; it is also the stored default for new sessions." : ".");
  return out;
}

}  // namespace

void register_use_token_op(tool::OpRegistry& registry) {
  registry.add({"use_token", "auth", "Act as a stored token for the rest of the session (optionally as the default)",
                tool::Effect::Write, true, use_token, {},
                /*local_only: stores or picks a token; nothing changes at Meta*/ true});
}

}  // namespace fbmcp::ops
