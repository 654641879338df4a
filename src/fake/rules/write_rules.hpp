// The emulator's write dispatch, one table for every object type: which edge of which parent creates which type
// with which rule, and which rule updates each type. graph_emulator.cpp looks rules up here instead of knowing any
// object type; a new family adds its rows (and its rules file in this folder).
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

using CreateFn = WriteResult (*)(WriteContext& ctx, const Node& parent, const ParamMap& params);
using UpdateFn = WriteResult (*)(WriteContext& ctx, const Node& node, const ParamMap& params);

struct CreateRule {
  const char* parent_type;
  const char* edge;
  const char* child_type;
  CreateFn build;
};

struct UpdateRule {
  const char* type;
  UpdateFn apply;
};

const CreateRule* find_create_rule(const std::string& parent_type, const std::string& edge);
const UpdateRule* find_update_rule(const std::string& type);
// Types that DELETE /<id> removes (with their children, fake/status_rules.hpp).
bool can_delete(const std::string& type);

}  // namespace fbmcp::fake
