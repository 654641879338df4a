#include "fake/world_state.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <set>
#include <thread>

#include "core/json_read.hpp"

namespace fbmcp::fake {
namespace {

constexpr const char* kFormatPrefix = "facebook-mcp/fake-state/";
// A world is a few hundred KiB; anything far bigger is not a state file we wrote.
constexpr long long kMaxStateBytes = 256LL << 20;
// How long a request waits for another process's request on the same file before giving up.
constexpr auto kLockWait = std::chrono::seconds(10);
constexpr auto kLockPoll = std::chrono::milliseconds(10);

std::string errno_text() { return std::strerror(errno); }

core::Error bad_state_file(std::string problem) {
  return core::Error{core::ErrorKind::Internal, std::move(problem), {}, {}, std::nullopt, nullptr};
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

enum class ReadOutcome { Read, Absent };

core::Result<ReadOutcome> read_file(const std::string& path, std::string& text) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return ReadOutcome::Absent;
    return std::unexpected(bad_state_file("cannot be read (" + errno_text() + ")"));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::unexpected(bad_state_file("is not a regular file"));
  }
  if (info.st_size > kMaxStateBytes) {
    ::close(fd);
    return std::unexpected(bad_state_file("is too large to be a fake state (" + std::to_string(info.st_size) + " bytes)"));
  }
  text.clear();
  char buffer[1 << 16];
  for (;;) {  // ends at end of file; bounded by the size check above plus whatever grows meanwhile
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const auto reason = errno_text();
      ::close(fd);
      return std::unexpected(bad_state_file("cannot be read (" + reason + ")"));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (static_cast<long long>(text.size()) > kMaxStateBytes) {
      ::close(fd);
      return std::unexpected(bad_state_file("is too large to be a fake state"));
    }
  }
  ::close(fd);
  return ReadOutcome::Read;
}

bool write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// temp file in the same directory (so rename is atomic) → fsync → rename → fsync the directory, so a crash leaves
// either the old file or the new one, never half of one.
core::Result<void> write_atomically(const std::string& path, const std::string& text) {
  std::string temp = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(temp.data());  // creates the file 0600
  if (fd < 0) return std::unexpected(bad_state_file("cannot be written: creating a temp file beside it failed (" + errno_text() + ")"));
  const bool written = ::fchmod(fd, 0600) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
  const std::string why = written ? std::string() : errno_text();
  if (::close(fd) != 0 || !written) {
    ::unlink(temp.c_str());
    return std::unexpected(bad_state_file("cannot be written (" + (why.empty() ? errno_text() : why) + ")"));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const auto reason = errno_text();
    ::unlink(temp.c_str());
    return std::unexpected(bad_state_file("cannot be replaced (" + reason + ")"));
  }
  if (const int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

std::optional<uint64_t> parse_decimal(const std::string& text) {
  uint64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || at != end) return std::nullopt;
  return value;
}

}  // namespace

nlohmann::json encode_world_state(const ObjectStore& store, uint64_t fbtrace_counter) {
  auto objects = nlohmann::json::array();
  for (const auto& [id, node] : store.nodes()) objects.push_back({{"type", node.type}, {"data", node.data}});
  // next_id as a string: it is an 18-digit number, beyond what JSON readers that use doubles keep exactly.
  return {{"format", kWorldStateFormat},
          {"next_id", std::to_string(store.next_id())},
          {"fbtrace_counter", fbtrace_counter},
          {"objects", std::move(objects)}};
}

core::Result<SavedWorld> decode_world_state(const nlohmann::json& state) {
  if (!state.is_object()) return std::unexpected(bad_state_file("is not a facebook-mcp fake state (not a JSON object)"));
  const auto format = core::read_string(state, "format", "state");
  if (!format || !*format) return std::unexpected(bad_state_file("is not a facebook-mcp fake state (no \"format\" field)"));
  if (**format != kWorldStateFormat) {
    if (format.value()->rfind(kFormatPrefix, 0) == 0) {
      return std::unexpected(bad_state_file("has format \"" + **format + "\"; this build reads \"" + kWorldStateFormat + "\""));
    }
    return std::unexpected(bad_state_file("is not a facebook-mcp fake state (format \"" + **format + "\")"));
  }
  SavedWorld world;
  const auto next_id = core::read_string(state, "next_id", "state");
  const auto parsed_next = next_id && *next_id ? parse_decimal(**next_id) : std::nullopt;
  if (!parsed_next) return std::unexpected(bad_state_file("is damaged: \"next_id\" must be a decimal string"));
  world.store.set_next_id(*parsed_next);
  const auto trace = core::read_int(state, "fbtrace_counter", "state");
  if (!trace || (*trace && **trace < 0)) return std::unexpected(bad_state_file("is damaged: \"fbtrace_counter\" must be a count"));
  world.fbtrace_counter = trace->value_or(0);

  const auto* objects = core::find_field(state, "objects");
  if (!objects || !objects->is_array()) return std::unexpected(bad_state_file("is damaged: \"objects\" must be a list"));
  std::set<std::string> ids;
  bool has_user = false;
  for (size_t i = 0; i < objects->size(); ++i) {
    const auto& item = (*objects)[i];
    const std::string where = "objects[" + std::to_string(i) + "]";
    const auto type = core::read_string(item, "type", where);
    const auto data = core::read_object(item, "data", where);
    if (!type || !*type || type->value().empty() || !data || !*data) {
      return std::unexpected(bad_state_file("is damaged: " + where + " needs a \"type\" string and a \"data\" object"));
    }
    const auto id = core::read_string(**data, "id", where + ".data");
    if (!id || !*id || id->value().empty()) return std::unexpected(bad_state_file("is damaged: " + where + " has no id"));
    if (!ids.insert(**id).second) return std::unexpected(bad_state_file("is damaged: object " + **id + " appears twice"));
    has_user = has_user || **type == "user";
    world.store.insert(**type, **data);
  }
  // Every Graph path starting at /me needs the token's user.
  if (!has_user) return std::unexpected(bad_state_file("is damaged: it holds no user (me) object"));
  return world;
}

core::Error state_file_error(const std::string& path, const std::string& problem) {
  return core::Error{core::ErrorKind::Internal,
                     "the fake state file " + path + " " + problem + "; it was left as it is",
                     "to start again from the fixtures run `facebook-mcp fake reset --state " + path +
                         "` (it deletes the file), or point FACEBOOK_FAKE_STATE / --state at another file",
                     {},
                     std::nullopt,
                     nullptr};
}

WorldStateFile::WorldStateFile(std::string path) : path_(std::move(path)) {}
WorldStateFile::~WorldStateFile() = default;

WorldStateFile::Session::Session(Session&& other) noexcept : file_(other.file_), lock_fd_(other.lock_fd_) {
  other.lock_fd_ = -1;
}

WorldStateFile::Session::~Session() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing the descriptor releases the flock
}

