// Wires one process's objects: settings → transport (emulator or libcurl) → GraphClient → registry → router.
// The only place that knows which mode we run in; nothing below it branches on the mode.
#pragma once
#include <memory>

#include "auth/token_access.hpp"
#include "core/settings.hpp"
#include "fake/graph_emulator.hpp"
#include "graph/graph_client.hpp"
#include "store/change_journal.hpp"
#include "store/idempotency_store.hpp"
#include "store/response_cache.hpp"
#include "store/webhook_event_store.hpp"
#include "tool/op_registry.hpp"
#include "tool/router.hpp"

namespace fbmcp::app {

struct Services {
  core::Settings settings;
  std::shared_ptr<fake::GraphEmulator> emulator;  // fake mode only
  std::shared_ptr<graph::Transport> transport;
  std::unique_ptr<graph::GraphClient> graph;
  std::unique_ptr<tool::AccountDirectory> accounts;
  std::unique_ptr<store::IdempotencyStore> idempotency;
  std::unique_ptr<store::WebhookEventStore> webhook_events;
  std::unique_ptr<store::ResponseCache> cache;
  std::unique_ptr<store::ChangeJournal> journal;  // every write that reached Meta (issue 14)
  std::unique_ptr<tool::SpendGuard> spend_guard;
  std::unique_ptr<auth::TokenAccess> tokens;  // stored identities, logins (issue 12)
  std::unique_ptr<tool::OpRegistry> registry;
  std::unique_ptr<tool::Router> router;
};

// Loads fixtures (fake mode) or prepares libcurl (live mode). Fails on unreadable fixtures or a live mode with no
// token, with a message that says what to set.
core::Result<std::unique_ptr<Services>> make_services(const core::Settings& settings);

// The fixtures-backed emulator fake mode and fake-graph use (directory from settings, else compiled in).
core::Result<std::shared_ptr<fake::GraphEmulator>> make_emulator(const core::Settings& settings);

// One line for banners and instructions: which mode, and why.
std::string mode_line(const core::Settings& settings);

}  // namespace fbmcp::app
