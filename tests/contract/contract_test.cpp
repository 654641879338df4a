// Contracts between the registry and everything generated from it: schemas, golden cases, README, prompts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "embedded/embedded.hpp"
#include "support/fake_services.hpp"
#include "tool/catalog.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("every op has a valid schema with an example that passes it", "[contract]") {
  auto services = fbmcp::testing::fake_services();
  CHECK(services->registry->schema_problems().empty());
  for (const auto& name : services->registry->names()) {
    INFO(name);
    const auto* op = services->registry->find(name);
    const auto& schema = op->validator.schema();
    REQUIRE(schema.contains("examples"));
    for (const auto& example : schema["examples"]) CHECK(op->validator.validate(example));
    for (const auto& [property, definition] : schema["properties"].items()) {
      INFO(property);
      CHECK(definition.contains("description"));
      CHECK(definition.contains("examples"));
    }
  }
}

TEST_CASE("every op has at least one golden case", "[contract]") {
  auto services = fbmcp::testing::fake_services();
  const fs::path golden = fs::path(FBMCP_SOURCE_DIR) / "tests" / "golden";
  for (const auto& name : services->registry->names()) {
    INFO(name);
    bool found = fs::is_directory(golden / name) && !fs::is_empty(golden / name);
    CHECK(found);
  }
}

TEST_CASE("README's ops table is the one the registry generates", "[contract]") {
  auto services = fbmcp::testing::fake_services();
  const auto readme = read_file(fs::path(FBMCP_SOURCE_DIR) / "README.md");
  const std::string begin = "<!-- ops-table:begin -->\n";
  const std::string end = "<!-- ops-table:end -->";
  const auto b = readme.find(begin);
  const auto e = readme.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  INFO("regenerate with: ./build/facebook-mcp ops-table");
  CHECK(readme.substr(b + begin.size(), e - b - begin.size()) == fbmcp::tool::readme_ops_table(*services->registry));
}

TEST_CASE("prompts only name ops that exist", "[contract][prompts]") {
  auto services = fbmcp::testing::fake_services();
  const auto prompts = fbmcp::embedded::list("prompts/");
  REQUIRE_FALSE(prompts.empty());
  const std::regex op_mention(R"(op[\"']?\s*[:=]\s*[\"']([a-z_]+)[\"'])");
  for (const auto& [path, text] : prompts) {
    INFO(path);
    const auto prompt = json::parse(text);
    for (const auto& op : prompt.at("ops")) CHECK(services->registry->find(op) != nullptr);
    const std::string body = prompt.at("template");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), op_mention); it != std::sregex_iterator(); ++it) {
      const std::string op = (*it)[1];
      INFO(op);
      CHECK((services->registry->find(op) != nullptr || op == "help" || op == "describe"));
    }
  }
}

namespace {

// Every string a pattern applies to has a maxLength, and every array a maxItems: the router's bounds check
// (tool/arg_bounds) enforces them before valijson's std::regex sees a string (issue: 30 KB ids overflowed the stack).
void check_bounded(const json& node, const std::string& path) {
  if (!node.is_object()) return;
  // "type" may be a list (["string", "boolean"]): a string node is one whose types include "string".
  auto has_type = [&](const char* wanted) {
    const auto type = node.find("type");
    if (type == node.end()) return false;
    if (type->is_string()) return *type == wanted;
    return type->is_array() && std::find(type->begin(), type->end(), wanted) != type->end();
  };
  if (node.contains("pattern")) {
    INFO(path);
    CHECK(node.contains("maxLength"));
    CHECK(node.value("maxLength", 0) <= 1024);
  }
  if (has_type("string") && !node.contains("enum")) {
    INFO(path);
    CHECK(node.contains("maxLength"));
  }
  if (has_type("array")) {
    INFO(path);
    CHECK(node.contains("maxItems"));
  }
  for (const auto& [key, child] : node.items()) {
    if (key == "examples" || key == "enum" || key == "default") continue;
    if (child.is_object()) check_bounded(child, path + "/" + key);
    if (child.is_array()) {
      for (size_t i = 0; i < child.size(); ++i) check_bounded(child[i], path + "/" + key + "/" + std::to_string(i));
    }
  }
}

}  // namespace

TEST_CASE("every string and list in an op's args is bounded", "[contract]") {
  auto services = fbmcp::testing::fake_services();
  for (const auto& name : services->registry->names()) {
    INFO(name);
    check_bounded(services->registry->find(name)->validator.schema(), name);
  }
}

TEST_CASE("describe stays under 3 KB per op, and the full JSON Schema is one switch away", "[contract]") {
  auto services = fbmcp::testing::fake_services();
  CHECK(services->registry->schema_problems().empty());
  for (const auto& name : services->registry->names()) {
    INFO(name);
    const auto& op = *services->registry->find(name);
    const auto compact = fbmcp::tool::describe_data(op).dump();
    CHECK(compact.size() < 3000);
    CHECK(fbmcp::tool::describe_data(op, true).contains("args_schema"));
  }
}

TEST_CASE("the hostile corpus covers every op", "[contract][hostile]") {
  // tests/hostile/make_corpus.py writes cases for each op from its schema; re-run it after adding an op.
  auto services = fbmcp::testing::fake_services();
  const auto corpus = read_file(fs::path(FBMCP_SOURCE_DIR) / "tests" / "hostile" / "corpus.jsonl");
  for (const auto& name : services->registry->names()) {
    INFO("no hostile cases for " << name << ": run python3 tests/hostile/make_corpus.py");
    CHECK(corpus.find("\"name\": \"" + name + ": an unknown argument\"") != std::string::npos);
  }
}
