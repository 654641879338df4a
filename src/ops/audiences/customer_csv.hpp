// A customer list from a CSV file: a header row naming the columns (email, phone, fn, …; customer_rows.hpp), then
// one customer per line. RFC 4180 quoting (fields in "…", "" for a quote, commas and line breaks inside quotes).
// Bounded: the file, a line, the number of rows; errors give line numbers and never echo a value.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "ops/audiences/customer_rows.hpp"

namespace fbmcp::ops {

struct CsvLimits {
  size_t max_bytes = 256u << 20;     // 256 MiB: a million rows of a dozen keys fit with room to spare
  size_t max_rows = 2'000'000;
  size_t max_field_bytes = 1024;     // no identifier is longer; a longer one is a broken file
};

// Parses CSV text; `arg` names the argument in errors (e.g. "csv_path"). Row numbers are the file's line numbers
// of each row's first line (the header is line 1).
core::Result<CustomerTable> parse_customer_csv(std::string_view text, const std::string& arg, const CsvLimits& limits = {});

// Reads the regular file at `path` (media/local_file.hpp checks) and parses it.
core::Result<CustomerTable> read_customer_csv(const std::string& path, const std::string& arg, const CsvLimits& limits = {});

}  // namespace fbmcp::ops
