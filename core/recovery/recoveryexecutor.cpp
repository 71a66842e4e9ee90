#include "core/recovery/recoveryexecutor.h"

#include "model/mariadbgtidlist.h"
#include "ops/opsconnection.h"
#include "core/recovery/hookrunner.h"

#include <QDeadlineTimer>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

using T = ReplicationState::ThreadState;
constexpr int kPollMs = 20;

QString keyList(const QList<InstanceKey> &keys)
{
    QStringList out;
    for (const InstanceKey &k : keys)
        out << k.toString();
    return out.isEmpty() ? u"none"_s : out.join(u", "_s);
}

} // namespace

RecoveryExecutor::RecoveryExecutor(RecoveryPlan plan, RecoveryCallbacks callbacks)
    : m_plan(std::move(plan)), m_callbacks(std::move(callbacks))
{
}

RecoveryExecutor::~RecoveryExecutor() = default;

const Instance *RecoveryExecutor::fact(const InstanceKey &key) const
{
    for (const Instance &i : m_plan.facts) {
        if (i.key == key)
            return &i;
    }
    return nullptr;
}

void RecoveryExecutor::step(const QString &kind, const QString &what, bool ok, const QString &detail)
{
    if (m_callbacks.step)
        m_callbacks.step(RecoveryStep{m_plan.uid, QDateTime::currentDateTimeUtc(), kind, what, ok, detail});
}

OpsConnection &RecoveryExecutor::connection(const InstanceKey &key)
{
    auto it = m_connections.find(key);
    if (it == m_connections.end())
        it = m_connections
                 .emplace(key, std::make_unique<OpsConnection>(key, m_plan.probe.credentials,
                                                               m_plan.probe.connectTimeoutSeconds,
                                                               qMax(m_plan.probe.readTimeoutSeconds, 10)))
                 .first;
    return *it->second;
}

Result<QList<QVariantMap>> RecoveryExecutor::query(const InstanceKey &key, const SqlStatement &statement)
{
    return connection(key).query(statement);
}

Result<Dialect> RecoveryExecutor::dialectOf(const InstanceKey &key)
{
    return connection(key).dialect();
}

Result<void> RecoveryExecutor::sql(const InstanceKey &key, const SqlStatement &statement, const QString &what)
{
    // Fencing at the one place that changes servers: the lease is asked again immediately before
    // every statement, so one lost during a wait (relay log, catch-up, a slow hook) stops here.
    if (m_fencedOut || (m_callbacks.holdsLease && !m_callbacks.holdsLease())) {
        const QString why = u"stopped before %1 on %2 (%3): this node no longer holds the active-node lease, the new "
                            "active node takes over"_s.arg(what, key.toString(), statement.toString());
        if (!m_fencedOut)
            step(u"fence"_s, why, false);
        m_fencedOut = true;
        return Result<void>::failure(why);
    }
    const auto r = query(key, statement);
    step(u"sql"_s, u"%1 on %2: %3"_s.arg(what, key.toString(), statement.toString()), r.ok(), r.ok() ? QString() : r.error());
    m_changedServers = m_changedServers || r.ok();
    if (r.ok())
        m_changed.insert(key);
    if (!r.ok())
        return Result<void>::failure(r.error());
    return Result<void>::success();
}

Result<std::optional<ReplicationState>> RecoveryExecutor::replicaStatus(const InstanceKey &key)
{
    using R = Result<std::optional<ReplicationState>>;
    const auto d = dialectOf(key);
    if (!d.ok())
        return R::failure(d.error());
    const auto rows = query(key, d->replicaStatusQuery());
    if (!rows.ok())
        return R::failure(rows.error());
    if (rows->isEmpty())
        return std::optional<ReplicationState>();
    return d->parseReplicaStatus(rows->constFirst());
}

Result<QString> RecoveryExecutor::variable(const InstanceKey &key, const QString &name)
{
    // @p name is one of ours (read_only, gtid_binlog_pos, ...), never user input.
    const auto rows = query(key, u"SELECT @@GLOBAL.%1 AS v"_s.arg(name));
    if (!rows.ok())
        return Result<QString>::failure(rows.error());
    return rows->isEmpty() ? QString() : rows->constFirst().value(u"v"_s).toString();
}

bool RecoveryExecutor::fenced(RecoveryOutcome &out, const QString &before)
{
    if (!m_fencedOut && (!m_callbacks.holdsLease || m_callbacks.holdsLease()))
        return false;
    m_fencedOut = true;
    out.status = u"failed"_s;
    out.fenced = true;
    out.message = u"stopped before %1: this node no longer holds the active-node lease, the new active node takes over."_s
                      .arg(before);
    step(u"fence"_s, out.message, false);
    return true;
}

