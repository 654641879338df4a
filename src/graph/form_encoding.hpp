// application/x-www-form-urlencoded, as Graph takes query strings and POST bodies.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fbmcp::graph {

std::string url_encode(std::string_view text);
std::string url_decode(std::string_view text);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& items);
// Later duplicates win, as Graph treats a repeated parameter.
std::map<std::string, std::string> form_decode(std::string_view body);

}  // namespace fbmcp::graph
