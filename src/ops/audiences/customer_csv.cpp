#include "ops/audiences/customer_csv.hpp"

#include "media/local_file.hpp"

namespace fbmcp::ops {
namespace {

core::Result<CustomerTable> csv_failure(const std::string& arg, const std::string& message, const std::string& hint) {
  auto e = core::fail(core::ErrorKind::InvalidArgs, message, hint);
  e.error().path = arg;
  return e;
}

}  // namespace

core::Result<CustomerTable> parse_customer_csv(std::string_view text, const std::string& arg, const CsvLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return csv_failure(arg, "the CSV file is larger than " + std::to_string(limits.max_bytes >> 20) + " MiB",
                       "split it into several files and send each");
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark, as spreadsheets write it
  CustomerTable table;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  size_t line = 1;
  size_t row_start = 1;
  bool header_done = false;
  const auto end_row = [&]() -> core::Result<void> {
    fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
    const bool blank = fields.size() == 1 && fields[0].find_first_not_of(" \t\r") == std::string::npos;
    if (!header_done) {
      if (blank) return std::unexpected(csv_failure(arg, "the CSV file has no header row", "the first line names the columns, e.g. email,phone,country").error());
      for (auto& name : fields) {
        const auto b = name.find_first_not_of(" \t\r");
        const auto e = name.find_last_not_of(" \t\r");
        name = b == std::string::npos ? std::string() : name.substr(b, e - b + 1);
      }
      table.columns = std::move(fields);
      header_done = true;
    } else if (!blank) {
      if (fields.size() != table.columns.size()) {
        return std::unexpected(csv_failure(arg,
                                           "line " + std::to_string(row_start) + " has " + std::to_string(fields.size()) +
                                               " fields; the header has " + std::to_string(table.columns.size()),
                                           "give every line as many comma-separated fields as the header (empty ones too)")
                                   .error());
      }
      if (table.rows.size() >= limits.max_rows) {
        return std::unexpected(csv_failure(arg, "the CSV file has more than " + std::to_string(limits.max_rows) + " rows",
                                           "split it into several files and send each")
                                   .error());
      }
      table.rows.push_back(std::move(fields));
      table.row_numbers.push_back(row_start);
    }
    fields = {};
    return {};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty() && !field_was_quoted) {
      quoted = true;
      field_was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\n') {
      if (auto ended = end_row(); !ended) return std::unexpected(ended.error());
      ++line;
      row_start = line;
    } else if (c != '\r') {
      field += c;
    }
    if (field.size() > limits.max_field_bytes) {
      return csv_failure(arg, "line " + std::to_string(row_start) + " has a field longer than " +
                                  std::to_string(limits.max_field_bytes) + " bytes",
                         quoted ? "a quote (\") opened on that line is never closed" : "check the file is a customer list CSV");
    }
  }
  if (quoted) {
    return csv_failure(arg, "line " + std::to_string(row_start) + " opens a quote (\") that is never closed",
                       "close the quoted field, or write a quote inside it as \"\"");
  }
  if (!field.empty() || !fields.empty() || !header_done) {
    if (auto ended = end_row(); !ended) return std::unexpected(ended.error());
  }
  return table;
}

core::Result<CustomerTable> read_customer_csv(const std::string& path, const std::string& arg, const CsvLimits& limits) {
  auto bytes = media::read_local_file(path, limits.max_bytes, arg);
  if (!bytes) return std::unexpected(bytes.error());
  return parse_customer_csv(*bytes, arg, limits);
}

}  // namespace fbmcp::ops