void RecoveryExecutor::candidateFailed(RecoveryOutcome &out, const InstanceKey &candidate)
{
    // A graceful takeover set the live master read-only: that is undone by its caller, not retried.
    if (m_plan.kind != RecoveryPlan::Kind::DeadMaster || connection(candidate).isOpen())
        return;
    QSet<InstanceKey> others = m_changed;
    others.remove(candidate);
    if (!others.isEmpty())
        return; // another server was changed already: a human should look before anyone goes on
    out.candidateLost = candidate;
    const QString left = m_changed.contains(candidate)
                             ? u"only %1 was changed (its replication was stopped) before it stopped answering"_s.arg(candidate.toString())
                             : u"no server was changed"_s;
    out.message += u" The candidate %1 stopped answering before its promotion; %2, every other replica still "
                   "replicates from (or waits for) %3 as before. The next-ranked candidate can be promoted: an automatic "
                   "recovery retries at once, by hand run `arbor recover %3`."_s.arg(candidate.toString(), left,
                                                                                   m_plan.failed.toString());
    step(u"retry"_s, u"candidate %1 lost before its promotion; %2"_s.arg(candidate.toString(), left), false);
}

bool RecoveryExecutor::runHooks(const QString &name, const QStringList &lines, bool stopOnFailure)
{
    bool ok = true;
    for (const HookResult &h :
         HookRunner::runAll(name, lines, m_plan.hooks, m_plan.options.hookTimeoutSeconds, stopOnFailure,
                            m_plan.options.hookShell)) {
        const QString what = h.detached ? u"%1: %2 (detached)"_s.arg(name, h.argv.join(u' '))
                                        : u"%1: %2 -> exit %3 in %4 ms"_s.arg(name, h.argv.isEmpty() ? h.line : h.argv.join(u' '))
                                              .arg(h.exitCode)
                                              .arg(h.durationMs);
        step(u"hook"_s, what, h.ok(), h.error.isEmpty() ? h.output : h.error + u'\n' + h.output);
        ok = ok && h.ok();
    }
    return ok;
}

RecoveryOutcome RecoveryExecutor::run()
{
    m_clock.start();
    step(u"detect"_s, m_plan.analysis.description.isEmpty() ? m_plan.analysis.codeName() : m_plan.analysis.description);
    if (!m_plan.explanation.isEmpty())
        step(u"info"_s, u"plan"_s, true, m_plan.explanation);
    RecoveryOutcome out;
    if (m_plan.runDetectionHooks
        && !runHooks(u"OnFailureDetectionProcesses"_s, m_plan.options.onFailureDetectionProcesses, true)) {
        out.status = u"aborted"_s;
        out.message = u"an OnFailureDetectionProcesses hook failed; nothing was changed."_s;
    } else {
        switch (m_plan.kind) {
        case RecoveryPlan::Kind::DeadMaster: out = runDeadMaster(); break;
        case RecoveryPlan::Kind::DeadIntermediateMaster: out = runIntermediateMaster(); break;
        case RecoveryPlan::Kind::GracefulTakeover: out = runGracefulTakeover(); break;
        }
    }
    if (m_fencedOut && out.status != u"failed"_s) {
        out.status = u"failed"_s;
        out.message = u"stopped: this node lost the active-node lease during the recovery; "_s + out.message;
    }
    out.elapsedMs = m_clock.elapsed();
    out.changedServers = m_changedServers;
    step(u"result"_s, u"%1: %2"_s.arg(out.status, out.message), out.status == u"succeeded"_s);
    m_connections.clear();
    return out;
}

void RecoveryExecutor::finishHooks(RecoveryOutcome &out, bool intermediate, bool graceful)
{
    m_plan.hooks.isSuccessful = out.status == u"succeeded"_s;
    m_plan.hooks.successor = out.successor;
    m_plan.hooks.lostReplicas = out.lost;
    if (out.status == u"succeeded"_s) {
        if (intermediate)
            runHooks(u"PostIntermediateMasterFailoverProcesses"_s, m_plan.options.postIntermediateMasterFailoverProcesses, false);
        else
            runHooks(u"PostMasterFailoverProcesses"_s, m_plan.options.postMasterFailoverProcesses, false);
        runHooks(u"PostFailoverProcesses"_s, m_plan.options.postFailoverProcesses, false);
        if (graceful)
            runHooks(u"PostGracefulTakeoverProcesses"_s, m_plan.options.postGracefulTakeoverProcesses, false);
    } else if (out.status == u"failed"_s) {
        runHooks(u"PostUnsuccessfulFailoverProcesses"_s, m_plan.options.postUnsuccessfulFailoverProcesses, false);
    }
}

