#include "ops/replicationcontrol.h"

#include "ops/legality.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
using Positioning = Dialect::ChangeSource::Positioning;

QString k(const InstanceKey &key)
{
    return key.toString();
}
} // namespace

ReplicationControl::ReplicationControl(OpsSession &session, OperationOptions options)
    : m_session(session), m_options(std::move(options))
{
}

bool ReplicationControl::handles(OperationKind kind)
{
    switch (kind) {
    case OperationKind::StartReplica:
    case OperationKind::StopReplica:
    case OperationKind::RestartReplica:
    case OperationKind::ResetReplica:
    case OperationKind::DetachReplica:
    case OperationKind::ReattachReplica:
    case OperationKind::SetReadOnly:
    case OperationKind::SetWriteable:
    case OperationKind::EnableGtid:
    case OperationKind::DisableGtid:
        return true;
    default:
        return false;
    }
}

Result<void> ReplicationControl::run(const OperationRequest &request)
{
    const InstanceKey &key = request.instance;
    const Instance *i = m_session.fact(key);
    if (!i)
        return m_session.refuse({u"unknown-server"_s, u"%1 is not known: discover it first"_s.arg(k(key))});
    if (auto r = Legality::checkReachable(*i, u"server to operate on"_s))
        return m_session.refuse(*r);
    m_session.setMethod(u"statements on one server"_s);
    switch (request.kind) {
    case OperationKind::StartReplica:
        return start(key);
    case OperationKind::StopReplica:
        return stop(key);
    case OperationKind::RestartReplica:
        if (auto s = stop(key); !s.ok())
            return s;
        return start(key);
    case OperationKind::ResetReplica:
        return reset(key);
    case OperationKind::DetachReplica:
        return detach(key);
    case OperationKind::ReattachReplica:
        return reattach(key);
    case OperationKind::SetReadOnly:
        return setReadOnly(key, true);
    case OperationKind::SetWriteable:
        return setReadOnly(key, false);
    case OperationKind::EnableGtid:
        return setGtid(key, true);
    case OperationKind::DisableGtid:
        return setGtid(key, false);
    default:
        return Result<void>::failure(u"%1 is not a replication control operation"_s.arg(OperationKinds::name(request.kind)));
    }
}

Result<void> ReplicationControl::needReplica(const Instance &instance)
{
    if (instance.isReplica())
        return Result<void>::success();
    if (instance.replication)
        return m_session.refuse({u"detached"_s, u"%1 is detached from its source: reattach-replica first"_s.arg(k(instance.key))});
    return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica"_s.arg(k(instance.key))});
}

Result<void> ReplicationControl::start(const InstanceKey &key)
{
    const Instance i = *m_session.fact(key);
    if (auto r = needReplica(i); !r.ok())
        return r;
    if (auto s = m_session.execute(key, m_session.dialectOf(key).startReplicaStatement(), u"start both replication threads"_s); !s.ok())
        return s;
    return m_session.waitReplicating(key, i.sourceKey(), {});
}

Result<void> ReplicationControl::stop(const InstanceKey &key)
{
    const Instance i = *m_session.fact(key);
    if (auto r = needReplica(i); !r.ok())
        return r;
    if (auto s = m_session.execute(key, m_session.dialectOf(key).stopReplicaStatement(), u"stop both replication threads"_s); !s.ok())
        return s;
    if (m_session.isPlanning())
        return Result<void>::success();
    auto status = m_session.replicaStatus(key);
    if (!status.ok())
        return Result<void>::failure(status.error());
    if (status->ioThread != ReplicationState::ThreadState::Stopped || status->sqlThread != ReplicationState::ThreadState::Stopped)
        return Result<void>::failure(u"%1 still has a replication thread running after %2"_s.arg(
            k(key), m_session.dialectOf(key).stopReplicaStatement()));
    return Result<void>::success();
}

