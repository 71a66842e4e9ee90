#pragma once

namespace arbor::app {

// Replaces this process with arbor-service (next to this binary in a build tree, or
// ../libexec/arbor/ when installed), keeping the arguments, environment and PID. Returns only when
// there is no such binary or exec failed; the caller then runs the service in this process.
void execHeadlessService(char **argv);

} // namespace arbor::app
