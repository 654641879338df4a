#include "app/services.hpp"

#include "app/token_access_wiring.hpp"

#include "fake/emulator_transport.hpp"
#include "graph/graph_time.hpp"
#include "graph/curl_transport.hpp"
#include "ops/all_ops.hpp"

namespace fbmcp::app {

core::Result<std::shared_ptr<fake::GraphEmulator>> make_emulator(const core::Settings& settings) {
  auto reader = settings.fixtures_dir.empty() ? fake::embedded_fixture_reader()
                                              : fake::directory_fixture_reader(settings.fixtures_dir);
  auto world = fake::load_world(reader);
  if (!world) return std::unexpected(world.error());
  fake::EmulatorOptions options;
  options.api_version = settings.api_version;
  if (!settings.fake_clock.empty()) options.now = [clock = settings.fake_clock] { return clock; };
  auto emulator = std::make_shared<fake::GraphEmulator>(std::move(*world), options);
  if (!settings.fake_state.empty()) {
    // A damaged or foreign file refuses the start here, before anything could overwrite it.
    if (auto kept = emulator->persist_to(std::make_shared<fake::WorldStateFile>(settings.fake_state)); !kept) {
      return std::unexpected(kept.error());
    }
  }
  return emulator;
}

namespace {

// The change journal: <data dir>/journal.db live; fake mode's changes are not real, so its journal lives with its
// world: in memory for the process, or beside the state file (<FILE>.journal.db) when the world is kept in one, so
// list_changes and undo_change work after a restart as the world does.
core::Result<std::unique_ptr<store::ChangeJournal>> open_change_journal(const core::Settings& settings) {
  // A fixed clock (FACEBOOK_FAKE_CLOCK; tests set it for the live path against fake-graph too) dates every row.
  std::function<int64_t()> clock;
  if (const auto fixed = graph::parse_graph_time(settings.fake_clock)) clock = [at = *fixed] { return at; };
  if (settings.mode == core::Mode::Fake) {
    if (settings.fake_state.empty()) return store::ChangeJournal::open(":memory:", clock);
    return store::ChangeJournal::open(store::fake_journal_path(settings.fake_state), clock, false);
  }
  return store::ChangeJournal::open(
      store::journal_db_path(settings.data_dir.empty() ? store::default_data_dir() : settings.data_dir), clock);
}

}  // namespace

core::Result<std::unique_ptr<Services>> make_services(const core::Settings& settings) {
  if (!settings.settings_error.empty()) {
    return core::fail(core::ErrorKind::InvalidArgs, settings.settings_error, "fix the setting or unset it");
  }
  auto guard = tool::SpendGuard::from_json(settings.spend_limits);
  if (!guard) return std::unexpected(guard.error());
  auto services = std::make_unique<Services>();
  services->settings = settings;
  services->spend_guard = std::make_unique<tool::SpendGuard>(std::move(*guard));
  if (settings.mode == core::Mode::Fake) {
    auto emulator = make_emulator(settings);
    if (!emulator) return std::unexpected(emulator.error());
    services->emulator = *emulator;
    services->transport = std::make_shared<fake::EmulatorTransport>(services->emulator);
  } else {
    if (settings.access_token.empty()) {
      return core::fail(core::ErrorKind::Unauthenticated, "live mode needs FACEBOOK_ACCESS_TOKEN",
                        "set FACEBOOK_ACCESS_TOKEN, or run with --fake / FACEBOOK_MODE=fake for the emulator");
    }
    services->transport = std::make_shared<graph::CurlTransport>(curl_options(settings, settings.access_token));
  }
  services->graph = std::make_unique<graph::GraphClient>(services->transport);
  services->accounts = std::make_unique<tool::AccountDirectory>(*services->graph);
  const std::string data_dir = settings.data_dir.empty() ? store::default_data_dir() : settings.data_dir;
  // Fake mode's idempotency keys live in memory even when its world is kept in a state file: they guard the
  // retries of one process's calls, and a key whose object is gone would be ignored anyway.
  const std::string store_path = settings.mode == core::Mode::Fake
                                     ? ":memory:"
                                     : data_dir + "/store.sqlite";
  auto idempotency = store::IdempotencyStore::open(store_path);
  if (!idempotency) return std::unexpected(idempotency.error());
  services->idempotency = std::move(*idempotency);
  // Webhook events are real Meta traffic, so fake mode ("nothing real is read") shows none of them.
  auto webhook_events = store::WebhookEventStore::open(
      settings.mode == core::Mode::Fake
          ? ":memory:"
          : store::webhooks_db_path(data_dir));
  if (!webhook_events) return std::unexpected(webhook_events.error());
  services->webhook_events = std::move(*webhook_events);
  // Fake mode's answers are of a world that lives as long as the process, so they are kept in memory too.
  auto cache = store::ResponseCache::open(settings.mode == core::Mode::Fake ? ":memory:" : store::cache_db_path(data_dir));
  if (!cache) return std::unexpected(cache.error());
  services->cache = std::move(*cache);
  auto journal = open_change_journal(settings);
  if (!journal) return std::unexpected(journal.error());
  services->journal = std::move(*journal);
  services->registry = std::make_unique<tool::OpRegistry>();
  ops::register_all_ops(*services->registry);
  services->registry->set_read_only(settings.read_only);
  services->router = std::make_unique<tool::Router>(*services->registry, *services->graph, *services->accounts,
                                                    settings.mode, services->idempotency.get(), services->spend_guard.get());
  services->tokens = make_token_access(settings, services->emulator);
  services->router->set_token_access(services->tokens.get());
  services->router->set_max_result_chars(settings.max_result_chars);
  services->router->set_token_expiry(settings.token_label, settings.token_expires_at);
  services->router->set_webhook_events(services->webhook_events.get());
  services->router->set_response_cache(services->cache.get());
  services->router->set_data_dir(data_dir);
  services->router->set_journal(services->journal.get());
  return services;
}

std::string mode_line(const core::Settings& settings) {
  if (settings.mode == core::Mode::Fake) {
    return "FAKE MODE (" + settings.mode_reason +
           "): an in-process Graph API emulator seeded with sample accounts answers every op; nothing real is read "
           "or changed and " +
           (settings.fake_state.empty() ? std::string("changes last only while this process runs")
                                        : "changes are kept in " + settings.fake_state +
                                              " (facebook-mcp fake reset starts over)") +
           ". Set FACEBOOK_ACCESS_TOKEN for live Meta.";
  }
  return "LIVE MODE (" + settings.mode_reason + "): calls go to " + settings.graph_url + "/" + settings.api_version +
         " with the configured token; changes are real and can spend money.";
}

}  // namespace fbmcp::app
