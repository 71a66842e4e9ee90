#pragma once

#include <QStringList>

namespace arbor::app {

// One function per CLI verb; each returns the process exit code (0 ok, 1 failed, 2 bad usage).
int runDiscover(const QStringList &arguments);
int runTopology(const QStringList &arguments);
int runClusters(const QStringList &arguments);
int runInstance(const QStringList &arguments);
int runWatch(const QStringList &arguments);
int runCheck(const QStringList &arguments);
int runForget(const QStringList &arguments);
int runBeginDowntime(const QStringList &arguments);
int runEndDowntime(const QStringList &arguments);
int runDowntimed(const QStringList &arguments);
int runAlias(const QStringList &arguments);

} // namespace arbor::app
