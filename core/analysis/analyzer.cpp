#include "analysis/analyzer.h"

#include "model/mariadbgtidlist.h"
#include "model/mysqlgtidset.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

using C = AnalysisCode;
using T = ReplicationState::ThreadState;

struct Counts
{
    int replicas = 0;
    int valid = 0;
    int replicating = 0;
    int agreeLost = 0;
    int failing = 0;
    int lagging = 0;
    int downtimed = 0;
};

Counts countReplicas(const Topology &topology, const QList<InstanceKey> &replicas, const AnalysisOptions &options,
                     const QSet<InstanceKey> &downtimed)
{
    Counts c;
    for (const InstanceKey &k : replicas) {
        const Instance *r = topology.instance(k);
        if (!r)
            continue;
        ++c.replicas;
        if (downtimed.contains(k))
            ++c.downtimed;
        if (!r->lastCheckValid)
            continue;
        ++c.valid;
        if (r->replication && r->replication->isHealthy())
            ++c.replicating;
        if (Analyzer::agreesSourceLost(*r))
            ++c.agreeLost;
        if (Analyzer::failingToConnect(*r))
            ++c.failing;
        const auto lag = r->lagSeconds();
        if (lag && *lag > options.reasonableReplicationLagSeconds)
            ++c.lagging;
    }
    return c;
}

void fill(ReplicationAnalysis &a, const Counts &c)
{
    a.countReplicas = c.replicas;
    a.countValidReplicas = c.valid;
    a.countValidReplicatingReplicas = c.replicating;
    a.countReplicasAgreeingSourceLost = c.agreeLost;
    a.countReplicasFailingToConnect = c.failing;
    a.countLaggingReplicas = c.lagging;
    a.countDowntimedReplicas = c.downtimed;
}

C classifyMaster(const Instance &m, const Counts &c)
{
    if (!m.lastCheckValid) {
        if (c.replicas == 0)
            return C::DeadMasterWithoutReplicas;
        if (c.valid == 0)
            return C::DeadMasterAndReplicas;
        if (c.agreeLost == c.valid)
            return c.valid == c.replicas ? C::DeadMaster : C::DeadMasterAndSomeReplicas;
        if (c.lagging == c.valid)
            return C::UnreachableMasterWithLaggingReplicas;
        return C::UnreachableMaster;
    }
    const SemiSyncState &s = m.semiSync;
    if (s.sourceEnabled && s.sourceActive && s.sourceClients < qMax(1, s.sourceWaitForReplicaCount))
        return C::LockedSemiSyncMasterHypothesis;
    if (c.replicas == 1) {
        if (c.valid == 0)
            return C::MasterSingleReplicaDead;
        if (c.replicating == 0)
            return C::MasterSingleReplicaNotReplicating;
        return C::NoProblem;
    }
    if (c.replicas > 1 && c.replicating == 0) {
        if (c.valid == c.replicas)
            return C::AllMasterReplicasNotReplicating;
        if (c.valid > 0)
            return C::AllMasterReplicasNotReplicatingOrDead;
    }
    return C::NoProblem;
}

C classifyIntermediate(const Instance &im, const Counts &c)
{
    if (!im.lastCheckValid) {
        if (c.valid == 0)
            return C::DeadIntermediateMasterAndReplicas;
        if (c.agreeLost == c.valid) {
            if (c.valid < c.replicas)
                return C::DeadIntermediateMasterAndSomeReplicas;
            if (c.replicas == 1)
                return c.failing == 1 ? C::DeadIntermediateMasterWithSingleReplicaFailingToConnect
                                      : C::DeadIntermediateMasterWithSingleReplica;
            return C::DeadIntermediateMaster;
        }
        if (c.lagging == c.valid)
            return C::UnreachableIntermediateMasterWithLaggingReplicas;
        return C::UnreachableIntermediateMaster;
    }
    if (c.failing > 0 && c.failing + (c.replicas - c.valid) == c.replicas)
        return C::AllIntermediateMasterReplicasFailingToConnectOrDead;
    if (c.replicating == 0 && c.valid == c.replicas)
        return C::AllIntermediateMasterReplicasNotReplicating;
    return C::NoProblem;
}