Result<void> RecoveryExecutor::waitRelayLogApplied(const InstanceKey &key)
{
    using P = RecoveryOptions::RelayLogPolicy;
    if (m_plan.options.relayLogPolicy == P::Ignore)
        return Result<void>::success();
    const QDeadlineTimer deadline(m_plan.options.relayLogPolicy == P::Fail ? 0 : m_plan.options.relayLogWaitSeconds * 1000);
    for (;;) {
        const auto status = replicaStatus(key);
        if (!status.ok())
            return Result<void>::failure(status.error());
        if (!status->has_value())
            return Result<void>::success();
        const ReplicationState &r = **status;
        if (r.sqlThread != T::Running && r.lastSqlErrno != 0)
            return Result<void>::failure(u"%1 cannot apply its relay log: SQL error %2 (%3)"_s.arg(key.toString())
                                             .arg(r.lastSqlErrno)
                                             .arg(r.lastSqlError));
        if (r.execCoordinates == r.readCoordinates || !r.readCoordinates.isValid()) {
            step(u"verify"_s, u"%1 has applied its relay log up to %2"_s.arg(key.toString(), r.readCoordinates.toString()));
            return Result<void>::success();
        }
        if (deadline.hasExpired())
            return Result<void>::failure(
                u"%1 has not applied its relay log (executed %2 of %3 received); promoting it would lose those transactions"_s
                    .arg(key.toString(), r.execCoordinates.toString(), r.readCoordinates.toString()));
        QThread::msleep(kPollMs);
    }
}

Result<void> RecoveryExecutor::promote(const InstanceKey &key, BinlogCoordinates *coordinates)
{
    const auto d = dialectOf(key);
    if (!d.ok())
        return Result<void>::failure(d.error());
    if (auto r = sql(key, d->stopReplicaStatement(), u"stop replication"_s); !r.ok())
        return r;
    if (coordinates) {
        if (auto rows = query(key, d->binlogStatusQuery()); rows.ok() && !rows->isEmpty())
            *coordinates = d->parseBinlogStatus(rows->constFirst());
    }
    // ApplyMySQLPromotionAfterMasterFailover=false (a failover, not a takeover): the hooks make it the master.
    if (!m_plan.options.applyPromotion && m_plan.kind != RecoveryPlan::Kind::GracefulTakeover) {
        if (m_plan.options.detachPromotedMasterHost) {
            if (auto r = detachFrom(key, m_plan.failed, u"MasterFailoverDetachReplicaMasterHost"_s); !r.ok())
                return r;
        }
        step(u"info"_s, u"%1 keeps read_only and its replication settings: ApplyMySQLPromotionAfterMasterFailover is "
                        "false, the hooks make it the master"_s.arg(key.toString()));
        return Result<void>::success();
    }
    if (auto r = sql(key, d->resetReplicaAllStatement(), u"forget its source"_s); !r.ok())
        return r;
    if (auto r = sql(key, d->setReadOnlyStatement(false), u"make it writable"_s); !r.ok())
        return Result<void>::failure(r.error() + u"; grant the Arbor user READ_ONLY ADMIN (MariaDB 10.11) or SUPER/"
                                                 "SYSTEM_VARIABLES_ADMIN (MySQL)"_s);
    // Read back: the claim counts only when the server confirms it.
    const auto status = replicaStatus(key);
    if (!status.ok())
        return Result<void>::failure(status.error());
    if (status->has_value() && (*status)->sourceKey.isValid())
        return Result<void>::failure(u"%1 still reports a source (%2) after %3"_s.arg(
            key.toString(), (*status)->sourceKey.toString(), d->resetReplicaAllStatement()));
    const auto ro = variable(key, u"read_only"_s);
    if (!ro.ok())
        return Result<void>::failure(ro.error());
    if (ro.value() != u"0"_s)
        return Result<void>::failure(u"%1 still reports read_only=%2 after SET GLOBAL read_only=0; grant the Arbor user "
                                     "READ_ONLY ADMIN (MariaDB 10.11) or SUPER (MySQL) and make it writable by hand"_s
                                         .arg(key.toString(), ro.value()));
    step(u"verify"_s, u"%1 is writable and replicates from nobody"_s.arg(key.toString()));
    return Result<void>::success();
}

