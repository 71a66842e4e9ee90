#pragma once

#include "model/binlogcoordinates.h"
#include "model/flavour.h"
#include "model/instancekey.h"
#include "model/replicaclaim.h"
#include "model/replicationstate.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>

#include <optional>

namespace arbor::core {

struct SemiSyncState
{
    bool available = false;       // plugin loaded / built in
    bool sourceEnabled = false;   // rpl_semi_sync_master_enabled / _source_enabled
    bool replicaEnabled = false;  // rpl_semi_sync_slave_enabled / _replica_enabled
    bool sourceActive = false;    // status: Rpl_semi_sync_master_status
    bool replicaActive = false;   // status: Rpl_semi_sync_slave_status
    int sourceClients = 0;
    qint64 sourceTimeoutMs = 0;
    int sourceWaitForReplicaCount = 0;
};

// One poll's facts about one server. A value type: the poller produces a new one each poll.
struct Instance
{
    InstanceKey key;
    qint64 serverId = 0;
    QString serverUuid; // MySQL; empty on MariaDB, which has none
    QString version;
    QString versionComment;
    Flavour flavour = Flavour::Unknown;
    QString hostname;   // @@hostname
    QString reportHost; // @@report_host
    int reportPort = 0;
    int serverPort = 0; // @@port: with server_id, UUID and @@hostname, who this server is
    qint64 uptimeSeconds = 0;

    bool readOnly = false;
    bool superReadOnly = false;
    bool logBin = false;
    bool logReplicaUpdates = false;
    QString binlogFormat;
    QString binlogRowImage;
    int replicaNetTimeout = 0; // slave_net_timeout

    // GTID: MySQL gtid_mode (OFF/ON/...); MariaDB always supports GTID, mode reports "ON" when
    // gtid_strict_mode is set and "OFF"-ish otherwise is not meaningful, so we keep the raw fields.
    QString gtidMode;
    QString executedGtidSet; // MySQL gtid_executed; MariaDB gtid_current_pos
    QString purgedGtidSet;   // MySQL gtid_purged; MariaDB gtid_binlog_state's oldest is not exposed: empty
    QString gtidBinlogPos;   // MariaDB gtid_binlog_pos
    QString gtidSlavePos;    // MariaDB gtid_slave_pos
    bool gtidStrictMode = false;
    qint64 gtidDomainId = 0;
    BinlogCoordinates selfCoordinates; // SHOW MASTER STATUS

    std::optional<ReplicationState> replication; // empty when not a replica
    QList<InstanceKey> replicaKeys;              // from SHOW SLAVE HOSTS / processlist
    QList<ReplicaClaim> replicaClaims;           // SHOW SLAVE HOSTS rows, judged (see ReplicaClaim)
    // Set when this address was claimed by a replica (report_host/report_port) but is not trusted:
    // the server there answers as another server, or the claimed host is not where the replica
    // connects from. Such an instance carries no facts and is not polled.
    QString identityProblem;
    SemiSyncState semiSync;
    std::optional<double> heartbeatLagSeconds; // configured heartbeat query, when set

    QString dataCenter;
    QString region;
    // orchestrator's DetectClusterAliasQuery, read on a server with no source: the alias its cluster
    // takes unless one is set by hand (SuggestedClusterAlias in the instance JSON).
    QString suggestedClusterAlias;

    // Poll bookkeeping.
    QDateTime lastChecked;
    QDateTime lastSeen;
    bool lastCheckValid = false;
    QString lastError;
    qint64 pollLatencyUs = 0;
    QStringList warnings; // settings that slow failure detection and the like

    bool isReplica() const { return replication.has_value() && replication->sourceKey.isValid(); }
    InstanceKey sourceKey() const { return isReplica() ? replication->sourceKey : InstanceKey(); }
    bool usesGtid() const;
    // Lag the UI and rules use: the heartbeat when configured and read, else Seconds_Behind_Master.
    std::optional<qint64> lagSeconds() const;
    ServerVersion serverVersion() const { return ServerVersion::parse(version); }

    // A failed poll knows nothing new but the failure: keep the last known facts of `previous`,
    // marked unverified, with this poll's time and error.
    static Instance mergeFailedPoll(const Instance &failed, const Instance &previous);
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::Instance)
