#include "ops/audiences/customer_key.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text.hpp"
#include "crypto/digest.hpp"

namespace fbmcp::ops {
namespace {

constexpr std::array<std::pair<CustomerKey, std::string_view>, 15> kCustomerKeyNames = {{
    {CustomerKey::Email, "EMAIL"},   {CustomerKey::Phone, "PHONE"}, {CustomerKey::Fn, "FN"},
    {CustomerKey::Ln, "LN"},         {CustomerKey::Fi, "FI"},       {CustomerKey::Zip, "ZIP"},
    {CustomerKey::Ct, "CT"},         {CustomerKey::St, "ST"},       {CustomerKey::Country, "COUNTRY"},
    {CustomerKey::Doby, "DOBY"},     {CustomerKey::Dobm, "DOBM"},   {CustomerKey::Dobd, "DOBD"},
    {CustomerKey::Gen, "GEN"},       {CustomerKey::Madid, "MADID"}, {CustomerKey::ExternId, "EXTERN_ID"},
}};

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_lower_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_lower_hex(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f'); }

// customaudiencemixin.py format_params: key.strip(" \t\r\n\0\x0B.").lower()
std::string strip_and_lower(std::string_view raw) {
  constexpr std::string_view kStripped(" \t\r\n\0\x0B.", 7);
  const auto begin = raw.find_first_not_of(kStripped);
  if (begin == std::string_view::npos) return {};
  const auto end = raw.find_last_not_of(kStripped);
  return core::ascii_lower(std::string(raw.substr(begin, end - begin + 1)));
}

std::string keep_only(const std::string& text, bool (*keep)(char)) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (keep(c)) out += c;
  }
  return out;
}

// normalize.py email_pattern: ^[a-z0-9_.+-]+@[a-z0-9-]+\.[a-z0-9-.]+$ (on the lowercased value). Scanned by hand,
// never with std::regex, whose backtracking recurses per character on long input (DESIGN §10).
bool is_sdk_email(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return false;
  const auto local_ok = [](char c) {
    return is_ascii_lower_letter(c) || is_ascii_digit(c) || c == '_' || c == '.' || c == '+' || c == '-';
  };
  if (!std::all_of(email.begin(), email.begin() + static_cast<long>(at), local_ok)) return false;
  const std::string domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == domain.size()) return false;
  const auto label_ok = [](char c) { return is_ascii_lower_letter(c) || is_ascii_digit(c) || c == '-'; };
  if (!std::all_of(domain.begin(), domain.begin() + static_cast<long>(dot), label_ok)) return false;
  return std::all_of(domain.begin() + static_cast<long>(dot) + 1, domain.end(),
                     [&](char c) { return label_ok(c) || c == '.'; });
}

// DOBM/DOBD: digits only, one digit padded to two (customaudiencemixin.py), within 1..max (normalize.py refuses
// dobm '13', dobd '32' and '0': normalize_test.py test_normalize_dobm_errors / test_normalize_dobd_errors).
std::optional<std::string> two_digit_number(const std::string& value, int max) {
  std::string digits = keep_only(value, is_ascii_digit);
  if (digits.size() == 1) digits = "0" + digits;
  if (digits.size() != 2) return std::nullopt;
  const int number = (digits[0] - '0') * 10 + (digits[1] - '0');
  if (number < 1 || number > max) return std::nullopt;
  return digits;
}

std::optional<std::string> normalize_phone(const std::string& value) {
  // Digits only (customaudiencemixin.py), without the international dialling prefix "00" — the "+" is gone with
  // the other non-digits (normalize.py removes ^\+?0{0,2}; graph-api-facts.md §2: "+1 (650) 555-1212" →
  // "16505551212"). normalize.py's international pattern ^\d{1,4}\(?\d{2,3}\)?\d{4,}$ needs at least 7 digits.
  std::string digits = keep_only(value, is_ascii_digit);
  if (digits.starts_with("00")) digits.erase(0, 2);
  if (digits.size() < 7) return std::nullopt;
  return digits;
}

}  // namespace