Result<void> RecoveryExecutor::detachFrom(const InstanceKey &key, const InstanceKey &from, const QString &why)
{
    const auto d = dialectOf(key);
    if (!d.ok())
        return Result<void>::failure(d.error());
    const auto status = replicaStatus(key);
    if (!status.ok())
        return Result<void>::failure(status.error());
    if (!status->has_value() || (*status)->sourceKey != from)
        return Result<void>::success(); // no source, already detached, or it follows someone else
    const ReplicationState r = **status;
    if (auto s = sql(key, d->stopReplicaStatement(), u"stop replication (%1)"_s.arg(why)); !s.ok())
        return s;
    Dialect::ChangeSource change;
    change.source = from;
    change.detached = true;
    change.connectRetry = std::clamp(r.connectRetry, 1, 86400);
    if (r.usesGtid()) {
        change.positioning = r.gtidPositioning.compare(u"Current_Pos"_s, Qt::CaseInsensitive) == 0
                                 ? Dialect::ChangeSource::Positioning::CurrentPos
                                 : Dialect::ChangeSource::Positioning::Gtid;
    } else {
        change.positioning = Dialect::ChangeSource::Positioning::File;
        change.coordinates = r.execCoordinates; // a host change forgets positions unless they are given
    }
    return sql(key, d->changeSourceStatement(change),
               u"detach (%1): Master_Host becomes //%2, reattach-replica restores it"_s.arg(why, from.host()));
}

void RecoveryExecutor::detachLost(const QList<InstanceKey> &lost)
{
    if (!m_plan.options.detachLostReplicas)
        return;
    for (const InstanceKey &k : lost) {
        if (m_fencedOut)
            return;
        const Instance *f = fact(k);
        if (!f || !f->lastCheckValid)
            continue; // unreachable when the plan was made: nothing to talk to
        if (auto r = detachFrom(k, m_plan.failed, u"DetachLostReplicasAfterMasterFailover"_s); !r.ok())
            step(u"info"_s, u"lost replica %1 could not be detached: %2"_s.arg(k.toString(), r.error()), false);
    }
}

Result<void> RecoveryExecutor::repoint(const InstanceKey &replica, const InstanceKey &source, bool gtid,
                                       const BinlogCoordinates &coordinates, Dialect::ChangeSource::Positioning gtidMode)
{
    const auto d = dialectOf(replica);
    if (!d.ok())
        return Result<void>::failure(d.error());
    Dialect::ChangeSource change;
    change.source = source;
    change.positioning = gtid ? gtidMode : Dialect::ChangeSource::Positioning::File;
    change.coordinates = coordinates;
    if (auto r = sql(replica, d->stopReplicaStatement(), u"stop replication"_s); !r.ok())
        return r;
    const SqlStatement statement = d->changeSourceStatement(change);
    if (statement.isEmpty())
        return Result<void>::failure(d->checkChangeSource(change).error());
    if (auto r = sql(replica, statement, u"point it at %1"_s.arg(source.toString())); !r.ok())
        return r;
    return sql(replica, d->startReplicaStatement(), u"start replication"_s);
}

QList<std::pair<InstanceKey, QString>> RecoveryExecutor::verifyReplicating(const QList<InstanceKey> &keys,
                                                                          const InstanceKey &source)
{
    QList<InstanceKey> pending = keys;
    QHash<InstanceKey, QString> why;
    const QDeadlineTimer deadline(m_plan.options.replicaVerifySeconds * 1000);
    while (!pending.isEmpty()) {
        for (auto it = pending.begin(); it != pending.end();) {
            const auto status = replicaStatus(*it);
            if (!status.ok()) {
                why.insert(*it, status.error());
            } else if (!status->has_value()) {
                why.insert(*it, u"it reports no source"_s);
            } else {
                const ReplicationState &r = **status;
                if (r.sourceKey == source && r.isHealthy()) {
                    step(u"verify"_s, u"%1 replicates from %2 (IO and SQL threads running)"_s.arg(it->toString(), source.toString()));
                    it = pending.erase(it);
                    continue;
                }
                why.insert(*it, u"source %1, IO %2, SQL %3%4"_s.arg(r.sourceKey.toString(), ReplicationState::threadStateName(r.ioThread),
                                                                   ReplicationState::threadStateName(r.sqlThread),
                                                                   r.hasError() ? u", error: "_s + (r.lastIoError.isEmpty() ? r.lastSqlError : r.lastIoError)
                                                                                : QString()));
            }
            ++it;
        }
        if (pending.isEmpty() || deadline.hasExpired())
            break;
        QThread::msleep(kPollMs);
    }
    QList<std::pair<InstanceKey, QString>> failed;
    for (const InstanceKey &k : pending) {
        failed.append({k, why.value(k)});
        step(u"verify"_s, u"%1 does not replicate from %2: %3"_s.arg(k.toString(), source.toString(), why.value(k)), false);
    }
    return failed;
}