Result<void> ReplicationControl::reset(const InstanceKey &key)
{
    const Instance i = *m_session.fact(key);
    if (!i.replication)
        return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica: there is nothing to reset"_s.arg(k(key))});
    const Dialect d = m_session.dialectOf(key);
    m_session.warn(u"%1 cannot be undone: %2 forgets its source and position (detach-replica is the reversible way)"_s.arg(
        d.resetReplicaAllStatement(), k(key)));
    if (auto s = m_session.execute(key, d.stopReplicaStatement(), u"stop replication"_s); !s.ok())
        return s;
    if (i.isReplica())
        m_session.setRollback(u"start replication on %1 again"_s.arg(k(key)), [this, key, d]() -> Result<QString> {
            if (auto s = m_session.execute(key, d.startReplicaStatement(), u"rollback: start replication again"_s); !s.ok())
                return Result<QString>::failure(s.error());
            return u"%1 replicates again"_s.arg(k(key));
        });
    if (auto s = m_session.execute(key, d.resetReplicaAllStatement(), u"forget the source, its position and the relay logs"_s); !s.ok())
        return s;
    m_session.clearRollback();
    m_session.noteSourceGone(key);
    if (m_session.isPlanning())
        return Result<void>::success();
    auto status = m_session.replicaStatus(key);
    if (status.ok())
        return Result<void>::failure(u"%1 still reports a source after %2"_s.arg(k(key), d.resetReplicaAllStatement()));
    return Result<void>::success();
}

Result<void> ReplicationControl::detach(const InstanceKey &key)
{
    const Instance i = *m_session.fact(key);
    if (auto r = needReplica(i); !r.ok())
        return r;
    const InstanceKey source = i.sourceKey();
    const Dialect d = m_session.dialectOf(key);
    if (auto s = m_session.execute(key, d.stopReplicaStatement(), u"stop replication"_s); !s.ok())
        return s;
    m_session.setRollback(u"start replication on %1 again"_s.arg(k(key)), [this, key, source, d]() -> Result<QString> {
        if (auto s = m_session.execute(key, d.startReplicaStatement(), u"rollback: start replication again"_s); !s.ok())
            return Result<QString>::failure(s.error());
        if (auto w = m_session.waitReplicating(key, source, {}); !w.ok())
            return Result<QString>::failure(w.error());
        return u"%1 replicates from %2 again"_s.arg(k(key), k(source));
    });
    Dialect::ChangeSource change;
    change.source = source;
    change.detached = true;
    change.connectRetry = std::clamp(i.replication->connectRetry, 1, 86400);
    if (i.usesGtid()) {
        change.positioning = i.replication->gtidPositioning.compare(u"Current_Pos"_s, Qt::CaseInsensitive) == 0
                                 ? Positioning::CurrentPos
                                 : Positioning::Gtid;
    } else {
        auto status = m_session.replicaStatus(key);
        if (!status.ok())
            return Result<void>::failure(status.error());
        change.positioning = Positioning::File;
        change.coordinates = status->execCoordinates; // a host change forgets positions unless they are given
    }
    if (auto c = m_session.execute(key, d.changeSourceStatement(change),
                                   u"Master_Host becomes //%1: it cannot connect, and reattach-replica restores it"_s.arg(source.host()));
        !c.ok())
        return c;
    m_session.clearRollback();
    m_session.noteSourceGone(key);
    return Result<void>::success();
}

