#pragma once

#include "probe/polleroptions.h"

namespace arbor::testsupport {

class Sandbox;

// What the GUI tests poll a sandbox with: its own user, 1 s connect and 2 s read timeouts, a poll
// every second, so that a change shows within a few seconds.
core::PollerOptions sandboxPollerOptions(const Sandbox &sandbox);

} // namespace arbor::testsupport
