#include <catch2/catch.hpp>

#include "money/currency.hpp"
#include "money/money.hpp"

using namespace fbmcp;

TEST_CASE("decimal amounts become Graph minor units exactly", "[money]") {
  CHECK(money::to_minor_units("25.00", "USD").value() == 2500);
  CHECK(money::to_minor_units("25", "USD").value() == 2500);
  CHECK(money::to_minor_units("0.07", "EUR").value() == 7);
  CHECK(money::to_minor_units("3000", "JPY").value() == 3000);  // offset 1
  CHECK(money::to_minor_units("19.99", "GBP").value() == 1999);
  // 0.1 + 0.2 style float drift cannot happen: this is string arithmetic.
  CHECK(money::to_minor_units("1234567.89", "USD").value() == 123456789);
}

TEST_CASE("amounts with more precision than the currency, or not numbers, are refused", "[money]") {
  CHECK_FALSE(money::to_minor_units("25.001", "USD"));
  CHECK_FALSE(money::to_minor_units("3000.5", "JPY"));
  CHECK_FALSE(money::to_minor_units("-5", "USD"));
  CHECK_FALSE(money::to_minor_units("1e3", "USD"));
  CHECK_FALSE(money::to_minor_units("", "USD"));
  CHECK_FALSE(money::to_minor_units("12.", "USD"));
  CHECK_FALSE(money::to_minor_units("99999999999999999999", "USD"));
}

TEST_CASE("unknown currencies are an error, never a guess", "[money]") {
  auto r = money::to_minor_units("10", "XYZ");
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("XYZ") != std::string::npos);
  CHECK(money::currency_offset("KRW").value() == 1);
  CHECK(money::currency_offset("VND").value() == 1);
  CHECK(money::currency_offset("USD").value() == 100);
}

TEST_CASE("minor units render as amounts", "[money]") {
  CHECK(money::to_amount(2500, "USD").value() == "25.00");
  CHECK(money::to_amount(7, "USD").value() == "0.07");
  CHECK(money::to_amount(0, "EUR").value() == "0.00");
  CHECK(money::to_amount(3000, "JPY").value() == "3000");
  CHECK(money::money_view("2500", "USD") == "25.00");
  CHECK(money::money_view(3000, "JPY") == "3000");
  CHECK(money::money_view("2500", "USD", money::MoneyForm::WithMinorUnits) ==
        nlohmann::json{{"minor_units", "2500"}, {"amount", "25.00"}});
  // Not a whole number of minor units: shown as Graph sent it, never invented.
  CHECK(money::money_view("12.5", "USD") == nlohmann::json{{"minor_units", "12.5"}});
  CHECK(money::money_view(nlohmann::json::array(), "USD").is_null());
}

TEST_CASE("money arguments: amount, minor_units, bare string; bare numbers refused", "[money]") {
  using nlohmann::json;
  CHECK(money::parse_money_arg(json{{"amount", "25.00"}}, "USD", "args.daily_budget").value() == 2500);
  CHECK(money::parse_money_arg(json{{"amount", "3000"}, {"currency", "JPY"}}, "JPY", "x").value() == 3000);
  CHECK(money::parse_money_arg(json{{"minor_units", 2500}}, "USD", "x").value() == 2500);
  CHECK(money::parse_money_arg(json("12.50"), "EUR", "x").value() == 1250);
  auto bare = money::parse_money_arg(json(25), "USD", "args.daily_budget");
  REQUIRE_FALSE(bare);
  CHECK(bare.error().path == "args.daily_budget");
  CHECK(bare.error().hint.find("25.00") != std::string::npos);
  auto wrong_currency = money::parse_money_arg(json{{"amount", "10"}, {"currency", "EUR"}}, "USD", "x");
  REQUIRE_FALSE(wrong_currency);
  CHECK(wrong_currency.error().message.find("does not match") != std::string::npos);
}
