// The identifiers Meta matches a customer list on, and how each one is normalized and hashed before it leaves the
// process. The rules are those of Meta's own SDK, which is what Graph expects to receive:
//   PSDK = facebook/facebook-python-business-sdk
//   - facebook_business/adobjects/helpers/customaudiencemixin.py (format_params, normalize_key): every value is
//     stripped of " \t\r\n\0\x0B." at both ends and lowercased, then normalized per key; every key but EXTERN_ID
//     (and MADID, MOBILE_ADVERTISER_ID) is SHA-256 hashed, as lowercase hex.
//   - facebook_business/adobjects/serverside/normalize.py: the email pattern, ZIP without whitespace, values that
//     already match ^[a-f0-9]{64}$ pass through unhashed, the DOBD/DOBM/DOBY ranges.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::ops {

// Multi-key schema keys (PSDK customaudiencemixin.py Schema.MultiKeySchema), minus APPUID (needs app ids).
enum class CustomerKey { Email, Phone, Fn, Ln, Fi, Zip, Ct, St, Country, Doby, Dobm, Dobd, Gen, Madid, ExternId };

// Graph's spelling in `payload.schema`: "EMAIL", "PHONE", "DOBY", "EXTERN_ID", …
std::string_view graph_key_name(CustomerKey key);

// A CSV header or inline column name ("email", "Phone", "EXTERN_ID"; case-insensitive) → its key. "dob" is not a
// key of Graph's (it takes DOBY/DOBM/DOBD) and is handled by customer_rows, so it is nullopt here.
std::optional<CustomerKey> customer_key_from_name(std::string_view name);

// Whether Meta wants the key hashed: all but EXTERN_ID and MADID (customaudiencemixin.py hashes every multi-key
// value but EXTERN_ID; MADID and MOBILE_ADVERTISER_ID are sent as they are — graph-api-facts.md §2).
bool is_hashed_key(CustomerKey key);

// One value normalized as Meta specifies for `key`: "" when the value is empty (Graph takes "" for a key a row does
// not have), nullopt when the value cannot be a valid one (an email without '@', a month 13, a gender "x"). A value
// that is already a SHA-256 hex digest is returned lowercased, as it is (normalize.py is_already_hashed).
std::optional<std::string> normalize_customer_value(CustomerKey key, std::string_view raw);

// What goes on the wire for one value: the normalized value's SHA-256 as lowercase hex, or the normalized value
// itself for keys Meta does not hash, or "" for an empty value. nullopt when the value is invalid.
std::optional<std::string> wire_customer_value(CustomerKey key, std::string_view raw);

// ^[a-f0-9]{64}$
bool is_sha256_hex(std::string_view text);

}  // namespace fbmcp::ops
