#include <catch2/catch.hpp>

#include "core/json_read.hpp"
#include "tool/arg_bounds.hpp"

using namespace fbmcp;
using nlohmann::json;

TEST_CASE("checked readers: absent, right type, wrong type with a path", "[json_read]") {
  const json params = {{"name", "x"}, {"count", 3}, {"flag", true}, {"meta", {{"a", 1}}}, {"nothing", nullptr}};
  CHECK(core::read_string(params, "name", "params").value() == "x");
  CHECK_FALSE(core::read_string(params, "missing", "params").value().has_value());
  CHECK_FALSE(core::read_string(params, "nothing", "params").value().has_value());
  auto wrong = core::read_string(params, "count", "params");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message == "params.count must be a string, got an integer");
  CHECK(wrong.error().path == "params.count");
  CHECK(core::read_int(params, "count", "params").value() == 3);
  CHECK_FALSE(core::read_int(json{{"n", 1.5}}, "n", "p"));
  CHECK_FALSE(core::read_int(json{{"n", 18446744073709551615ULL}}, "n", "p"));
  CHECK(core::read_bool(params, "flag", "params").value() == true);
  CHECK_FALSE(core::read_bool(params, "name", "params"));
  CHECK(core::read_object(params, "meta", "params").value() != nullptr);
  CHECK_FALSE(core::read_object(params, "name", "params"));
  CHECK_FALSE(core::read_string(json::array(), "x", "params"));  // the container itself of the wrong type
}

TEST_CASE("bounded parsing refuses deep nesting and bad syntax without echoing input", "[json_read]") {
  CHECK(core::parse_json_bounded(R"({"a":[1,{"b":null}]})").value()["a"][1]["b"].is_null());
  CHECK(core::parse_json_bounded(std::string(64, '[') + std::string(64, ']')));
  auto deep = core::parse_json_bounded(std::string(65, '[') + std::string(65, ']'));
  REQUIRE_FALSE(deep);
  CHECK(deep.error().message.find("deeper than 64") != std::string::npos);
  auto huge = core::parse_json_bounded(std::string(1000000, '{'));
  REQUIRE_FALSE(huge);
  auto bad = core::parse_json_bounded(R"({"access_token": "SECRET123", oops})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("SECRET123") == std::string::npos);
  CHECK(bad.error().message.find("syntax error near byte") != std::string::npos);
  CHECK_FALSE(core::parse_json_bounded("\"\xff\""));  // invalid UTF-8
}

TEST_CASE("arg bounds: patterned strings, oneOf branches, array items, keys", "[arg_bounds]") {
  const json schema = json::parse(R"({
    "type": "object",
    "properties": {
      "id": {"type": "string", "pattern": "^[0-9]+$", "maxLength": 32},
      "text": {"type": "string"},
      "money": {"oneOf": [{"type": "object", "properties": {"amount": {"type": "string", "pattern": "^[0-9]+$", "maxLength": 32}}},
                          {"type": "string", "pattern": "^[0-9]+$", "maxLength": 32}]},
      "list": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]+$"}}
    }})");
  CHECK(tool::check_arg_bounds({{"id", "123"}, {"text", std::string(1000, 'x')}}, schema));
  auto long_id = tool::check_arg_bounds({{"id", std::string(33, '1')}}, schema);
  REQUIRE_FALSE(long_id);
  CHECK(long_id.error().path == "args.id");
  CHECK(long_id.error().message == "args.id is too long: 33 characters, at most 32");
  CHECK_FALSE(tool::check_arg_bounds({{"money", std::string(40, '1')}}, schema));
  CHECK(tool::check_arg_bounds({{"money", {{"amount", "12"}}}}, schema));
  auto nested = tool::check_arg_bounds({{"money", {{"amount", std::string(40, '1')}}}}, schema);
  REQUIRE_FALSE(nested);
  CHECK(nested.error().path == "args.money.amount");
  auto item = tool::check_arg_bounds({{"list", {"ok", std::string(300, 'a')}}}, schema);  // default pattern bound
  REQUIRE_FALSE(item);
  CHECK(item.error().path == "args.list[1]");
  CHECK_FALSE(tool::check_arg_bounds({{"text", std::string(tool::kMaxArgStringChars + 1, 'x')}}, schema));
  CHECK_FALSE(tool::check_arg_bounds({{std::string(300, 'k'), 1}}, schema));
  CHECK_FALSE(tool::check_arg_bounds({{"list", json(std::vector<int>(tool::kMaxArgArrayItems + 1, 1))}}, schema));
  // Characters, not bytes: 32 two-byte characters fit a maxLength of 32.
  std::string wide;
  for (int i = 0; i < 32; ++i) wide += "é";
  CHECK(tool::check_arg_bounds({{"money", {{"amount", wide}}}}, schema));
}
