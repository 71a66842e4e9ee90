#include "syntheticfacts.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::testsupport {

Instance SyntheticFacts::plannedServer(int port, int sourcePort, bool gtid)
{
    Instance i;
    i.key = InstanceKey(u"db"_s, port);
    i.serverId = port;
    i.version = u"10.11.6-MariaDB-log"_s;
    i.flavour = Flavour::MariaDB;
    i.logBin = true;
    i.logReplicaUpdates = true;
    i.binlogFormat = u"ROW"_s;
    i.lastCheckValid = true;
    i.readOnly = sourcePort != 0;
    i.selfCoordinates = {u"bin.000003"_s, 1000 + port};
    i.gtidBinlogPos = u"0-1-100"_s;
    i.gtidSlavePos = u"0-1-100"_s;
    if (sourcePort) {
        ReplicationState r;
        r.sourceKey = InstanceKey(u"db"_s, sourcePort);
        r.ioThread = ReplicationState::ThreadState::Running;
        r.sqlThread = ReplicationState::ThreadState::Running;
        r.secondsBehindSource = 0;
        r.gtidPositioning = gtid ? u"Slave_Pos"_s : u"No"_s;
        r.execCoordinates = {u"bin.000001"_s, 500};
        r.connectRetry = 10;
        i.replication = r;
    }
    return i;
}

Instance SyntheticFacts::reachableServer(const InstanceKey &key, const QList<InstanceKey> &replicas, const QString &version)
{
    Instance i;
    i.key = key;
    i.serverId = key.port();
    i.version = version;
    i.flavour = Flavour::MariaDB;
    i.logBin = true;
    i.logReplicaUpdates = true;
    i.binlogFormat = u"ROW"_s;
    i.replicaKeys = replicas;
    i.lastCheckValid = true;
    return i;
}

Instance SyntheticFacts::healthyReplica(const InstanceKey &key, const InstanceKey &source, const QList<InstanceKey> &replicas,
                                        const QString &version)
{
    Instance i = reachableServer(key, replicas, version);
    i.readOnly = true;
    ReplicationState r;
    r.sourceKey = source;
    r.ioThread = ReplicationState::ThreadState::Running;
    r.sqlThread = ReplicationState::ThreadState::Running;
    r.secondsBehindSource = 0;
    r.gtidPositioning = u"Slave_Pos"_s;
    i.replication = r;
    return i;
}

Instance SyntheticFacts::storedInstance(const QString &host, int port, const InstanceKey &source)
{
    Instance i;
    i.key = InstanceKey(host, port);
    i.serverId = port;
    i.version = u"10.11.6-MariaDB-log"_s;
    i.flavour = Flavour::MariaDB;
    i.lastChecked = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 250), Qt::UTC);
    i.lastSeen = i.lastChecked;
    i.lastCheckValid = true;
    if (source.isValid()) {
        ReplicationState r;
        r.sourceKey = source;
        r.ioThread = ReplicationState::ThreadState::Running;
        r.sqlThread = ReplicationState::ThreadState::Running;
        r.secondsBehindSource = 0;
        i.replication = r;
    }
    return i;
}

} // namespace arbor::testsupport
