// Golden cases: tests/golden/<op>/<case>.json = {description, setup?: [{op,args}], call: {op,args},
// expect: {is_error, structured, text}}. Each case runs on a fresh emulator with a fixed clock, so ids and times
// are reproducible. GOLDEN_UPDATE=1 rewrites `expect` from what the code does now (review the diff!).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/fake_services.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

}  // namespace

TEST_CASE("golden cases: every op's calls give the recorded results", "[golden]") {
  const fs::path root = fs::path(FBMCP_SOURCE_DIR) / "tests" / "golden";
  const bool update = std::getenv("GOLDEN_UPDATE") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".json") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE_FALSE(cases.empty());
  for (const auto& path : cases) {
    DYNAMIC_SECTION(path.parent_path().filename().string() << "/" << path.stem().string()) {
      auto golden = read_json(path);
      auto services = fbmcp::testing::fake_services();
      for (const auto& step : golden.value("setup", json::array())) {
        auto r = fbmcp::testing::call(*services, step["op"], step.value("args", json::object()));
        INFO("setup step " << step.dump() << " → " << r.text);
        REQUIRE_FALSE(r.is_error);
      }
      const auto& c = golden["call"];
      auto result = fbmcp::testing::call(*services, c["op"], c.value("args", json::object()));
      json actual = {{"is_error", result.is_error}, {"structured", result.structured}, {"text", result.text}};
      if (update) {
        golden["expect"] = actual;
        std::ofstream(path) << golden.dump(2, ' ', false) << "\n";
        continue;
      }
      REQUIRE(golden.contains("expect"));
      INFO("golden file: " << path.string() << "\n(run with GOLDEN_UPDATE=1 to re-record after a deliberate change)");
      CHECK(actual["is_error"] == golden["expect"]["is_error"]);
      CHECK(actual["structured"].dump(2) == golden["expect"]["structured"].dump(2));
      CHECK(actual["text"].get<std::string>() == golden["expect"]["text"].get<std::string>());
    }
  }
}
