// Golden cases: tests/golden/<op>/<case>.json = {description, setup?: [{op,args}], call: {op, args,
// confirm_with_token?}, expect: {is_error, structured, text}}. With confirm_with_token the call is made twice, as an
// agent does after the user agreed: first for the preview, then with its confirmation_token as "confirm".
// Tokens are random per process, so they read "<confirmation_token>" in recorded results; the checkout's path reads
// "<source_dir>" (see with_source_dir). Each case runs on a fresh
// emulator with a fixed clock, so ids and times are reproducible. GOLDEN_UPDATE=1 rewrites `expect` from what the
// code does now (review the diff!).
#include <catch2/catch.hpp>

#include <algorithm>
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

namespace {

std::vector<fs::path> golden_cases() {
  const fs::path root = fs::path(FBMCP_SOURCE_DIR) / "tests" / "golden";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".json") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// Replaces every confirmation token (random per process) by a fixed marker.
json normalize_tokens(const json& result) {
  std::string text = result.dump();
  const std::string marker = "<confirmation_token>";
  // A token is "<10+ digit expiry>.<64 hex>"; find each by its 64-hex tail after a dot.
  for (size_t at = text.find('.'); at != std::string::npos; at = text.find('.', at + 1)) {
    size_t begin = at;
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(text[begin - 1]))) --begin;
    size_t end = at + 1;
    while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (at - begin >= 10 && end - at - 1 == 64) {
      text.replace(begin, end - begin, marker);
      at = begin;
    }
  }
  return json::parse(text);
}

// Cases that read files (upload_image's file_path) name them "<source_dir>/tests/golden/…": the checkout's path
// goes in before the call and is put back in the recorded result, so goldens hold on any machine.
constexpr const char* kSourceDirMarker = "<source_dir>";

json with_source_dir(const json& value, bool expand) {
  std::string text = value.dump();
  const std::string from = expand ? kSourceDirMarker : FBMCP_SOURCE_DIR;
  const std::string to = expand ? FBMCP_SOURCE_DIR : kSourceDirMarker;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return json::parse(text);
}

json run_case(fbmcp::app::Services& services, const json& golden) {
  for (const auto& step : golden.value("setup", json::array())) {
    auto r = fbmcp::testing::call(services, step["op"], with_source_dir(step.value("args", json::object()), true));
    INFO("setup step " << step.dump() << " → " << r.text);
    REQUIRE_FALSE(r.is_error);
  }
  const auto& c = golden["call"];
  auto args = with_source_dir(c.value("args", json::object()), true);
  std::string token;
  if (c.value("confirm_with_token", false)) {
    auto preview = fbmcp::testing::call(services, c["op"], args);
    INFO("preview: " << preview.text);
    REQUIRE(preview.structured["data"].contains("confirmation_token"));
    token = preview.structured["data"]["confirmation_token"];
    args["confirm"] = token;
  }
  auto result = fbmcp::testing::call(services, c["op"], args);
  json actual = {{"is_error", result.is_error}, {"structured", result.structured}, {"text", result.text}};
  // Pictures (a chart's PNG) vary in bytes with the cairo and font versions; a golden holds what they are.
  for (const auto& image : result.images) {
    actual["images"].push_back({{"mime_type", image.mime_type}, {"is_png", image.bytes.starts_with("\x89PNG\r\n\x1a\n")}});
  }
  return normalize_tokens(with_source_dir(actual, false));
}

}  // namespace

TEST_CASE("golden cases also hold through the live client against the fake Graph server over HTTP", "[golden][http]") {
  for (const auto& path : golden_cases()) {
    DYNAMIC_SECTION(path.parent_path().filename().string() << "/" << path.stem().string() << " over HTTP") {
      const auto golden = read_json(path);
      auto world = fbmcp::testing::http_world();
      auto actual = run_case(*world->services, golden);
      // Links the emulator hands out (preview_ad's preview URLs) point at the server instead of Graph's address.
      std::string served = actual.dump();
      const std::string server = world->server->base_url();
      for (size_t at = served.find(server); at != std::string::npos; at = served.find(server, at)) {
        served.replace(at, server.size(), "https://graph.facebook.com");
      }
      actual = json::parse(served);
      // Only the mode differs: the live client talked to the emulator over HTTP.
      auto expected = golden["expect"];
      expected["structured"]["mode"] = "live";
      std::string text = expected["text"];
      const std::string fake_note = "[fake mode: emulated Meta data, nothing real was read or changed]";
      if (auto at = text.find(fake_note); at != std::string::npos) {
        text.erase(at, fake_note.size());
        if (!text.empty() && text.back() == '\n') text.pop_back();  // the note stands on a line of its own
      }
      INFO("golden file: " << path.string());
      CHECK(actual["is_error"] == expected["is_error"]);
      CHECK(actual["structured"].dump(2) == expected["structured"].dump(2));
      CHECK(actual["text"].get<std::string>() == text);
      CHECK(actual.dump().find(fbmcp::testing::kCanaryToken) == std::string::npos);
    }
  }
}

TEST_CASE("golden cases: every op's calls give the recorded results", "[golden]") {
  const bool update = std::getenv("GOLDEN_UPDATE") != nullptr;
  const auto all_cases = golden_cases();
  REQUIRE_FALSE(all_cases.empty());
  // FBMCP_GOLDEN_STRIDE=N checks every Nth case: the sanitizer stage (.ci/sanitize) runs each case many times slower,
  // so it takes a spread sample while the plain stage checks them all (an update always rewrites every case).
  const char* stride_text = std::getenv("FBMCP_GOLDEN_STRIDE");
  const size_t stride = stride_text && !update ? std::max<size_t>(1, std::strtoul(stride_text, nullptr, 10)) : 1;
  std::vector<fs::path> cases;
  for (size_t i = 0; i < all_cases.size(); i += stride) cases.push_back(all_cases[i]);
  for (const auto& path : cases) {
    DYNAMIC_SECTION(path.parent_path().filename().string() << "/" << path.stem().string()) {
      auto golden = read_json(path);
      auto services = fbmcp::testing::fake_services();
      json actual = run_case(*services, golden);
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
