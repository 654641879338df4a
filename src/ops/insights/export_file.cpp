#include "ops/insights/export_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/digest.hpp"
#include "crypto/hmac.hpp"

namespace fbmcp::ops {
namespace {

core::Error export_path_error(const std::string& arg_path, const std::string& message, const std::string& hint) {
  return core::Error{core::ErrorKind::InvalidArgs, message, hint, arg_path, std::nullopt, nullptr};
}

core::Error export_io_error(const std::filesystem::path& path, const std::string& what) {
  return core::Error{core::ErrorKind::Internal, "cannot " + what + " " + path.string() + ": " + std::strerror(errno),
                     "check that the directory exists, is writable and has space, or give args.path elsewhere", "",
                     std::nullopt, nullptr};
}

}  // namespace

core::Result<std::filesystem::path> export_target(const std::string& given, const std::string& arg_path,
                                                  const std::string& extension, bool overwrite,
                                                  const std::string& data_dir, const std::string& default_name) {
  namespace fs = std::filesystem;
  fs::path target;
  if (given.empty()) {
    if (data_dir.empty()) {
      return std::unexpected(export_path_error(arg_path, "this server has no data dir to export into",
                                               "give args.path, e.g. \"/home/me/exports/insights" + extension + "\""));
    }
    target = fs::path(data_dir) / "exports" / default_name;
  } else {
    target = fs::path(given);
    // The server's working directory is not the agent's, so a relative path would land somewhere unexpected.
    if (!target.is_absolute()) {
      return std::unexpected(export_path_error(arg_path, "path '" + given + "' is relative; give an absolute path",
                                               "e.g. \"/home/me/exports/insights" + extension + "\""));
    }
    if (target.extension() != extension) {
      return std::unexpected(export_path_error(arg_path, "path '" + given + "' must end in " + extension,
                                               "e.g. \"" + (target.parent_path() / ("insights" + extension)).string() + "\""));
    }
  }
  target = target.lexically_normal();
  std::error_code ec;
  const auto status = fs::symlink_status(target, ec);
  if (fs::exists(status)) {
    if (!fs::is_regular_file(status)) {
      return std::unexpected(export_path_error(arg_path, target.string() + " exists and is not a regular file",
                                               "give another path"));
    }
    if (!overwrite) {
      return std::unexpected(export_path_error(arg_path, target.string() + " exists already",
                                               "pass overwrite: true to replace it, or give another path"));
    }
  }
  const auto dir = target.parent_path();
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) {
      return std::unexpected(export_path_error(arg_path, "cannot create the directory " + dir.string() + ": " +
                                                             ec.message(), "give a path in a writable directory"));
    }
    ::chmod(dir.c_str(), 0700);  // made by us: private, like the rest of the data dir
  } else if (!fs::is_directory(dir, ec)) {
    return std::unexpected(export_path_error(arg_path, dir.string() + " is not a directory", "give another path"));
  }
  return target;
}

core::Result<ExportFile> ExportFile::create(const std::filesystem::path& target) {
  const auto suffix = crypto::lower_hex(reinterpret_cast<const unsigned char*>(crypto::random_bytes(6).data()), 6);
  auto partial = target;
  partial += ".part-" + suffix;
  const int fd = ::open(partial.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(export_io_error(partial, "create"));
  std::FILE* file = ::fdopen(fd, "wb");
  if (!file) {
    ::close(fd);
    ::unlink(partial.c_str());
    return std::unexpected(export_io_error(partial, "open"));
  }
  return ExportFile(target, std::move(partial), file);
}

ExportFile::ExportFile(ExportFile&& other) noexcept
    : target_(std::move(other.target_)), partial_(std::move(other.partial_)), file_(other.file_), bytes_(other.bytes_) {
  other.file_ = nullptr;
  other.partial_.clear();
}

ExportFile::~ExportFile() {
  if (file_) std::fclose(file_);
  if (!partial_.empty()) ::unlink(partial_.c_str());
}

core::Result<void> ExportFile::write(const std::string& bytes) {
  if (!file_) return std::unexpected(export_io_error(partial_, "write to"));
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return std::unexpected(export_io_error(partial_, "write to"));
  }
  bytes_ += bytes.size();
  return {};
}

core::Result<void> ExportFile::commit() {
  if (!file_) return std::unexpected(export_io_error(partial_, "finish"));
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  std::fclose(file_);
  file_ = nullptr;
  if (!flushed) return std::unexpected(export_io_error(partial_, "finish"));
  if (::rename(partial_.c_str(), target_.c_str()) != 0) return std::unexpected(export_io_error(target_, "rename into"));
  partial_.clear();
  return {};
}

}  // namespace fbmcp::ops
