#include "media/image_hash.hpp"

#include "crypto/digest.hpp"

namespace fbmcp::media {

std::string image_hash(std::string_view bytes) { return crypto::md5_hex(bytes); }

}  // namespace fbmcp::media
