// The key that seals the token store (DESIGN §7): FACEBOOK_MCP_KEY (base64 of 32 bytes) when set, else
// <data_dir>/store.key, created on first use (file 0600, directory 0700) and refused when others may read it.
#pragma once
#include <string>

#include "core/error.hpp"

namespace fbmcp::store {

enum class KeySource { Environment, File };

struct StoreKey {
  std::string bytes;  // 32 raw bytes; wiped when the StoreKey dies
  KeySource source = KeySource::File;
  std::string file;   // the key file's path (also set when the key comes from the environment)

  StoreKey() = default;
  StoreKey(const StoreKey&) = delete;
  StoreKey& operator=(const StoreKey&) = delete;
  StoreKey(StoreKey&&) = default;
  StoreKey& operator=(StoreKey&&) = default;
  ~StoreKey();
};

inline constexpr const char* kKeyVariable = "FACEBOOK_MCP_KEY";

// `environment_value` is FACEBOOK_MCP_KEY's value (nullptr when unset), passed in so tests need not touch the
// process environment. Creates the data dir and the key file when neither the variable nor the file exists.
core::Result<StoreKey> load_store_key(const std::string& data_dir, const char* environment_value);

// Decodes FACEBOOK_MCP_KEY's value; the error names the variable and never quotes the value.
core::Result<std::string> decode_key_variable(const std::string& value);

// Writes `key` to `path` so that a reader sees the old file or the new one, never a mix: a 0600 temporary file in
// the same directory, fsync, then rename over `path` (`replace`), or link to it, which fails when another process
// created `path` first (then that process's key is the one in use).
core::Result<void> write_key_file(const std::string& path, const std::string& key, bool replace = true);

// Reads a key file written by write_key_file, refusing it when others may read it.
core::Result<std::string> read_key_file(const std::string& path);

// Creates `dir` (and parents) and makes it 0700.
core::Result<void> make_private_dir(const std::string& dir);

}  // namespace fbmcp::store