RecoveryOutcome RecoveryExecutor::runDeadMaster()
{
    RecoveryOutcome out;
    if (!m_plan.choice.ok()) {
        out.message = u"no replica of %1 can be promoted: %2"_s.arg(m_plan.failed.toString(), m_plan.choice.error);
        finishHooks(out, false, false);
        return out;
    }
    // orchestrator #896: successor placeholders are not available in PreFailover; the failure is.
    if (!runHooks(u"PreFailoverProcesses"_s, m_plan.options.preFailoverProcesses, true)) {
        out.status = u"aborted"_s;
        out.message = u"a PreFailoverProcesses hook failed; nothing was changed on any server."_s;
        return out; // PR #1044: a failed pre-hook runs no post hooks
    }
    out.preHookDoneMs = m_clock.elapsed();
    return promoteAndRepoint(out, false);
}

RecoveryOutcome RecoveryExecutor::promoteAndRepoint(RecoveryOutcome out, bool graceful)
{
    const InstanceKey candidate = m_plan.choice.chosen;
    out.lost = m_plan.choice.lost;

    if (fenced(out, u"promoting %1"_s.arg(candidate.toString())))
        return out;
    if (auto r = waitRelayLogApplied(candidate); !r.ok()) {
        out.message = r.error() + u'.';
        candidateFailed(out, candidate);
        finishHooks(out, false, graceful);
        return out;
    }
    // The wait can take up to RelayLogWaitSeconds, longer than a lease: ask again.
    if (fenced(out, u"promoting %1 (after waiting for its relay log)"_s.arg(candidate.toString())))
        return out;
    BinlogCoordinates coordinates;
    if (auto r = promote(candidate, &coordinates); !r.ok()) {
        out.message = u"could not promote %1: %2."_s.arg(candidate.toString(), r.error());
        candidateFailed(out, candidate);
        finishHooks(out, false, graceful);
        return out;
    }
    out.successor = candidate;
    out.promotedMs = m_clock.elapsed();
    m_plan.hooks.successor = candidate;
    m_plan.hooks.successorBinlogCoordinates = coordinates.toString();

    // Every other reachable replica of the failed master, under the new one (very late ones after the hooks).
    QList<InstanceKey> now = m_plan.choice.repointable;
    const QList<InstanceKey> later = graceful ? QList<InstanceKey>() : takePostponed(now);
    QList<InstanceKey> issued;
    repointAll(now, candidate, coordinates, out, issued);
    if (out.fenced)
        return out;
    const auto notReplicating = verifyReplicating(issued, candidate);
    for (const InstanceKey &k : issued) {
        if (std::none_of(notReplicating.cbegin(), notReplicating.cend(), [&](const auto &p) { return p.first == k; }))
            out.repointed.append(k);
    }
    if (!graceful)
        detachLost(out.lost);
    if (!notReplicating.isEmpty()) {
        QStringList parts;
        for (const auto &[k, why] : notReplicating)
            parts << u"%1 (%2)"_s.arg(k.toString(), why);
        out.message = u"promoted %1, but these replicas do not replicate from it: %2; fix them and check the "
                      "recovery's steps."_s.arg(candidate.toString(), parts.join(u"; "_s));
        // A takeover still points the old master at the new one; its hooks run once that is done.
        if (!graceful) {
            finishHooks(out, false, false);
            movePostponed(later, candidate, false, coordinates, out);
        }
        return out;
    }
    out.status = u"succeeded"_s;
    out.message = u"promoted %1 in place of %2; %3 replica(s) replicate from it (%4); lost: %5."_s
                      .arg(candidate.toString(), m_plan.failed.toString())
                      .arg(out.repointed.size())
                      .arg(keyList(out.repointed), keyList(out.lost));
    if (!graceful) {
        finishHooks(out, false, false);
        movePostponed(later, candidate, false, coordinates, out);
    }
    return out;
}

QList<InstanceKey> RecoveryExecutor::takePostponed(QList<InstanceKey> &keys)
{
    const qint64 limit = m_plan.options.postponeReplicaRecoveryOnLagSeconds;
    QList<InstanceKey> later;
    if (limit <= 0)
        return later;
    for (auto it = keys.begin(); it != keys.end();) {
        const Instance *r = fact(*it);
        const qint64 delay = r && r->replication ? r->replication->sqlDelay : 0;
        const qint64 lag = r ? r->lagSeconds().value_or(0) : 0;
        if (std::max(delay, lag) <= limit) {
            ++it;
            continue;
        }
        step(u"info"_s, u"%1 is %2 s behind (%3), more than PostponeReplicaRecoveryOnLagMinutes: it is moved after the "
                        "post-failover hooks"_s.arg(it->toString()).arg(std::max(delay, lag))
                            .arg(delay >= lag ? u"SQL_Delay"_s : u"lag"_s));
        later.append(*it);
        it = keys.erase(it);
    }
    return later;
}

