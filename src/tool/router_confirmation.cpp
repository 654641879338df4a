// The router's confirmation step (DESIGN §5): a change that spends money or deletes acts only after the human said
// yes — through MCP elicitation when the client offers it, otherwise through a preview whose confirmation token the
// next call must carry. `confirm: true` alone never acts: a model could send it without asking anyone.
#include "core/json_read.hpp"
#include "tool/router.hpp"

namespace fbmcp::tool {
namespace {

std::string preview_text(const std::string& op, const ChangePreview& preview, const std::string& token,
                         bool bare_true) {
  return std::string(bare_true ? "\"confirm\": true is not enough: it must be the token below. " : "") +
         "Nothing changed yet. " + preview.question +
         "\nThis spends money or deletes, so the user must confirm it: ask them, and only if they agree call " + op +
         " again with the same args plus \"confirm\" set to this token (valid 10 minutes):\n" + token;
}

core::Error token_refused(TokenCheck check) {
  std::string why = check == TokenCheck::Expired ? "has expired (tokens last 10 minutes)"
                    : check == TokenCheck::Malformed
                        ? "is not a confirmation token"
                        : "was issued for another change (other args, another op, a file that changed since, or an earlier server process)";
  return core::Error{core::ErrorKind::InvalidArgs, "args.confirm: this confirmation token " + why + "; nothing changed",
                     "call again without \"confirm\" to see the preview and get a new token, then ask the user",
                     "args.confirm", std::nullopt, nullptr};
}

}  // namespace

std::optional<ToolResult> Router::confirmation_gate(const std::string& op, const nlohmann::json& args,
                                                    const OpSpec& spec, OpContext& ctx, const CallEnv& env) const {
  ctx.report("checking whether " + op + " needs confirmation");
  auto preview = spec.needs_confirmation(args, ctx);
  if (!preview) return failure(op, preview.error());
  if (!*preview) return std::nullopt;  // this particular call spends nothing (e.g. lowering a budget)

  nlohmann::json bound_args = args;
  if (!(*preview)->binding.empty()) bound_args["\u0001preview_binding"] = (*preview)->binding;  // no schema key looks like it
  const auto* confirm = core::find_field(args, "confirm");
  if (confirm && confirm->is_string()) {
    const auto check = signer_.verify(confirm->get<std::string>(), op, bound_args);
    if (check == TokenCheck::Valid) return std::nullopt;
    return failure(op, token_refused(check));
  }
  const auto answer = env.confirm ? env.confirm(**preview) : ConfirmAnswer::Unsupported;
  if (answer == ConfirmAnswer::Accepted) return std::nullopt;
  if (answer == ConfirmAnswer::Declined) {
    OpOutput out{{{"status", "declined"}, {"preview", (*preview)->details}}, std::nullopt, {},
                 "The user declined: " + (*preview)->question + " Nothing changed.", {}};
    auto result = success(op, std::move(out));
    result.structured["ok"] = false;
    return result;
  }
  const bool bare_true = confirm && confirm->is_boolean() && confirm->get<bool>();
  const std::string token = signer_.issue(op, bound_args);
  OpOutput out{{{"status", "confirmation_required"},
                {"question", (*preview)->question},
                {"preview", (*preview)->details},
                {"confirmation_token", token},
                {"expires_in_seconds", ConfirmationSigner::kLifetime.count()}},
               std::nullopt,
               {},
               preview_text(op, **preview, token, bare_true),
               {}};
  auto result = success(op, std::move(out));
  result.structured["ok"] = false;
  result.structured["needs_confirmation"] = true;
  result.structured["next"] = {{"ask_user", (*preview)->question},
                               {"op", op},
                               {"args", {{"confirm", token}}},
                               {"why", "only if the user agrees: call again with the same args plus these"}};
  return result;
}

}  // namespace fbmcp::tool