core::Result<WorldStateFile::Session> WorldStateFile::lock() {
  // The lock lives on a file of its own: the state file is replaced by rename on every save, and a lock on the
  // replaced inode would protect nothing.
  const std::string lock_path = path_ + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(state_file_error(path_, "cannot be locked: " + lock_path + " (" + errno_text() + ")"));
  const auto deadline = std::chrono::steady_clock::now() + kLockWait;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if ((errno != EWOULDBLOCK && errno != EINTR) || std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      return std::unexpected(
          state_file_error(path_, "stayed locked by another facebook-mcp process for " +
                                      std::to_string(kLockWait.count()) + " s (" + lock_path + ")"));
    }
    std::this_thread::sleep_for(kLockPoll);
  }
  return Session(*this, fd);
}

core::Result<void> WorldStateFile::Session::sync(ObjectStore& store, uint64_t& fbtrace_counter, const ObjectStore& seed) {
  auto& file = *file_;
  std::string text;
  auto read = read_file(file.path_, text);
  if (!read) return std::unexpected(state_file_error(file.path_, read.error().message));
  if (*read == ReadOutcome::Absent) {
    if (file.seen_) {  // deleted by `fake reset` while this process ran: start over, as a new process would
      store = seed;
      fbtrace_counter = 0;
      file.seen_ = false;
      file.last_text_.clear();
    }
    return {};
  }
  if (file.seen_ && text == file.last_text_) return {};
  auto parsed = core::parse_json_bounded(text);
  if (!parsed) return std::unexpected(state_file_error(file.path_, "is not valid JSON (" + parsed.error().message + ")"));
  auto world = decode_world_state(*parsed);
  if (!world) return std::unexpected(state_file_error(file.path_, world.error().message));
  store = std::move(world->store);
  fbtrace_counter = world->fbtrace_counter;
  file.seen_ = true;
  file.last_text_ = std::move(text);
  return {};
}

core::Result<void> WorldStateFile::Session::save(const ObjectStore& store, uint64_t fbtrace_counter) {
  auto& file = *file_;
  // Invalid UTF-8 a client sent in a name must not make dump() throw: it is replaced, as Graph would reject it.
  std::string text =
      encode_world_state(store, fbtrace_counter).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (auto written = write_atomically(file.path_, text); !written) {
    return std::unexpected(state_file_error(file.path_, written.error().message));
  }
  file.seen_ = true;
  file.last_text_ = std::move(text);
  return {};
}

core::Result<bool> reset_world_state(const std::string& path) {
  WorldStateFile file(path);
  auto session = file.lock();  // waits for a request another process is applying right now
  if (!session) return std::unexpected(session.error());
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  return std::unexpected(core::Error{core::ErrorKind::Internal, "cannot delete " + path + " (" + errno_text() + ")",
                                     "delete it by hand", {}, std::nullopt, nullptr});
}

}  // namespace fbmcp::fake
