#include "app/fake_graph_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/services.hpp"
#include "fake/fake_graph_server.hpp"

namespace fbmcp::app {

int fake_graph_command(const std::vector<std::string>& args) {
  int port = 0;
  int latency_ms = 0;
  std::string app_secret;  // when set, calls without a matching appsecret_proof are refused
  bool strict_tokens = false;  // refuse tokens the emulator did not issue, expired and revoked ones (code 190)
  core::Settings settings = core::load_settings(true);
  std::vector<nlohmann::json> faults;
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--port" && has_value) {
      try {
        port = std::stoi(args[++i]);
      } catch (...) {
        std::cerr << "fake-graph: --port needs a number (0 = any free port)\n";
        return 2;
      }
    } else if (args[i] == "--latency-ms" && has_value) {
      latency_ms = std::atoi(args[++i].c_str());
    } else if (args[i] == "--app-secret" && has_value) {
      app_secret = args[++i];
    } else if (args[i] == "--strict-tokens") {
      strict_tokens = true;
    } else if (args[i] == "--fixtures" && has_value) {
      settings.fixtures_dir = args[++i];
    } else if (args[i] == "--fault" && has_value) {
      faults.push_back(nlohmann::json::parse(args[++i], nullptr, false));
    } else {
      std::cerr << "fake-graph: unexpected '" << args[i]
                << "'\nusage: facebook-mcp fake-graph --port N [--fixtures DIR] [--latency-ms MS] [--app-secret S] [--strict-tokens] [--fault '{\"kind\":\"graph_error\",\"code\":17}']\n";
      return 2;
    }
  }
  auto emulator = make_emulator(settings);
  if (!emulator) {
    std::cerr << "fake-graph: " << emulator.error().message << "\n";
    return 1;
  }
  fake::FakeGraphServer server(*emulator);
  server.set_latency_ms(latency_ms);
  if (!app_secret.empty()) {
    server.require_appsecret_proof(app_secret);
    (*emulator)->set_app_secret(app_secret);  // the app's secret for /oauth/access_token too
  }
  (*emulator)->require_known_tokens(strict_tokens);
  for (const auto& spec : faults) {
    auto fault = fake::parse_fault(spec);
    if (!fault) {
      std::cerr << "fake-graph: --fault: " << fault.error().message << "\n";
      return 2;
    }
    server.faults().add(*fault);
  }
  auto served = server.run(port, [](int bound) {
    std::printf("listening on http://127.0.0.1:%d\n", bound);
    std::fflush(stdout);
    std::fprintf(stderr,
                 "fake-graph: the Graph API emulator on 127.0.0.1:%d. Point the server at it with\n"
                 "  FACEBOOK_MODE=live FACEBOOK_GRAPH_URL=http://127.0.0.1:%d FACEBOOK_ACCESS_TOKEN=anything\n"
                 "Faults: POST /__control/faults {\"kind\":\"graph_error\",\"code\":17,\"count\":2,\"path\":\"campaigns\"}; "
                 "GET /__control/stats.\n",
                 bound, bound);
  });
  if (!served) {
    std::cerr << "fake-graph: " << served.error().message << " (" << served.error().hint << ")\n";
    return 1;
  }
  return 0;
}

}  // namespace fbmcp::app