void RecoveryExecutor::movePostponed(const QList<InstanceKey> &postponed, const InstanceKey &source, bool intermediate,
                                     const BinlogCoordinates &coordinates, RecoveryOutcome &out)
{
    if (postponed.isEmpty() || !out.successor.isValid())
        return;
    QList<InstanceKey> issued;
    if (!intermediate) {
        repointAll(postponed, source, coordinates, out, issued); // by GTID, or at the same applied position
    } else {
        for (const InstanceKey &k : postponed) {
            if (fenced(out, u"moving the postponed replica %1"_s.arg(k.toString())))
                return;
            if (auto rr = repoint(k, source, true, {}, Dialect::ChangeSource::Positioning::Gtid); !rr.ok())
                out.lost.append(k);
            else
                issued.append(k);
        }
    }
    if (out.fenced)
        return;
    const auto notReplicating = verifyReplicating(issued, source);
    QList<InstanceKey> moved;
    for (const InstanceKey &k : issued) {
        if (std::none_of(notReplicating.cbegin(), notReplicating.cend(), [&](const auto &p) { return p.first == k; }))
            moved.append(k);
        else
            out.lost.append(k);
    }
    out.repointed.append(moved);
    out.message += u" Postponed (PostponeReplicaRecoveryOnLagMinutes), moved after the hooks: %1 of %2 (%3)."_s
                       .arg(moved.size()).arg(postponed.size()).arg(keyList(moved));
}

void RecoveryExecutor::repointAll(const QList<InstanceKey> &keys, const InstanceKey &candidate,
                                  const BinlogCoordinates &coordinates, RecoveryOutcome &out, QList<InstanceKey> &issued)
{
    const Instance *c = fact(candidate);
    const bool gtid = m_plan.choice.usesGtid;
    for (const InstanceKey &k : keys) {
        if (fenced(out, u"repointing %1"_s.arg(k.toString())))
            return;
        const Instance *r = fact(k);
        const bool byGtid = gtid && r && r->usesGtid();
        if (!byGtid && !(c && r && r->replication && c->replication
                         && r->replication->readCoordinates == c->replication->readCoordinates)) {
            out.lost.append(k);
            step(u"info"_s, u"%1 cannot follow %2: no GTID and not at the same position"_s.arg(k.toString(), candidate.toString()), false);
            continue;
        }
        if (!byGtid) {
            if (auto w = waitRelayLogApplied(k); !w.ok()) {
                out.lost.append(k);
                step(u"info"_s, w.error(), false);
                continue;
            }
        }
        if (auto rr = repoint(k, candidate, byGtid, coordinates, Dialect::ChangeSource::Positioning::Gtid); !rr.ok()) {
            out.lost.append(k);
            continue;
        }
        issued.append(k);
    }
}

RecoveryOutcome RecoveryExecutor::runIntermediateMaster()
{
    RecoveryOutcome out;
    out.lost = m_plan.orphansLost;
    if (!m_plan.target.isValid()) {
        out.message = u"no sibling or source of %1 can take its replicas: %2"_s.arg(m_plan.failed.toString(),
                                                                                     m_plan.explanation);
        finishHooks(out, true, false);
        return out;
    }
    if (!runHooks(u"PreFailoverProcesses"_s, m_plan.options.preFailoverProcesses, true)) {
        out.status = u"aborted"_s;
        out.message = u"a PreFailoverProcesses hook failed; nothing was changed on any server."_s;
        return out;
    }
    out.preHookDoneMs = m_clock.elapsed();
    m_plan.hooks.successor = m_plan.target;
    QList<InstanceKey> orphans = m_plan.orphans;
    const QList<InstanceKey> later = takePostponed(orphans);
    QList<InstanceKey> issued;
    for (const InstanceKey &k : orphans) {
        if (fenced(out, u"moving %1"_s.arg(k.toString())))
            return out;
        if (auto r = repoint(k, m_plan.target, true, {}, Dialect::ChangeSource::Positioning::Gtid); !r.ok()) {
            out.lost.append(k);
            continue;
        }
        issued.append(k);
    }
    const auto notReplicating = verifyReplicating(issued, m_plan.target);
    for (const InstanceKey &k : issued) {
        if (std::none_of(notReplicating.cbegin(), notReplicating.cend(), [&](const auto &p) { return p.first == k; }))
            out.repointed.append(k);
        else
            out.lost.append(k);
    }
    out.successor = m_plan.target;
    if ((out.repointed.isEmpty() && later.isEmpty()) || !notReplicating.isEmpty()) {
        out.message = u"moved %1 of %2 replicas of %3 under %4; not replicating: %5."_s.arg(out.repointed.size())
                          .arg(m_plan.orphans.size())
                          .arg(m_plan.failed.toString(), m_plan.target.toString(), keyList(out.lost));
        finishHooks(out, true, false);
        movePostponed(later, m_plan.target, true, {}, out);
        return out;
    }
    out.status = u"succeeded"_s;
    out.message = u"moved the replicas of %1 under %2: %3; lost: %4."_s.arg(m_plan.failed.toString(), m_plan.target.toString(),
                                                                          keyList(out.repointed), keyList(out.lost));
    finishHooks(out, true, false);
    movePostponed(later, m_plan.target, true, {}, out);
    return out;
}

