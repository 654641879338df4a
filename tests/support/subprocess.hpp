// A child process with pipes, for end-to-end tests that speak MCP to the real binary. Every wait is bounded and
// the child is killed by its own pid if it outlives the test.
#pragma once
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fbmcp::testing {

class Subprocess {
 public:
  Subprocess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& extra_env = {});
  ~Subprocess();

  void write_line(const std::string& line);
  // Next stdout line within `timeout_ms`, else nullopt.
  std::optional<std::string> read_line(int timeout_ms = 10000);
  void close_stdin();
  // Stops reading the child's stdout (its next write meets a closed pipe).
  void close_stdout();
  // Exit code, or -1 when it did not exit within `timeout_ms` (then it is killed).
  int wait(int timeout_ms = 10000);
  // Everything written to stderr so far (drained without blocking).
  std::string drain_stderr();
  // Everything left on stdout (after exit).
  std::string drain_stdout();

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  std::string out_buffer_, err_buffer_;
};

}  // namespace fbmcp::testing
