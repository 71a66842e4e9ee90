#pragma once

#include "sandbox.h"

#include "util/result.h"

#include <QJsonObject>
#include <QString>

namespace arbor::testsupport {

// A loopback TCP port that was free a moment ago (for services a test starts).
int freeLocalPort();

// Starts `backend` and makes its server 0 a shared Arbor backend: creates `database`, a user 'svc'
// with all privileges on it, and a mode-600 [client] credentials file for that user in `directory`.
// Returns the "backend" section of a service config that uses it.
core::Result<QJsonObject> startServiceBackend(Sandbox &backend, const QString &database, const QString &directory);

} // namespace arbor::testsupport
