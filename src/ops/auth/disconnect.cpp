// disconnect: revokes the app's access for the token's user (DELETE /me/permissions, FBD/graph-api/reference/user/
// permissions) and deletes the stored token. Destructive: the user must log in again to come back, so it asks for
// confirmation like every destructive op.
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

std::string disconnect_target(const TokenSubject& subject) {
  return subject.label.empty() ? "the token in FACEBOOK_ACCESS_TOKEN" : "stored token '" + subject.label + "'";
}

core::Result<std::optional<ChangePreview>> confirm_disconnect(const nlohmann::json&, OpContext& ctx) {
  auto subject = token_subject(ctx);
  if (!subject) return std::unexpected(subject.error());
  if (auto has = require_token_value(*subject, "disconnect"); !has) return std::unexpected(has.error());
  const std::string name = user_name_of(ctx.graph);
  return ChangePreview{"Disconnect " + (name.empty() ? std::string("this user") : name) + ": revoke facebook-mcp's " +
                           "access on Facebook and delete " + disconnect_target(*subject) +
                           "? Every token of this user for the app stops working; a new login is needed to come back.",
                       {{"label", subject->label}, {"user_name", name}, {"source", subject->source}}};
}

core::Result<OpOutput> disconnect(const nlohmann::json& args, OpContext& ctx) {
  auto subject = token_subject(ctx);
  if (!subject) return std::unexpected(subject.error());
  if (auto has = require_token_value(*subject, "disconnect"); !has) return std::unexpected(has.error());
  if (dry_run_requested(args)) {
    return dry_run_output("revoke the app's access (DELETE /me/permissions) and delete " + disconnect_target(*subject));
  }
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  OpOutput out;
  auto revoked = ctx.graph.del("me/permissions");
  if (!revoked) {
    // A token Meta already refuses cannot revoke anything, and is worth nothing stored: delete it all the same.
    if (!revoked.error().graph || revoked.error().graph->code != 190 || subject->label.empty()) {
      return std::unexpected(revoked.error());
    }
    out.warnings.push_back("Meta refused the token (" + revoked.error().message +
                           "), so nothing could be revoked; the stored copy is deleted");
  }
  if (!subject->label.empty()) {
    auto store = (*tokens)->store(false);
    if (!store) return std::unexpected(store.error());
    if (*store) {
      if (auto removed = (*store)->remove(subject->label); !removed) return std::unexpected(removed.error());
    }
    if ((*tokens)->session_label() == subject->label) (*tokens)->set_session_label("");
  }
  // What changed at Meta is the user's grant to the app; the label names whose (never a token value).
  if (revoked) {
    out.change = store::ChangeSet{{store::ChangeItem{"app_permissions", "me", "", "revoke",
                                                     {{"granted", {{"before", true}, {"after", false}}},
                                                      {"label", {{"before", subject->label}, {"after", nullptr}}}}}}};
  }
  out.data = {{"revoked", revoked.has_value()},
              {"deleted_label", subject->label.empty() ? nlohmann::json() : nlohmann::json(subject->label)}};
  out.summary = subject->label.empty()
                    ? "Disconnected: the app's access is revoked. The token in FACEBOOK_ACCESS_TOKEN no longer works; "
                      "remove it from the server's environment."
                    : "Disconnected: " + std::string(revoked ? "the app's access is revoked and " : "") +
                          "stored token '" + subject->label + "' is deleted.";
  return out;
}

}  // namespace

void register_disconnect_op(tool::OpRegistry& registry) {
  registry.add({"disconnect", "auth",
                "Revoke the app's access for the token's user and delete the stored token; needs confirmation",
                tool::Effect::Destructive, true, disconnect, confirm_disconnect});
}

}  // namespace fbmcp::ops
