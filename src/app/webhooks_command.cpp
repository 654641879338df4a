#include "app/webhooks_command.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/user_token_removal.hpp"
#include "core/log.hpp"
#include "core/settings.hpp"
#include "store/idempotency_store.hpp"
#include "webhook/webhook_server.hpp"

namespace fbmcp::app {
namespace {

constexpr const char* kWebhooksUsage =
    "usage: facebook-mcp webhooks --port N [--host 127.0.0.1] [--public-url https://example.com/fb]\n"
    "  needs FACEBOOK_APP_SECRET (signatures) and FACEBOOK_WEBHOOK_VERIFY_TOKEN (the subscription check)\n";

// The running receiver, for the signal handler: SIGINT/SIGTERM stop it so SQLite closes cleanly.
webhook::WebhookServer* running_receiver = nullptr;

}  // namespace

int webhooks_command(const std::vector<std::string>& args) {
  int port = -1;
  std::string host = "127.0.0.1";  // loopback unless the user puts it behind their own reverse proxy
  std::string public_url;
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--port" && has_value) {
      try {
        port = std::stoi(args[++i]);
      } catch (...) {
        port = -1;
      }
      if (port < 0 || port > 65535) {
        std::cerr << "webhooks: --port needs a number from 0 to 65535 (0 = any free port)\n";
        return 2;
      }
    } else if (args[i] == "--host" && has_value) {
      host = args[++i];
    } else if (args[i] == "--public-url" && has_value) {
      public_url = args[++i];
      while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
    } else {
      std::cerr << "webhooks: unexpected '" << args[i] << "'\n" << kWebhooksUsage;
      return 2;
    }
  }
  if (port < 0) {
    std::cerr << "webhooks: --port is required\n" << kWebhooksUsage;
    return 2;
  }
  const auto settings = core::load_settings(false);
  if (!settings.settings_error.empty()) {
    std::cerr << "webhooks: " << settings.settings_error << "\n";
    return 2;
  }
  if (settings.app_secret.empty()) {
    std::cerr << "webhooks: FACEBOOK_APP_SECRET is not set: without it no event or signed_request can be verified, "
                 "so nothing would be accepted\n"
              << kWebhooksUsage;
    return 2;
  }
  core::set_stderr_level(core::LogLevel::Info);
  if (settings.webhook_verify_token.empty()) {
    core::log(core::LogLevel::Warning, "webhooks",
              "FACEBOOK_WEBHOOK_VERIFY_TOKEN is not set: Meta's subscription check (GET) will be refused");
  }
  const std::string data_dir = settings.data_dir.empty() ? store::default_data_dir() : settings.data_dir;
  auto events = store::WebhookEventStore::open(store::webhooks_db_path(data_dir));
  auto deletions = events ? store::DataDeletionLog::open(store::webhooks_db_path(data_dir))
                          : core::Result<std::unique_ptr<store::DataDeletionLog>>(nullptr);
  if (!events || !deletions) {
    const auto& error = !events ? events.error() : deletions.error();
    std::cerr << "webhooks: " << error.message << " (" << error.hint << ")\n";
    return 1;
  }
  webhook::WebhookReceiverConfig config{settings.app_secret, settings.webhook_verify_token, public_url};
  webhook::WebhookServer server(config, **events, **deletions,
                                [data_dir](const std::string& user_id) { return remove_user_tokens(data_dir, user_id); });
  running_receiver = &server;
  std::signal(SIGINT, [](int) { running_receiver->stop(); });
  std::signal(SIGTERM, [](int) { running_receiver->stop(); });
  auto served = server.run(host, port, [&](int) {
    std::printf("listening on %s\n", server.base_url().c_str());
    std::fflush(stdout);
    std::fprintf(stderr,
                 "webhooks: events and user callbacks are stored in %s/webhooks.db. Callback URLs for the app "
                 "dashboard (behind your https proxy): <url>/ (webhooks), <url>/deauthorize, <url>/data-deletion\n",
                 data_dir.c_str());
  });
  running_receiver = nullptr;
  if (!served) {
    std::cerr << "webhooks: " << served.error().message << " (" << served.error().hint << ")\n";
    return 1;
  }
  return 0;
}

}  // namespace fbmcp::app