Result<void> ReplicationControl::reattach(const InstanceKey &key)
{
    const Instance i = *m_session.fact(key);
    const Dialect d = m_session.dialectOf(key);
    if (m_session.isPlanning()) {
        // Facts keep no detached host: the run reads it from SHOW SLAVE STATUS.
        if (!i.replication || i.isReplica())
            return m_session.refuse({u"not-detached"_s, u"%1 is not a detached replica"_s.arg(k(key))});
        (void)m_session.execute(key, d.replicaStatusQuery(), u"read Master_Host ('//host') and the position"_s);
        (void)m_session.execute(key, u"CHANGE MASTER TO MASTER_HOST='<host without //>', ..."_s,
                                u"point it at the real host again, at the same position"_s);
        (void)m_session.execute(key, d.startReplicaStatement(), u"start replication"_s);
        return Result<void>::success();
    }
    auto row = m_session.sourceHostText(key);
    if (!row.ok())
        return Result<void>::failure(row.error());
    const QString host = row->first;
    if (!host.startsWith(u"//"_s))
        return m_session.refuse({u"not-detached"_s, u"%1 is not detached (its source host is '%2')"_s.arg(k(key), host)});
    const InstanceKey source(host.mid(2), row->second);
    if (!InstanceKey::isValidHost(source.host()))
        return Result<void>::failure(u"%1's detached source host '%2' is not a valid host name"_s.arg(k(key), host));
    auto status = m_session.replicaStatus(key);
    Dialect::ChangeSource change;
    change.source = source;
    change.connectRetry = status.ok() ? std::clamp(status->connectRetry, 1, 86400) : 1;
    if (status.ok() && status->usesGtid()) {
        change.positioning = status->gtidPositioning.compare(u"Current_Pos"_s, Qt::CaseInsensitive) == 0 ? Positioning::CurrentPos
                                                                                                         : Positioning::Gtid;
    } else {
        if (!status.ok())
            return Result<void>::failure(status.error());
        change.positioning = Positioning::File;
        change.coordinates = status->execCoordinates;
    }
    if (auto c = m_session.execute(key, d.changeSourceStatement(change), u"point it at %1 again, at the same position"_s.arg(k(source))); !c.ok())
        return c;
    m_session.noteMove(key, source);
    if (auto s = m_session.execute(key, d.startReplicaStatement(), u"start replication"_s); !s.ok())
        return s;
    return m_session.waitReplicating(key, source, {});
}

Result<void> ReplicationControl::setReadOnly(const InstanceKey &key, bool readOnly)
{
    const Instance i = *m_session.fact(key);
    if (!readOnly && i.isReplica())
        m_session.warn(u"%1 is a replica: writes on it make it diverge from its source"_s.arg(k(key)));
    if (readOnly && !i.isReplica())
        m_session.warn(u"%1 is a master: applications can no longer write to it"_s.arg(k(key)));
    if (auto s = m_session.execute(key, m_session.dialectOf(key).setReadOnlyStatement(readOnly),
                                   readOnly ? u"refuse writes from applications"_s : u"accept writes"_s);
        !s.ok())
        return s;
    if (m_session.isPlanning())
        return Result<void>::success();
    auto value = m_session.globalVariable(key, u"read_only"_s);
    if (!value.ok())
        return Result<void>::failure(value.error());
    const bool now = value.value() == u"1"_s || value.value().compare(u"ON"_s, Qt::CaseInsensitive) == 0;
    if (now != readOnly)
        return Result<void>::failure(u"%1 reports read_only=%2 after the change"_s.arg(k(key), value.value()));
    if (Instance *f = m_session.mutableFact(key))
        f->readOnly = readOnly;
    return Result<void>::success();
}

