#include "sandboxpoller.h"

#include "sandbox.h"

namespace arbor::testsupport {

core::PollerOptions sandboxPollerOptions(const Sandbox &sandbox)
{
    core::PollerOptions o;
    o.probe.credentials = core::Credentials(sandbox.user(), sandbox.password());
    o.probe.connectTimeoutSeconds = 1;
    o.probe.readTimeoutSeconds = 2;
    o.pollIntervalMs = 1000;
    return o;
}

} // namespace arbor::testsupport
