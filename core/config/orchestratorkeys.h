#pragma once

#include <QString>
#include <QStringList>

namespace arbor::core {

// Every key of orchestrator's configuration (its go/config/config.go, old synonyms and deprecated
// keys included), so that an orchestrator.conf.json never fails on a key orchestrator itself knows:
// a key Arbor honours is read by ServiceConfig / RecoveryConfig; any other one is a warning that
// says why Arbor ignores it. A key that is neither Arbor's nor orchestrator's is a typo, and an error.
class OrchestratorKeys
{
public:
    static bool isKnown(const QString &key);
    // Why Arbor ignores @p key (a sentence); empty when Arbor honours it or does not know it.
    static QString ignoredBecause(const QString &key);
    static const QStringList &names();

    // The candidate closest to @p key by edit distance (case-insensitive), when it is close enough to
    // be a typo of it; empty otherwise.
    static QString nearest(const QString &key, const QStringList &candidates);
};

} // namespace arbor::core
