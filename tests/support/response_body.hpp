// The JSON body of an answer the emulator gave to a direct request (emulator.handle(...)), for tests that talk to
// the emulator without an op in between.
#pragma once
#include <nlohmann/json.hpp>

#include "graph/request.hpp"

namespace fbmcp::testing {

inline nlohmann::json body_of(const graph::HttpResponse& response) { return nlohmann::json::parse(response.body); }

}  // namespace fbmcp::testing