QString describe(const ReplicationAnalysis &a)
{
    const QString who = a.key.toString();
    const QString counts = u"%1 of %2 replicas reachable, %3 of them say they lost it, %4 still replicate"_s
                               .arg(a.countValidReplicas)
                               .arg(a.countReplicas)
                               .arg(a.countReplicasAgreeingSourceLost)
                               .arg(a.countValidReplicatingReplicas);
    switch (a.code) {
    case C::NoProblem:
        return a.structureWarnings.isEmpty() ? u"%1 is fine."_s.arg(who)
                                             : u"%1 replicates, with structure warnings: %2."_s.arg(
                                                   who, a.structureWarnings.join(u", "_s));
    case C::DeadMasterWithoutReplicas: return u"master %1 is unreachable and has no replicas."_s.arg(who);
    case C::DeadMaster: return u"master %1 is dead: unreachable, and %2."_s.arg(who, counts);
    case C::DeadMasterAndReplicas: return u"master %1 and all its replicas are unreachable."_s.arg(who);
    case C::DeadMasterAndSomeReplicas: return u"master %1 is dead and some replicas are unreachable: %2."_s.arg(who, counts);
    case C::UnreachableMasterWithLaggingReplicas:
        return u"master %1 is unreachable and every reachable replica lags: %2."_s.arg(who, counts);
    case C::UnreachableMaster:
        return u"master %1 is unreachable but replicas still replicate from it (%2): not dead yet."_s.arg(who, counts);
    case C::MasterSingleReplicaNotReplicating: return u"the only replica of master %1 does not replicate."_s.arg(who);
    case C::MasterSingleReplicaDead: return u"the only replica of master %1 is unreachable."_s.arg(who);
    case C::AllMasterReplicasNotReplicating: return u"no replica of master %1 replicates."_s.arg(who);
    case C::AllMasterReplicasNotReplicatingOrDead:
        return u"no replica of master %1 replicates, some are unreachable."_s.arg(who);
    case C::LockedSemiSyncMasterHypothesis:
        return u"master %1 waits for more semi-sync replicas than are connected (commits may block)."_s.arg(who);
    case C::LockedSemiSyncMaster:
        return u"master %1 is locked: semi-sync commits block, too few semi-sync replicas."_s.arg(who);
    case C::DeadIntermediateMaster:
    case C::DeadIntermediateMasterWithSingleReplica:
    case C::DeadIntermediateMasterWithSingleReplicaFailingToConnect:
        return u"intermediate master %1 is dead: unreachable, and %2."_s.arg(who, counts);
    case C::DeadIntermediateMasterAndSomeReplicas:
        return u"intermediate master %1 is dead and some of its replicas are unreachable: %2."_s.arg(who, counts);
    case C::DeadIntermediateMasterAndReplicas:
        return u"intermediate master %1 and all its replicas are unreachable."_s.arg(who);
    case C::UnreachableIntermediateMasterWithLaggingReplicas:
        return u"intermediate master %1 is unreachable and its reachable replicas lag: %2."_s.arg(who, counts);
    case C::UnreachableIntermediateMaster:
        return u"intermediate master %1 is unreachable but replicas still replicate from it (%2)."_s.arg(who, counts);
    case C::AllIntermediateMasterReplicasFailingToConnectOrDead:
        return u"no replica of intermediate master %1 can connect to it."_s.arg(who);
    case C::AllIntermediateMasterReplicasNotReplicating:
        return u"no replica of intermediate master %1 replicates."_s.arg(who);
    case C::FirstTierReplicaFailingToConnectToMaster:
        return u"replica %1 cannot connect to its master %2, which Arbor reaches."_s.arg(who, a.parentKey.toString());
    }
    return who;
}

bool hasErrantGtid(const Instance &source, const Instance &replica)
{
    if (replica.flavour == Flavour::MariaDB) {
        const auto mine = MariadbGtidList::parse(replica.gtidBinlogPos);
        const auto theirs = MariadbGtidList::parse(source.gtidBinlogPos);
        if (!mine.ok() || !theirs.ok())
            return false;
        // Only transactions the replica wrote itself (its own server id) are errant; ones it received
        // may simply not have reached this snapshot of the source yet.
        const QList<MariadbGtidList::Entry> extra = mine->subtract(*theirs).entries();
        for (const MariadbGtidList::Entry &e : extra) {
            if (e.serverId == quint32(replica.serverId))
                return true;
        }
        return false;
    }
    if (replica.executedGtidSet.isEmpty())
        return false;
    const auto mine = MysqlGtidSet::parse(replica.executedGtidSet);
    const auto theirs = MysqlGtidSet::parse(source.executedGtidSet);
    if (!mine.ok() || !theirs.ok())
        return false;
    const MysqlGtidSet extra = mine->subtract(*theirs);
    // The replica's own UUID is the tell: the source's transactions may just be newer than its snapshot.
    return !replica.serverUuid.isEmpty() && extra.uuids().contains(replica.serverUuid.toLower());
}

} // namespace

bool Analyzer::agreesSourceLost(const Instance &replica)
{
    return replica.lastCheckValid && replica.replication && replica.replication->ioThread != T::Running;
}

bool Analyzer::failingToConnect(const Instance &replica)
{
    if (!replica.lastCheckValid || !replica.replication)
        return false;
    const ReplicationState &r = *replica.replication;
    return r.ioThread != T::Running && r.lastIoErrno != 0 && r.sqlThread == T::Running;
}

