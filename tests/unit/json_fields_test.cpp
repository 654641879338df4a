#include <catch2/catch.hpp>

#include "graph/json_fields.hpp"

using namespace fbmcp;
using nlohmann::json;

TEST_CASE("checked readers take what Meta sends and name what they did not expect", "[graph][json_fields]") {
  const json body = {{"s", "x"},           {"n", 30},        {"ns", "30"},   {"f", 9.67},   {"fs", "9.67"},
                     {"whole_f", 30.0},    {"b", true},      {"bs", "true"}, {"o", {{"k", 1}}},
                     {"null", nullptr},    {"nan", "nan"},   {"big", 18446744073709551615ULL}};
  CHECK(*graph::read_string(body, "s") == std::optional<std::string>("x"));
  CHECK(*graph::read_int(body, "n") == std::optional<int64_t>(30));
  CHECK(*graph::read_int(body, "ns") == std::optional<int64_t>(30));
  CHECK(*graph::read_int(body, "whole_f") == std::optional<int64_t>(30));
  CHECK(*graph::read_number(body, "fs") == std::optional<double>(9.67));
  CHECK(*graph::read_bool(body, "bs") == std::optional<bool>(true));
  CHECK(graph::read_object(body, "o")->value()["k"] == 1);
  // Absent and null are "not given", not errors.
  CHECK_FALSE(graph::read_string(body, "missing")->has_value());
  CHECK_FALSE(graph::read_int(body, "null")->has_value());

  CHECK(graph::read_string(body, "n").error() == "`n` is a number, expected a string");
  CHECK(graph::read_string(json{{"after", 12}}, "after", "paging.cursors.after").error() ==
        "`paging.cursors.after` is a number, expected a string");
  CHECK(graph::read_string(json("text"), "after", "paging.cursors.after").error() ==
        "`paging.cursors` is a string, expected an object");
  CHECK_FALSE(graph::read_int(body, "f"));    // 9.67 is no whole number
  CHECK_FALSE(graph::read_int(body, "big"));  // beyond int64
  CHECK_FALSE(graph::read_number(body, "nan"));
  CHECK_FALSE(graph::read_bool(body, "n"));
  CHECK_FALSE(graph::read_object(body, "s"));
}

TEST_CASE("unexpected shapes are GraphApi errors that say where", "[graph][json_fields]") {
  const auto e = graph::unexpected_shape("act_1/campaigns", "`paging.cursors.after` is a number, expected a string");
  CHECK(e.kind == core::ErrorKind::GraphApi);
  CHECK(e.message == "Graph's answer for act_1/campaigns: `paging.cursors.after` is a number, expected a string");
  CHECK(graph::is_unexpected_shape(e));
  CHECK_FALSE(graph::is_unexpected_shape(core::Error{}));
  CHECK(graph::json_text(json::object({{"a", std::string(500, 'x')}}), 20).size() <= 20 + 3);
}
