#include "fake/fault_plan.hpp"

#include <algorithm>

#include "graph/json_fields.hpp"

namespace fbmcp::fake {
namespace {

constexpr std::pair<const char*, FaultKind> kFaultKinds[] = {
    {"graph_error", FaultKind::GraphError},
    {"http_status", FaultKind::HttpStatus},
    {"delay", FaultKind::Delay},
    {"reset", FaultKind::Reset},
    {"malformed", FaultKind::Malformed},
    {"timeout_after_write", FaultKind::TimeoutAfterWrite},
    {"body", FaultKind::Body},
    {"headers", FaultKind::Headers},
    {"close_after_apply", FaultKind::CloseAfterApply},
};

std::string kind_list() {
  std::string out;
  for (const auto& [name, kind] : kFaultKinds) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

core::Error bad_fault_plan(const std::string& message) {
  return core::Error{core::ErrorKind::InvalidArgs, message, "see src/fake/fault_plan.hpp for the fault syntax",
                     {}, std::nullopt, nullptr};
}

}  // namespace

core::Result<Fault> parse_fault(const nlohmann::json& spec) {
  if (!spec.is_object()) return core::fail(core::ErrorKind::InvalidArgs, "a fault is a JSON object");
  Fault f;
  std::string problem;
  const auto text = [&](const char* key, std::string fallback) {
    auto value = graph::read_string(spec, key);
    if (!value) problem = value.error();
    return value ? value->value_or(std::move(fallback)) : fallback;
  };
  const auto whole = [&](const char* key, int64_t fallback) {
    auto value = graph::read_int(spec, key);
    if (!value) problem = value.error();
    return value ? value->value_or(fallback) : fallback;
  };
  const auto flag = [&](const char* key, bool fallback) {
    auto value = graph::read_bool(spec, key);
    if (!value) problem = value.error();
    return value ? value->value_or(fallback) : fallback;
  };
  const std::string kind = text("kind", "graph_error");
  bool known = false;
  for (const auto& [name, value] : kFaultKinds) {
    if (kind == name) {
      f.kind = value;
      known = true;
    }
  }
  if (!known) return std::unexpected(bad_fault_plan("unknown fault kind '" + kind + "' (" + kind_list() + ")"));
  f.method = text("method", "");
  f.path_pattern = text("path", "");
  try {
    std::regex check(f.path_pattern);
  } catch (const std::regex_error&) {
    return std::unexpected(bad_fault_plan("fault path is not a valid regex: " + f.path_pattern));
  }
  f.remaining = static_cast<int>(std::clamp<int64_t>(whole("count", 1), 1, 1'000'000));
  f.skip = static_cast<int>(std::clamp<int64_t>(whole("skip", 0), 0, 1'000'000));
  f.code = static_cast<int>(std::clamp<int64_t>(whole("code", 1), 0, 100'000'000));
  f.error_subcode = static_cast<int>(std::clamp<int64_t>(whole("error_subcode", 0), 0, 100'000'000));
  f.is_transient = flag("is_transient", f.code == 1 || f.code == 2);
  const int default_status = f.kind == FaultKind::HttpStatus ? 500 : f.kind == FaultKind::Body ? 200 : 400;
  f.http_status = static_cast<int>(std::clamp<int64_t>(whole("status", default_status), 100, 599));
  f.message = text("message", "");
  f.blame_field = text("blame_field", "");
  f.delay_ms = static_cast<int>(
      std::clamp<int64_t>(whole("delay_ms", f.kind == FaultKind::TimeoutAfterWrite ? 3000 : 0), 0, 600'000));
  f.regain_minutes = whole("regain_minutes", 0);
  f.body = text("body", "");
  f.apply = flag("apply", false);
  if (auto headers = graph::read_object(spec, "headers"); !headers) {
    problem = headers.error();
  } else if (*headers) {
    for (const auto& [name, value] : (*headers)->items()) {
      if (!value.is_string()) {
        problem = "header " + name + " must be given as a string (its raw value)";
        continue;
      }
      f.headers.emplace_back(name, value.get<std::string>());
    }
  }
  if (!problem.empty()) return std::unexpected(bad_fault_plan("fault: " + problem));
  if (f.kind == FaultKind::Body && !spec.contains("body")) {
    return std::unexpected(bad_fault_plan("a body fault needs \"body\": the raw text to answer"));
  }
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
    if (it->skip > 0) {
      --it->skip;
      return std::nullopt;  // this one passes; the fault waits for the next match
    }
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
    if (f.skip > 0 || item.contains("skip")) item["skip"] = f.skip;  // what is left of it
    out.push_back(item);
  }
  return out;
}

}  // namespace fbmcp::fake
