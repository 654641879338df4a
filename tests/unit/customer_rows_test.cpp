// Normalization and hashing of customer-list identifiers, against Meta's SDK normalizers' cases.
// Inputs and normalized outputs are taken from:
//   PSDK = facebook/facebook-python-business-sdk
//   - facebook_business/adobjects/serverside/tests/normalize_test.py (fi, dobd, dobm, doby and their errors)
//   - facebook_business/adobjects/helpers/customaudiencemixin.py (strip " \t\r\n\0\x0B." + lowercase; phone digits
//     only; names letters only; ZIP before '-'; COUNTRY 2 letters; GEN first letter; EXTERN_ID unhashed)
//   - graph-api-facts.md §2 ("+1 (650) 555-1212" → "16505551212")
// The expected hashes are SHA-256 of those normalized strings, computed with coreutils `printf '%s' X | sha256sum`.
#include <catch2/catch.hpp>

#include "ops/audiences/customer_csv.hpp"
#include "ops/audiences/customer_key.hpp"
#include "ops/audiences/customer_rows.hpp"

using namespace fbmcp::ops;

namespace {
std::string norm(CustomerKey key, std::string_view raw) { return normalize_customer_value(key, raw).value_or("<invalid>"); }
std::string wire(CustomerKey key, std::string_view raw) { return wire_customer_value(key, raw).value_or("<invalid>"); }
}  // namespace

TEST_CASE("customer keys normalize as Meta's SDK does", "[audiences][customer_rows]") {
  SECTION("email: trimmed of whitespace and dots, lowercased, checked against the SDK's pattern") {
    CHECK(norm(CustomerKey::Email, "  John.Doe@Example.COM. \t") == "john.doe@example.com");
    CHECK(norm(CustomerKey::Email, "not-an-email") == "<invalid>");
    CHECK(norm(CustomerKey::Email, "a@b") == "<invalid>");
  }
  SECTION("phone: digits with country code, no + or 00") {
    CHECK(norm(CustomerKey::Phone, "+1 (650) 555-1212") == "16505551212");
    CHECK(norm(CustomerKey::Phone, "0044 20 7946 0958") == "442079460958");
    CHECK(norm(CustomerKey::Phone, "12-34") == "<invalid>");
  }
  SECTION("names, city, state: letters a-z only") {
    CHECK(norm(CustomerKey::Fn, "Mary-Jane ") == "maryjane");
    CHECK(norm(CustomerKey::Ln, "O'Brien") == "obrien");
    CHECK(norm(CustomerKey::Ct, "Paris 75") == "paris");
    CHECK(norm(CustomerKey::St, "C.A.") == "ca");
    CHECK(norm(CustomerKey::Fn, "123") == "<invalid>");
  }
  SECTION("fi: normalize_test.py test_normalize_fi") {
    CHECK(norm(CustomerKey::Fi, "ABC") == "a");
    CHECK(norm(CustomerKey::Fi, "A") == "a");
    CHECK(norm(CustomerKey::Fi, "") == "");
  }
  SECTION("dobd / dobm / doby: normalize_test.py cases and errors") {
    CHECK(norm(CustomerKey::Dobd, "1") == "01");
    CHECK(norm(CustomerKey::Dobd, "9") == "09");
    CHECK(norm(CustomerKey::Dobd, "02") == "02");
    CHECK(norm(CustomerKey::Dobd, "31") == "31");
    CHECK(norm(CustomerKey::Dobd, "32") == "<invalid>");
    CHECK(norm(CustomerKey::Dobd, "0") == "<invalid>");
    CHECK(norm(CustomerKey::Dobm, "1") == "01");
    CHECK(norm(CustomerKey::Dobm, "12") == "12");
    CHECK(norm(CustomerKey::Dobm, "13") == "<invalid>");
    CHECK(norm(CustomerKey::Dobm, "0") == "<invalid>");
    CHECK(norm(CustomerKey::Doby, "2000") == "2000");
    CHECK(norm(CustomerKey::Doby, "0000") == "0000");
    CHECK(norm(CustomerKey::Doby, "9999") == "9999");
    CHECK(norm(CustomerKey::Doby, "19999") == "<invalid>");
    CHECK(norm(CustomerKey::Doby, "1") == "<invalid>");
    CHECK(norm(CustomerKey::Doby, "-1") == "<invalid>");
  }
  SECTION("zip, country, gender") {
    CHECK(norm(CustomerKey::Zip, "94103-1234") == "94103");
    CHECK(norm(CustomerKey::Zip, "SW1A 1AA") == "sw1a1aa");
    CHECK(norm(CustomerKey::Country, "US") == "us");
    // customaudiencemixin.py would keep the first two letters ("Germany" → "ge", Georgia); normalize.py refuses what
    // is not an ISO alpha-2 code, which is the safer of Meta's two SDK rules.
    CHECK(norm(CustomerKey::Country, "USA") == "<invalid>");
    CHECK(norm(CustomerKey::Country, " u.s ") == "us");
    CHECK(norm(CustomerKey::Country, "U") == "<invalid>");
    CHECK(norm(CustomerKey::Gen, "Male") == "m");
    CHECK(norm(CustomerKey::Gen, "F") == "f");
    CHECK(norm(CustomerKey::Gen, "x") == "<invalid>");
  }
}

