#include "embedded/embedded.hpp"

#include <algorithm>

namespace fbmcp::embedded {
namespace generated {
extern const std::pair<std::string_view, std::string_view> kFiles[];
extern const unsigned long kFileCount;
}  // namespace generated

std::optional<std::string_view> find(const std::string& path) {
  const auto* begin = generated::kFiles;
  const auto* end = generated::kFiles + generated::kFileCount;
  const auto* it = std::find_if(begin, end, [&](const auto& file) { return file.first == path; });
  if (it == end) return std::nullopt;
  return it->second;
}

std::vector<std::pair<std::string_view, std::string_view>> list(std::string_view prefix) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (unsigned long i = 0; i < generated::kFileCount; ++i) {
    if (generated::kFiles[i].first.starts_with(prefix)) out.push_back(generated::kFiles[i]);
  }
  return out;  // generated sorted
}

}  // namespace fbmcp::embedded
