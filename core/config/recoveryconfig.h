#pragma once

#include "analysis/analysisoptions.h"
#include "core/recovery/recoveryoptions.h"
#include "util/result.h"

#include <QJsonObject>
#include <QStringList>

namespace arbor::core {

class ConfigReader;

// The recovery part of the service config: orchestrator's flat keys (RecoveryPeriodBlockSeconds,
// RecoverMasterClusterFilters, PreFailoverProcesses, ...) so an orchestrator.conf.json carries over,
// and Arbor's sections "recovery", "hooks" and "analysis" (which win when both are given). Hook
// commands are parsed here already, so a hook Arbor would refuse is refused by `arbor config check`,
// not at 3 a.m. in the middle of a failover.
struct RecoveryConfig
{
    RecoveryOptions options;
    AnalysisOptions analysis;
    bool automatic = true;              // recovery.automatic: false = detect and record, never act alone
    QString replicationCredentialsFile; // graceful takeover: the old master's replication account

    // Reads every recovery key of @p root into @p out; problems go to @p reader with their key path.
    static void read(ConfigReader &reader, const QJsonObject &root, RecoveryConfig *out);
    // The hook lists by orchestrator's key name, for `arbor config migrate`.
    static QList<std::pair<QString, QStringList>> hookLists(const RecoveryOptions &options);
    // Only the recovery keys of a config file (for `arbor recover --config FILE`); errors joined.
    static Result<RecoveryConfig> load(const QString &path);

    // The options with the replication account read from its file.
    Result<RecoveryOptions> resolvedOptions() const;
    // One line per setting that differs from Arbor's default, for the log at start.
    QString summary() const;
};

} // namespace arbor::core
