// Closing one of FakeGraphServer's own client connections without writing to it: the "close_after_apply" fault.
// cpp-httplib (Debian's 0.11) gives handlers no socket and writes the answer after the handler returns, so the
// connection is found by its two loopback ports and its descriptor is replaced by /dev/null: the socket closes at
// once (the client reads end-of-stream before any byte of an answer), and httplib's later write of the answer and
// read of the next request go to /dev/null harmlessly — no SIGPIPE, no descriptor reused behind its back.
#pragma once

namespace fbmcp::fake {

// The TCP connection whose local port is `local_port` and whose peer port is `remote_port` (both 127.0.0.1).
// Returns false when no such socket is open in this process. Linux only (/proc/self/fd).
bool drop_connection(int local_port, int remote_port);

}  // namespace fbmcp::fake
