// How fast customer rows are normalized and hashed: rows per second per core for 1,000,000 emails (one thread,
// so the figure is per core), and how that compares with the machine's raw SHA-256 speed for 64-byte blocks
// (`openssl speed -bytes 64 sha256`, the size of one short email's message). The hashing is the limit: an email
// is one SHA-256 block, so the best possible rate is openssl's 64-byte rate.
// Then the wall time of add_audience_users with 100,000 people from a CSV file over the live path (CurlTransport →
// FakeGraphServer on 127.0.0.1) with 50 ms added per HTTP request: 10 requests, several in flight at once.
// Run: ./build/tests/fbmcp_audience_bench [latency_ms]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "ops/audiences/customer_key.hpp"
#include "support/fake_services.hpp"

namespace {

// openssl's "sha256 … <N>k" 64-byte column (thousands of bytes per second), or 0 when openssl is not available.
double openssl_sha256_64_byte_rate() {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen("openssl speed -seconds 2 -bytes 64 sha256 2>/dev/null", "r"), pclose);
  if (!pipe) return 0;
  char line[512];
  double kbytes = 0;
  while (fgets(line, sizeof line, pipe.get())) {
    std::string text(line);
    if (text.rfind("sha256", 0) != 0) continue;
    const auto k = text.rfind('k');
    const auto start = text.find_last_of(' ', k);
    if (k != std::string::npos && start != std::string::npos) kbytes = std::stod(text.substr(start + 1, k - start - 1));
  }
  return kbytes * 1000 / 64;  // hashes per second
}

}  // namespace

int main(int argc, char** argv) {
  using clock = std::chrono::steady_clock;
  constexpr int kRows = 1'000'000;
  size_t checksum = 0;
  const auto start = clock::now();
  for (int i = 0; i < kRows; ++i) {
    const std::string email = "  Customer.Number" + std::to_string(i) + "@Example.COM ";
    const auto wire = fbmcp::ops::wire_customer_value(fbmcp::ops::CustomerKey::Email, email);
    checksum += wire ? static_cast<unsigned char>((*wire)[0]) : 0;
  }
  const double seconds = std::chrono::duration<double>(clock::now() - start).count();
  const double rate = kRows / seconds;
  std::printf("normalize + SHA-256 of %d emails on one core: %.2f s, %.0f rows/s per core (checksum %zu)\n", kRows,
              seconds, rate, checksum);
  const double openssl = openssl_sha256_64_byte_rate();
  if (openssl > 0) {
    std::printf("openssl speed sha256, 64-byte blocks: %.0f hashes/s; this program reaches %.0f %% of it\n", openssl,
                100 * rate / openssl);
  } else {
    std::printf("openssl not found: no comparison with raw SHA-256 speed\n");
  }

  const int latency = argc > 1 ? std::atoi(argv[1]) : 50;
  const std::string csv = (std::filesystem::temp_directory_path() / "fbmcp_audience_bench.csv").string();
  {
    std::ofstream out(csv);
    out << "email,phone,country\n";
    for (int i = 0; i < 100'000; ++i) out << "Person" << i << "@Example.com,+1 650 " << 1'000'000 + i << ",US\n";
  }
  auto world = fbmcp::testing::http_world();
  world->server->set_latency_ms(latency);
  const auto upload_start = clock::now();
  const auto result = world->services->router->call(
      {{"op", "add_audience_users"}, {"args", {{"audience_id", "238510000000000002"}, {"csv_path", csv}}}}, {});
  const double upload_seconds = std::chrono::duration<double>(clock::now() - upload_start).count();
  std::filesystem::remove(csv);
  std::printf("add_audience_users, 100,000 rows from CSV over HTTP at %d ms latency: %.2f s wall (%s)\n", latency,
              upload_seconds, result.is_error ? "FAILED" : result.structured["summary"].get<std::string>().c_str());
  return 0;
}
