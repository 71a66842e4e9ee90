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
int runPromotionRule(const QStringList &arguments);
int runPromotionRules(const QStringList &arguments);
int runReplicationAnalysis(const QStringList &arguments);
int runRecover(const QStringList &arguments);
int runAckRecovery(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runConfig(const QStringList &arguments);
// Topology operations (relocate, move-up, ..., enable-gtid): one implementation, the verb selects.
int runOperationVerb(const QString &verb, const QStringList &arguments);
QString operationSummary(const QString &verb);
int runAudit(const QStringList &arguments);
// Tags and lookups (tagcommands.cpp).
int runTag(const QStringList &arguments);
int runUntag(const QStringList &arguments);
int runTags(const QStringList &arguments);
int runSearch(const QStringList &arguments);
int runWhichReplicas(const QStringList &arguments);

} // namespace arbor::app
