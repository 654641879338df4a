// Services in fake mode with a fixed clock: what unit, golden and contract tests run against.
#pragma once
#include <memory>

#include "app/services.hpp"

namespace fbmcp::testing {

inline constexpr const char* kFixedNow = "2026-11-23T12:00:00+0000";

std::unique_ptr<app::Services> fake_services();
// Runs {op, args} through the router with no confirmation channel (the CLI's situation).
tool::ToolResult call(app::Services& services, const std::string& op, const nlohmann::json& args = nlohmann::json::object());

}  // namespace fbmcp::testing
