#pragma once

#include "sandbox.h"

#include "util/result.h"

#include <QString>

namespace arbor::testsupport {

// A loopback TCP port that was free a moment ago (for services a test starts).
int freeLocalPort();

// Makes server 0 of `backend` a shared Arbor backend: creates `database`, a user 'svc' with all
// privileges on it, and a mode-600 [client] credentials file for that user in `directory`.
// Returns the credentials file's path.
core::Result<QString> prepareServiceBackend(Sandbox &backend, const QString &database, const QString &directory);

} // namespace arbor::testsupport