TEST_CASE("customer keys hash what Meta hashes, and only that", "[audiences][customer_rows]") {
  CHECK(wire(CustomerKey::Email, " John.Doe@Example.COM ") ==
        "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f");
  CHECK(wire(CustomerKey::Phone, "+1 (650) 555-1212") ==
        "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
  CHECK(wire(CustomerKey::Fi, "ABC") == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
  CHECK(wire(CustomerKey::Dobd, "1") == "938db8c9f82c8cb58d3f3ef4fd250036a48d26a712753d2fde5abd03a85cabf4");
  CHECK(wire(CustomerKey::Dobm, "9") == "3514acf61732f662da19625f7fe781c3e483f2dce8506012f3bb393f5003e105");
  CHECK(wire(CustomerKey::Doby, "2000") == "81a83544cf93c245178cbc1620030f1123f435af867c79d87135983c52ab39d9");
  CHECK(wire(CustomerKey::Country, "US") == "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621");
  CHECK(wire(CustomerKey::Zip, "94103-1234") == "91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789");
  CHECK(wire(CustomerKey::Gen, "M") == "62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a");
  CHECK(wire(CustomerKey::Ct, "Paris") == "1670f2e42fefa5044d59a65349e47c566009488fc57d7b4376dd5787b59e3c57");
  SECTION("EXTERN_ID and MADID go as they are (trimmed, lowercased like every key)") {
    CHECK(wire(CustomerKey::ExternId, " CRM-0042 ") == "crm-0042");
    CHECK(wire(CustomerKey::Madid, "6D92078A-8246-4BA4-AE5B-76104861E7DC") == "6d92078a-8246-4ba4-ae5b-76104861e7dc");
  }
  SECTION("a value that is already a SHA-256 digest passes through, lowercased") {
    CHECK(wire(CustomerKey::Email, "836F82DB99121B3481011F16B49DFA5FBC714A0D1B1B9F784A1EBBBF5B39577F") ==
          "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f");
  }
  CHECK(wire(CustomerKey::Email, "") == "");
}

TEST_CASE("customer rows become a multi-key payload with invalid rows by number only", "[audiences][customer_rows]") {
  CustomerTable table;
  table.columns = {"Email", "phone", "dob", "extern_id"};
  table.rows = {{"john.doe@example.com", "+1 650 555 1212", "2000-09-01", "A1"},
                {"broken", "", "", ""},
                {"", "", "", ""},
                {"", "", "2000-13-01", ""}};
  table.row_numbers = {2, 3, 4, 5};
  auto prepared = prepare_customer_rows(table, "rows");
  REQUIRE(prepared);
  CHECK(prepared->schema == nlohmann::json({"EMAIL", "PHONE", "DOBY", "DOBM", "DOBD", "EXTERN_ID"}));
  REQUIRE(prepared->data.size() == 1);
  CHECK(prepared->data[0] == nlohmann::json({"836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f",
                                             "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176",
                                             "81a83544cf93c245178cbc1620030f1123f435af867c79d87135983c52ab39d9",
                                             "3514acf61732f662da19625f7fe781c3e483f2dce8506012f3bb393f5003e105",
                                             "938db8c9f82c8cb58d3f3ef4fd250036a48d26a712753d2fde5abd03a85cabf4",
                                             "a1"}));
  CHECK(prepared->row_numbers == std::vector<size_t>{2});
  REQUIRE(prepared->invalid.size() == 3);
  CHECK(prepared->invalid[0].row == 3);
  CHECK(prepared->invalid[0].column == "EMAIL");
  CHECK(prepared->invalid[0].reason.find("broken") == std::string::npos);
  CHECK(prepared->invalid[1].row == 4);
  CHECK(prepared->invalid[2].column == "DOBM");

  SECTION("unknown and repeated columns are refused, naming the column") {
    CustomerTable bad;
    bad.columns = {"email", "shoe_size"};
    auto refused = prepare_customer_rows(bad, "rows");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("shoe_size") != std::string::npos);
    bad.columns = {"dob", "doby"};
    CHECK_FALSE(prepare_customer_rows(bad, "rows"));
  }
}

TEST_CASE("customer CSV files: header, quoting, line numbers, no values in errors", "[audiences][customer_rows]") {
  auto table = parse_customer_csv("\xEF\xBB\xBF" "email,fn\r\n\"a@b.co\",\"O\"\"Neil, Jr\"\n\nc@d.io,Ann\n", "csv_path");
  REQUIRE(table);
  CHECK(table->columns == std::vector<std::string>{"email", "fn"});
  REQUIRE(table->rows.size() == 2);
  CHECK(table->rows[0][1] == "O\"Neil, Jr");
  CHECK(table->row_numbers == std::vector<size_t>{2, 4});

  auto short_row = parse_customer_csv("email,fn\nsecret@x.io\n", "csv_path");
  REQUIRE_FALSE(short_row);
  CHECK(short_row.error().message.find("line 2") != std::string::npos);
  CHECK(short_row.error().message.find("secret") == std::string::npos);
  CHECK(short_row.error().path == "csv_path");

  CHECK_FALSE(parse_customer_csv("email\n\"open@x.io\n", "csv_path"));
  CsvLimits tiny;
  tiny.max_rows = 1;
  CHECK_FALSE(parse_customer_csv("email\na@b.co\nc@d.co\n", "csv_path", tiny));
}