std::string_view graph_key_name(CustomerKey key) {
  for (const auto& [k, name] : kCustomerKeyNames) {
    if (k == key) return name;
  }
  return "";
}

std::optional<CustomerKey> customer_key_from_name(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  for (const auto& [key, graph_name] : kCustomerKeyNames) {
    if (upper == graph_name) return key;
  }
  return std::nullopt;
}

bool is_hashed_key(CustomerKey key) { return key != CustomerKey::ExternId && key != CustomerKey::Madid; }

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), is_lower_hex);
}

std::optional<std::string> normalize_customer_value(CustomerKey key, std::string_view raw) {
  const std::string value = strip_and_lower(raw);
  if (value.empty()) return std::string();
  if (is_hashed_key(key) && is_sha256_hex(value)) return value;
  switch (key) {
    case CustomerKey::Email:
      if (!is_sdk_email(value)) return std::nullopt;
      return value;
    case CustomerKey::Phone:
      return normalize_phone(value);
    case CustomerKey::Fn:
    case CustomerKey::Ln:
    case CustomerKey::Ct:
    case CustomerKey::St: {
      // Letters a-z only (customaudiencemixin.py: re.sub(r'[^a-zA-Z]', '', …) on the lowercased value).
      std::string letters = keep_only(value, is_ascii_lower_letter);
      if (letters.empty()) return std::nullopt;
      return letters;
    }
    case CustomerKey::Fi: {
      // First initial: a letter, then the first one only (normalize.py 'fi': [:1]; normalize_test.py 'ABC' → 'a').
      std::string letters = keep_only(value, is_ascii_lower_letter);
      if (letters.empty()) return std::nullopt;
      return letters.substr(0, 1);
    }
    case CustomerKey::Zip: {
      // No whitespace, the part before '-' (normalize.py 'zp'; customaudiencemixin.py ZIP: split('-')[0]).
      std::string zip = keep_only(value, [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; });
      zip = zip.substr(0, zip.find('-'));
      if (zip.empty()) return std::nullopt;
      return zip;
    }
    case CustomerKey::Country: {
      // Letters only (customaudiencemixin.py COUNTRY: [^a-zA-Z] removed), and then exactly two: normalize.py refuses
      // what is not ISO 3166-1 alpha-2, where the mixin would cut "Germany" to "ge" (Georgia) — a wrong match.
      std::string letters = keep_only(value, is_ascii_lower_letter);
      if (letters.size() != 2) return std::nullopt;
      return letters;
    }
    case CustomerKey::Doby: {
      // Four digits (normalize.py year_pattern ^[0-9]{4}$; normalize_test.py refuses '19999', '1', '-1').
      if (value.size() != 4 || !std::all_of(value.begin(), value.end(), is_ascii_digit)) return std::nullopt;
      return value;
    }
    case CustomerKey::Dobm:
      return two_digit_number(value, 12);
    case CustomerKey::Dobd:
      return two_digit_number(value, 31);
    case CustomerKey::Gen: {
      // First letter (customaudiencemixin.py GEN: strip()[:1]); Meta takes m or f (graph-api-facts.md §2).
      const char first = value.front();
      if (first != 'm' && first != 'f') return std::nullopt;
      return std::string(1, first);
    }
    case CustomerKey::Madid:
    case CustomerKey::ExternId:
      return value;
  }
  return std::nullopt;
}

std::optional<std::string> wire_customer_value(CustomerKey key, std::string_view raw) {
  auto normalized = normalize_customer_value(key, raw);
  if (!normalized || normalized->empty() || !is_hashed_key(key) || is_sha256_hex(*normalized)) return normalized;
  return crypto::sha256_hex(*normalized);
}

}  // namespace fbmcp::ops