bool RecoveryExecutor::designatedHasEverything(const InstanceKey &designated, const InstanceKey &master)
{
    const auto written = variable(master, u"gtid_binlog_pos"_s);
    const auto has = variable(designated, u"gtid_current_pos"_s);
    if (!written.ok() || !has.ok())
        return false;
    const auto w = MariadbGtidList::parse(*written);
    const auto h = MariadbGtidList::parse(*has);
    if (!w.ok() || !h.ok() || !h->contains(*w))
        return false;
    step(u"verify"_s, u"%1 already has every transaction %2 wrote (gtid_current_pos %3 contains gtid_binlog_pos %4)"_s
                          .arg(designated.toString(), master.toString(), *has, *written));
    return true;
}

RecoveryOutcome RecoveryExecutor::runGracefulTakeover()
{
    RecoveryOutcome out;
    const InstanceKey master = m_plan.failed;
    const InstanceKey designated = m_plan.choice.chosen;
    if (!m_plan.choice.ok()) {
        out.status = u"aborted"_s;
        out.message = u"no replica of %1 can take over: %2; nothing was changed."_s.arg(master.toString(), m_plan.choice.error);
        return out;
    }
    // Before anything changes (orchestrator #744, #1353 relocated siblings first).
    if (!runHooks(u"PreGracefulTakeoverProcesses"_s, m_plan.options.preGracefulTakeoverProcesses, true)) {
        out.status = u"aborted"_s;
        out.message = u"a PreGracefulTakeoverProcesses hook failed; nothing was changed on any server."_s;
        return out;
    }
    const auto md = dialectOf(master);
    if (!md.ok()) {
        out.status = u"aborted"_s;
        out.message = md.error() + u"; nothing was changed."_s;
        return out;
    }
    if (fenced(out, u"setting %1 read-only"_s.arg(master.toString())))
        return out;
    auto undoReadOnly = [&] {
        const auto r = sql(master, md->setReadOnlyStatement(false), u"undo read_only"_s);
        return r.ok() ? u"%1 is writable again"_s.arg(master.toString())
                      : u"%1 could not be made writable again (%2): do it by hand"_s.arg(master.toString(), r.error());
    };
    if (auto r = sql(master, md->setReadOnlyStatement(true), u"stop writes"_s); !r.ok()) {
        out.message = u"could not set %1 read-only: %2; nothing else was changed."_s.arg(master.toString(), r.error());
        out.status = u"aborted"_s;
        return out;
    }
    // Wait until the designated replica has everything the master wrote, with the wait function of
    // the server that waits (it runs there).
    const auto dd = dialectOf(designated);
    QString waitSql;
    bool gtidWait = false;
    if (dd.ok() && m_plan.choice.usesGtid) {
        const auto pos = variable(master, md->isMariaDB() ? u"gtid_binlog_pos"_s : u"gtid_executed"_s);
        if (pos.ok() && !pos->isEmpty()) {
            waitSql = dd->gtidWaitQuery(*pos, m_plan.options.relayLogWaitSeconds);
            gtidWait = true;
        }
    }
    if (dd.ok() && waitSql.isEmpty()) {
        if (auto rows = query(master, md->binlogStatusQuery()); rows.ok() && !rows->isEmpty())
            waitSql = dd->sourcePosWaitQuery(md->parseBinlogStatus(rows->constFirst()), m_plan.options.relayLogWaitSeconds);
    }
    // MariaDB's MASTER_GTID_WAIT follows gtid_slave_pos only: a designated server that wrote the
    // master's last transactions itself (it was the master until a moment ago) would wait in vain.
    const bool hasEverything = gtidWait && md->isMariaDB() && designatedHasEverything(designated, master);
    using Rows = Result<QList<QVariantMap>>;
    const Rows waited = hasEverything      ? Rows(QList<QVariantMap>{QVariantMap{{u"result"_s, 0}}})
                        : waitSql.isEmpty() ? Rows::failure(u"no wait statement could be built"_s)
                                            : query(designated, waitSql);
    const QVariant result = waited.ok() && !waited->isEmpty() ? waited->constFirst().value(u"result"_s) : QVariant();
    // The GTID waits return 0 once applied and non-zero on timeout (WAIT_FOR_EXECUTED_GTID_SET 1,
    // MASTER_GTID_WAIT -1); SOURCE_POS_WAIT returns the events it waited for (>= 0), -1 on timeout.
    const bool caughtUp = !result.isNull() && (gtidWait ? result.toLongLong() == 0 : result.toLongLong() >= 0);
    if (!hasEverything)
        step(u"verify"_s, u"%1 caught up with %2: %3"_s.arg(designated.toString(), master.toString(), waitSql), caughtUp,
             waited.ok() ? QString() : waited.error());
    if (!caughtUp) {
        out.status = u"failed"_s;
        out.message = u"%1 did not catch up with %2 within %3 s; %4."_s.arg(designated.toString(), master.toString())
                          .arg(m_plan.options.relayLogWaitSeconds)
                          .arg(undoReadOnly());
        return out;
    }
    if (!runHooks(u"PreFailoverProcesses"_s, m_plan.options.preFailoverProcesses, true)) {
        out.status = u"aborted"_s;
        out.message = u"a PreFailoverProcesses hook failed; %1, nothing else was changed."_s.arg(undoReadOnly());
        return out;
    }
    out.preHookDoneMs = m_clock.elapsed();
    out = promoteAndRepoint(out, true);
    if (!out.successor.isValid()) {
        if (out.status != u"succeeded"_s)
            out.message += u' ' + undoReadOnly() + u'.';
        return out; // nothing was promoted: promoteAndRepoint ran the unsuccessful hooks
    }
    // Promoted (with every replica following, or some not): the old master follows the new one
    // before any Post* hook runs, so the hooks see the topology the takeover leaves.
    // The old master follows the new one.
    Dialect::ChangeSource change;
    change.source = designated;
    change.positioning = m_plan.choice.usesGtid ? Dialect::ChangeSource::Positioning::CurrentPos
                                                : Dialect::ChangeSource::Positioning::File;
    // The configured credentials go only to an old master without a replication user of its own
    // (the usual case: it was a master); one that has its own keeps it.
    const Instance *old = fact(master);
    const bool ownUser = old && old->replication && !old->replication->sourceUser.isEmpty();
    if (!ownUser) {
        change.user = m_plan.options.replicationUser;
        change.password = m_plan.options.replicationPassword;
    }
    if (!m_plan.choice.usesGtid) {
        if (auto rows = query(designated, dialectOf(designated)->binlogStatusQuery()); rows.ok() && !rows->isEmpty())
            change.coordinates = dialectOf(designated)->parseBinlogStatus(rows->constFirst());
    }
    const SqlStatement statement = md->changeSourceStatement(change);
    if (fenced(out, u"pointing %1 at %2"_s.arg(master.toString(), designated.toString())))
        return out;
    bool oldOk = !statement.isEmpty() && sql(master, statement, u"follow the new master"_s).ok();
    QString oldProblem = oldOk ? QString() : u"could not be pointed at it"_s;
    if (oldOk && (ownUser || !change.user.isEmpty())) {
        oldOk = sql(master, md->startReplicaStatement(), u"start replication"_s).ok()
                && verifyReplicating({master}, designated).isEmpty();
        if (oldOk)
            out.repointed.append(master);
        else
            oldProblem = u"does not replicate from it"_s;
    } else if (oldOk) {
        step(u"info"_s, u"%1 points at %2 but replication is not started: no replication credentials are configured"_s.arg(
                            master.toString(), designated.toString()),
             false);
    }
    // Read back what the hooks are told: the old master stays read-only under the new one.
    if (oldOk) {
        const auto ro = variable(master, u"read_only"_s);
        if (!ro.ok() || ro.value() != u"1"_s) {
            oldOk = false;
            oldProblem = u"is not read-only (read_only=%1)"_s.arg(ro.ok() ? ro.value() : ro.error());
        }
    }
    if (oldOk) {
        out.message += u" The old master %1 now follows it."_s.arg(master.toString());
    } else {
        // The switchover did not reach its final shape: the success hooks must not announce it.
        out.status = u"failed"_s;
        out.message += u" The old master %1 %2; do it by hand."_s.arg(master.toString(), oldProblem);
    }
    finishHooks(out, false, true);
    return out;
}

} // namespace arbor::core