Result<void> ReplicationControl::setGtid(const InstanceKey &key, bool enable)
{
    const Instance i = *m_session.fact(key);
    if (auto r = needReplica(i); !r.ok())
        return r;
    if (i.usesGtid() == enable)
        return m_session.refuse({enable ? u"gtid-already-on"_s : u"gtid-already-off"_s,
                                 u"%1 already replicates by %2"_s.arg(k(key), enable ? u"GTID"_s : u"file and position"_s)});
    const InstanceKey source = i.sourceKey();
    if (enable) {
        const Instance *s = m_session.fact(source);
        if (s) {
            if (auto r = Legality::canMoveByGtid(i, *s))
                return m_session.refuse(*r);
        }
    }
    // Checked before anything changes: a failure here must not leave replication stopped.
    if (enable && i.flavour == Flavour::MariaDB) {
        auto pos = m_session.globalVariable(key, u"gtid_slave_pos"_s);
        if (pos.ok() && pos->isEmpty() && !m_session.isPlanning())
            return Result<void>::failure(u"%1 has an empty gtid_slave_pos: it cannot tell its source where it is by GTID; "
                                         "nothing was changed"_s.arg(k(key)));
    }
    const Dialect d = m_session.dialectOf(key);
    if (auto s = m_session.execute(key, d.stopReplicaStatement(), u"stop replication"_s); !s.ok())
        return s;
    auto status = m_session.replicaStatus(key);
    if (!status.ok())
        return Result<void>::failure(status.error());
    const BinlogCoordinates at = status->execCoordinates;
    const Positioning before = i.usesGtid() ? (i.replication->gtidPositioning.compare(u"Current_Pos"_s, Qt::CaseInsensitive) == 0
                                                   ? Positioning::CurrentPos
                                                   : Positioning::Gtid)
                                            : Positioning::File;
    auto changeFor = [&](Positioning p, bool forRollback) {
        Dialect::ChangeSource c;
        c.source = source;
        if (m_options.applyCredentials(c, &i, forRollback))
            m_session.warn(u"%1's replication user and password are replaced by the configured ones, as asked; a "
                           "rollback keeps the new ones (a server never shows a password to put back)"_s.arg(k(key)));
        c.connectRetry = std::clamp(i.replication->connectRetry, 1, 86400);
        c.positioning = p;
        if (p == Positioning::File)
            c.coordinates = at;
        return c;
    };
    if (enable && i.flavour == Flavour::MariaDB) {
        auto pos = m_session.globalVariable(key, u"gtid_slave_pos"_s);
        if (pos.ok() && pos->isEmpty() && !m_session.isPlanning())
            return Result<void>::failure(u"%1 has an empty gtid_slave_pos: it cannot tell its source where it is by GTID"_s.arg(k(key)));
    }
    // The rollback sets no credentials: the replica keeps exactly the user and password it had.
    const SqlStatement original = d.changeSourceStatement(changeFor(before, true));
    m_session.setRollback(u"put %1 back to replicating as before, from %2"_s.arg(k(key), k(source)),
                          [this, key, source, d, original]() -> Result<QString> {
                              (void)m_session.execute(key, d.stopReplicaStatement(), u"rollback: stop replication"_s);
                              if (auto c = m_session.execute(key, original, u"rollback: the positioning it had"_s); !c.ok())
                                  return Result<QString>::failure(u"rollback failed: %1. To finish by hand: on %2 run %3; %4"_s.arg(
                                      c.error(), k(key), original.toString(), d.startReplicaStatement()));
                              if (auto s = m_session.execute(key, d.startReplicaStatement(), u"rollback: start replication"_s); !s.ok())
                                  return Result<QString>::failure(s.error());
                              if (auto w = m_session.waitReplicating(key, source, {}); !w.ok())
                                  return Result<QString>::failure(w.error());
                              return u"%1 replicates from %2 as before"_s.arg(k(key), k(source));
                          });
    const Positioning after = enable ? Positioning::Gtid : Positioning::File;
    if (auto c = m_session.execute(key, d.changeSourceStatement(changeFor(after, false)),
                                   enable ? u"replicate by GTID from here on"_s
                                          : u"replicate by file and position from where it has executed (%1)"_s.arg(at.toString()));
        !c.ok())
        return c;
    if (auto s = m_session.execute(key, d.startReplicaStatement(), u"start replication"_s); !s.ok())
        return s;
    if (auto w = m_session.waitReplicating(key, source, {}); !w.ok())
        return w;
    m_session.clearRollback();
    if (Instance *f = m_session.mutableFact(key))
        f->replication->gtidPositioning = enable ? (i.flavour == Flavour::MariaDB ? u"Slave_Pos"_s : u"auto-position"_s) : u"No"_s;
    return Result<void>::success();
}

} // namespace arbor::core