QStringList Analyzer::structureWarnings(const Topology &topology, const InstanceKey &key, bool isTopMaster)
{
    QStringList out;
    const Instance *m = topology.instance(key);
    if (!m || !m->lastCheckValid)
        return out;
    if (isTopMaster && m->readOnly)
        out << QString::fromUtf16(StructureWarning::NoWriteableMaster);
    QSet<QString> formats;
    QSet<int> majors;
    int gtid = 0, noGtid = 0, logging = 0, valid = 0;
    bool errant = false;
    for (const InstanceKey &k : topology.childrenOf(key)) {
        const Instance *r = topology.instance(k);
        if (!r || !r->lastCheckValid)
            continue;
        ++valid;
        if (r->logBin && r->logReplicaUpdates) {
            ++logging;
            formats.insert(r->binlogFormat.toUpper());
            majors.insert(r->serverVersion().major * 100 + r->serverVersion().minor);
        }
        (r->replication && r->replication->usesGtid() ? gtid : noGtid)++;
        errant = errant || hasErrantGtid(*m, *r);
    }
    if (valid == 0)
        return out;
    const bool stmt = formats.contains(u"STATEMENT"_s), mixed = formats.contains(u"MIXED"_s),
               row = formats.contains(u"ROW"_s);
    if (stmt && mixed)
        out << QString::fromUtf16(StructureWarning::StatementAndMixedLoggingReplicas);
    if (stmt && row)
        out << QString::fromUtf16(StructureWarning::StatementAndRowLoggingReplicas);
    if (mixed && row)
        out << QString::fromUtf16(StructureWarning::MixedAndRowLoggingReplicas);
    if (majors.size() > 1)
        out << QString::fromUtf16(StructureWarning::MultipleMajorVersionsLoggingReplicas);
    if (logging == 0) {
        out << QString::fromUtf16(StructureWarning::NoLoggingReplicas);
        if (isTopMaster)
            out << QString::fromUtf16(StructureWarning::NoFailoverSupport);
    }
    if (gtid > 0 && noGtid > 0)
        out << QString::fromUtf16(StructureWarning::DifferentGTIDModes);
    if (errant)
        out << QString::fromUtf16(StructureWarning::ErrantGTID);
    return out;
}

QList<ReplicationAnalysis> Analyzer::analyze(const Topology &topology, const AnalysisOptions &options,
                                            const QSet<InstanceKey> &downtimed, const QDateTime &now)
{
    QList<ReplicationAnalysis> out;
    for (const Cluster &cluster : topology.clusters()) {
        for (const InstanceKey &key : cluster.members) {
            const Instance *x = topology.instance(key);
            if (!x)
                continue;
            const QList<InstanceKey> children = topology.childrenOf(key);
            // A server that says it replicates from nobody is a master, whatever a stale snapshot of a
            // dead former master still lists in its SHOW SLAVE HOSTS.
            const InstanceKey parent = x->replication || x->version.isEmpty() ? topology.parentOf(key) : InstanceKey();
            ReplicationAnalysis a;
            a.key = key;
            a.clusterName = cluster.name;
            a.clusterAlias = cluster.alias;
            a.parentKey = parent;
            a.lastCheckValid = x->lastCheckValid;
            a.isDowntimed = downtimed.contains(key);
            a.replicas = children;
            a.analyzedAt = now;
            const Counts c = countReplicas(topology, children, options, downtimed);
            fill(a, c);
            if (!parent.isValid()) {
                a.type = ReplicationAnalysis::InstanceType::Master;
                a.code = classifyMaster(*x, c);
                a.structureWarnings = structureWarnings(topology, key, true);
            } else if (!children.isEmpty()) {
                a.type = ReplicationAnalysis::InstanceType::IntermediateMaster;
                a.code = classifyIntermediate(*x, c);
                a.structureWarnings = structureWarnings(topology, key, false);
            } else {
                a.type = ReplicationAnalysis::InstanceType::Replica;
                const Instance *p = topology.instance(parent);
                const bool firstTier = p && !topology.parentOf(parent).isValid();
                if (firstTier && p->lastCheckValid && failingToConnect(*x))
                    a.code = C::FirstTierReplicaFailingToConnectToMaster;
            }
            // A first-tier intermediate master that cannot reach its (reachable) master is both.
            if (a.code == C::NoProblem && a.type == ReplicationAnalysis::InstanceType::IntermediateMaster) {
                const Instance *p = topology.instance(parent);
                if (p && p->lastCheckValid && !topology.parentOf(parent).isValid() && failingToConnect(*x))
                    a.code = C::FirstTierReplicaFailingToConnectToMaster;
            }
            if (a.code == C::NoProblem && a.structureWarnings.isEmpty())
                continue;
            a.description = describe(a);
            if (!a.lastCheckValid && !x->lastError.isEmpty()) {
                // Unreachable has causes the DBA acts on differently (a dead host, a full disk): say which.
                a.lastError = x->lastError;
                a.description += u" Its last poll: "_s + x->lastError;
            }
            out.append(a);
        }
    }
    return out;
}

} // namespace arbor::core
