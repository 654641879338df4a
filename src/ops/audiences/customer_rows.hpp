// A customer list as the user gives it (named columns of raw identifiers) turned into what Graph's /users and
// /usersreplace take: a multi-key `schema` and rows of normalized, hashed values (graph-api-facts.md §2,
// PSDK customaudiencemixin.py format_params). Raw values stay in this process: what comes out is hashes (or, for
// EXTERN_ID and MADID, the values Meta wants unhashed), and for rows that cannot be sent, their number and which
// column was wrong — never the value.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ops/audiences/customer_key.hpp"

namespace fbmcp::ops {

struct CustomerTable {
  std::vector<std::string> columns;                // "email", "phone", "dob", "EXTERN_ID", … (case-insensitive)
  std::vector<std::vector<std::string>> rows;      // raw values, one per column
  std::vector<size_t> row_numbers;                 // how the user counts rows: CSV line number, or index + 1
};

struct InvalidRow {
  size_t row = 0;
  std::string column;  // Graph's key name ("EMAIL"), or "" when the whole row is empty
  std::string reason;  // what is wrong, without the value
};

struct PreparedRows {
  nlohmann::json schema = nlohmann::json::array();  // ["EMAIL","PHONE","DOBY","DOBM","DOBD",…]
  std::vector<nlohmann::json> data;                 // one JSON array of wire values per row sent
  std::vector<size_t> row_numbers;                  // the user's row number of data[i]
  std::vector<InvalidRow> invalid;                  // rows left out, in row order
};

// The columns a customer list may have, for messages: email, phone, fn, ln, fi, zip, ct, st, country, dob, doby,
// dobm, dobd, gen, madid, extern_id.
const char* customer_columns_help();

// Checks the columns (known names, none twice; "dob" is split into DOBY/DOBM/DOBD, so it cannot come with those),
// then normalizes and hashes every row. InvalidArgs naming `where` when the columns are wrong; bad rows are not an
// error, they are listed in `invalid`.
core::Result<PreparedRows> prepare_customer_rows(const CustomerTable& table, const std::string& where);

}  // namespace fbmcp::ops
