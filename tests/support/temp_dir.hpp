// A private directory under /tmp for one test, removed with everything in it when the test ends.
#pragma once
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace fbmcp::testing {

struct TempDir {
  explicit TempDir(const std::string& prefix = "fbmcp-test") {
    std::string name = "/tmp/" + prefix + "-XXXXXX";
    REQUIRE(::mkdtemp(name.data()));
    path = name;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path + "/" + name; }
  std::string path;
};

}  // namespace fbmcp::testing
