#include "fake/fault_plan.hpp"

namespace fbmcp::fake {

core::Result<Fault> parse_fault(const nlohmann::json& spec) {
  if (!spec.is_object()) return core::fail(core::ErrorKind::InvalidArgs, "a fault is a JSON object");
  Fault f;
  const std::string kind = spec.value("kind", "graph_error");
  if (kind == "graph_error") f.kind = FaultKind::GraphError;
  else if (kind == "http_status") f.kind = FaultKind::HttpStatus;
  else if (kind == "delay") f.kind = FaultKind::Delay;
  else if (kind == "reset") f.kind = FaultKind::Reset;
  else if (kind == "malformed") f.kind = FaultKind::Malformed;
  else if (kind == "timeout_after_write") f.kind = FaultKind::TimeoutAfterWrite;
  else {
    return core::fail(core::ErrorKind::InvalidArgs,
                      "unknown fault kind '" + kind +
                          "' (graph_error, http_status, delay, reset, malformed, timeout_after_write)");
  }
  f.method = spec.value("method", "");
  f.path_pattern = spec.value("path", "");
  try {
    std::regex check(f.path_pattern);
  } catch (const std::regex_error&) {
    return core::fail(core::ErrorKind::InvalidArgs, "fault path is not a valid regex: " + f.path_pattern);
  }
  f.remaining = spec.value("count", 1);
  f.code = spec.value("code", 1);
  f.error_subcode = spec.value("error_subcode", 0);
  f.is_transient = spec.value("is_transient", f.code == 1 || f.code == 2);
  f.http_status = spec.value("status", f.kind == FaultKind::HttpStatus ? 500 : 400);
  f.message = spec.value("message", "");
  f.blame_field = spec.value("blame_field", "");
  f.delay_ms = spec.value("delay_ms", f.kind == FaultKind::TimeoutAfterWrite ? 3000 : 0);
  f.regain_minutes = spec.value("regain_minutes", 0);
  f.spec = spec;
  return f;
}

void FaultPlan::add(Fault fault) {
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

void FaultPlan::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

std::optional<Fault> FaultPlan::take(const std::string& method, const std::string& path) {
  std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->method.empty() && it->method != method) continue;
    if (!it->path_pattern.empty() && !std::regex_search(path, std::regex(it->path_pattern))) continue;
    Fault taken = *it;
    if (--it->remaining <= 0) faults_.erase(it);
    return taken;
  }
  return std::nullopt;
}

nlohmann::json FaultPlan::describe() const {
  std::lock_guard lock(mutex_);
  auto out = nlohmann::json::array();
  for (const auto& f : faults_) {
    auto item = f.spec;
    item["remaining"] = f.remaining;
    out.push_back(item);
  }
  return out;
}

}  // namespace fbmcp::fake
