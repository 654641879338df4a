// Where export_insights writes, and writing there safely: a path the agent gives (absolute, ending in the right
// extension, an existing file only with overwrite) or one made under the data dir's exports/ folder; written to a
// private temporary file beside it and renamed into place when complete, so a failure mid-way never leaves half a
// file under the name the agent will read.
#pragma once
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/error.hpp"

namespace fbmcp::ops {

// `given` is args.path ("" = none; `arg_path` names it in errors); `default_name` the file name to use under
// <data_dir>/exports/ when none is given.
core::Result<std::filesystem::path> export_target(const std::string& given, const std::string& arg_path,
                                                  const std::string& extension, bool overwrite,
                                                  const std::string& data_dir, const std::string& default_name);

// A file being written: bytes go to "<target>.part-<random>" (0600); commit() renames it over the target.
// Destroyed without commit(), the partial file is removed.
class ExportFile {
 public:
  static core::Result<ExportFile> create(const std::filesystem::path& target);
  ExportFile(ExportFile&& other) noexcept;
  ExportFile& operator=(ExportFile&&) = delete;
  ~ExportFile();

  core::Result<void> write(const std::string& bytes);
  core::Result<void> commit();
  size_t bytes_written() const { return bytes_; }

 private:
  ExportFile(std::filesystem::path target, std::filesystem::path partial, std::FILE* file)
      : target_(std::move(target)), partial_(std::move(partial)), file_(file) {}
  std::filesystem::path target_, partial_;
  std::FILE* file_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace fbmcp::ops
