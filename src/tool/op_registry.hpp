// Every op, declared once: its OpSpec plus schemas/ops/<name>.json. help, describe, the `op` enum in tools/list
// and the README table are all generated from here.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tool/arg_validator.hpp"
#include "tool/op_spec.hpp"

namespace fbmcp::tool {

struct RegisteredOp {
  OpSpec spec;
  ArgValidator validator;  // over the schema file plus the router's common args (dry_run, confirm)
};

class OpRegistry {
 public:
  // Loads the op's schema from the embedded schemas/ops/<name>.json. A missing or invalid schema is a programming
  // error caught by the contract tests, so it is reported through schema_problems() rather than thrown.
  void add(OpSpec spec);

  // Finds every op, hidden or not: the router refuses a hidden one with its reason.
  const RegisteredOp* find(const std::string& name) const;
  // The ops offered (tools/list's enum, help, close matches, the README): in read-only mode the read ops only.
  std::vector<const RegisteredOp*> all() const;  // sorted by family, then name
  std::vector<std::string> names() const;        // sorted
  // Read-only mode (FACEBOOK_READ_ONLY=1, --read-only): ops whose effect is not read leave the catalog and the
  // router refuses them (PolicyBlocked) before Graph is called.
  void set_read_only(bool read_only) { read_only_ = read_only; }
  bool read_only() const { return read_only_; }
  const std::vector<std::string>& schema_problems() const { return problems_; }

 private:
  std::map<std::string, RegisteredOp> ops_;
  std::vector<std::string> problems_;
  bool read_only_ = false;
};

// The op names the router itself answers.
inline constexpr const char* kHelpOp = "help";
inline constexpr const char* kDescribeOp = "describe";

}  // namespace fbmcp::tool
