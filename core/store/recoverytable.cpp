#include "store/recoverytable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> RecoveryTable::writeRecovery(const RecoveryRecord &r)
{
    const QString what = u"record recovery %1 of %2"_s.arg(r.uid, r.failed.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    q.prepare(u"REPLACE INTO recoveries (uid, cluster_name, cluster_alias, failed_host, failed_port, analysis, kind, "
              "trigger_by, status, successor_host, successor_port, lost_replicas, explanation, message, started_at, "
              "ended_at, owner_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(r.uid));
    q.addBindValue(text(r.clusterName));
    q.addBindValue(text(r.clusterAlias));
    q.addBindValue(text(r.failed.host()));
    q.addBindValue(r.failed.port());
    q.addBindValue(text(r.analysis));
    q.addBindValue(text(r.kind));
    q.addBindValue(text(r.trigger));
    q.addBindValue(text(r.status));
    q.addBindValue(text(r.successor.host()));
    q.addBindValue(r.successor.port());
    q.addBindValue(text(joinKeys(r.lostReplicas)));
    q.addBindValue(text(r.explanation));
    q.addBindValue(text(r.message));
    q.addBindValue(toMs(r.startedAt));
    q.addBindValue(toMs(r.endedAt));
    q.addBindValue(text(r.owner));
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<void> RecoveryTable::appendRecoveryStep(const RecoveryStep &step)
{
    const QString what = u"record a step of recovery %1"_s.arg(step.recoveryUid);
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    q.prepare(u"INSERT INTO recovery_steps (recovery_uid, step_at, kind, what, ok, detail) VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(step.recoveryUid));
    q.addBindValue(toMs(step.at.isValid() ? step.at : QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(step.kind));
    q.addBindValue(text(step.what));
    q.addBindValue(step.ok ? 1 : 0);
    q.addBindValue(text(step.detail));
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<RecoveryRecord>> RecoveryTable::readRecoveries(int limit, const QString &clusterName)
{
    using R = Result<QList<RecoveryRecord>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read recoveries"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    const QString columns =
        u"SELECT r.uid, r.cluster_name, r.cluster_alias, r.failed_host, r.failed_port, r.analysis, r.kind, r.trigger_by, "
        "r.status, r.successor_host, r.successor_port, r.lost_replicas, r.explanation, r.message, r.started_at, "
        "r.ended_at, a.acknowledged_at, a.acknowledged_by, a.comment, r.owner_token FROM recoveries r LEFT JOIN acknowledgements a "
        "ON a.id = (SELECT MAX(id) FROM acknowledgements x WHERE x.recovery_uid = r.uid)"_s;
    const QString order = u" ORDER BY r.started_at DESC LIMIT %1"_s.arg(std::max(1, limit));
    if (clusterName.isEmpty()) {
        q.prepare(columns + order);
    } else {
        q.prepare(columns + u" WHERE r.cluster_name = ?"_s + order);
        q.addBindValue(clusterName);
    }
    if (!q.exec())
        return R::failure(m_connection.failure(u"read recoveries"_s, errorText(q.lastError())));
    QList<RecoveryRecord> out;
    while (q.next()) {
        RecoveryRecord r;
        r.uid = q.value(0).toString();
        r.clusterName = q.value(1).toString();
        r.clusterAlias = q.value(2).toString();
        r.failed = InstanceKey(q.value(3).toString(), q.value(4).toInt());
        r.analysis = q.value(5).toString();
        r.kind = q.value(6).toString();
        r.trigger = q.value(7).toString();
        r.status = q.value(8).toString();
        r.successor = InstanceKey(q.value(9).toString(), q.value(10).toInt());
        r.lostReplicas = splitKeys(q.value(11).toString());
        r.explanation = q.value(12).toString();
        r.message = q.value(13).toString();
        r.startedAt = fromMs(q.value(14).toLongLong());
        if (const qint64 ms = q.value(15).toLongLong(); ms > 0)
            r.endedAt = fromMs(ms);
        if (!q.value(16).isNull() && q.value(16).toLongLong() > 0) {
            r.acknowledgedAt = fromMs(q.value(16).toLongLong());
            r.acknowledgedBy = q.value(17).toString();
            r.acknowledgeComment = q.value(18).toString();
        }
        r.owner = q.value(19).toString();
        out.append(r);
    }
    return out;
}

Result<QList<RecoveryStep>> RecoveryTable::readRecoverySteps(const QString &uid)
{
    using R = Result<QList<RecoveryStep>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read recovery steps"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT recovery_uid, step_at, kind, what, ok, detail FROM recovery_steps WHERE recovery_uid = ? "
              "ORDER BY id"_s);
    q.addBindValue(uid);
    if (!q.exec())
        return R::failure(m_connection.failure(u"read the steps of recovery %1"_s.arg(uid), errorText(q.lastError())));
    QList<RecoveryStep> out;
    while (q.next()) {
        RecoveryStep s;
        s.recoveryUid = q.value(0).toString();
        s.at = fromMs(q.value(1).toLongLong());
        s.kind = q.value(2).toString();
        s.what = q.value(3).toString();
        s.ok = q.value(4).toInt() != 0;
        s.detail = q.value(5).toString();
        out.append(s);
    }
    return out;
}

Result<int> RecoveryTable::acknowledgeRecoveries(const QString &uid, const QString &clusterName, const QString &who,
                                         const QString &comment)
{
    using R = Result<int>;
    const QString what = u"acknowledge recoveries"_s;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(what).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    QString sql = u"SELECT uid FROM recoveries r WHERE status <> 'blocked' AND NOT EXISTS "
                  "(SELECT 1 FROM acknowledgements a WHERE a.recovery_uid = r.uid)"_s;
    if (!uid.isEmpty())
        sql += u" AND uid = ?"_s;
    if (!clusterName.isEmpty())
        sql += u" AND (cluster_name = ? OR cluster_alias = ?)"_s;
    q.prepare(sql);
    if (!uid.isEmpty())
        q.addBindValue(uid);
    if (!clusterName.isEmpty()) {
        q.addBindValue(clusterName);
        q.addBindValue(clusterName);
    }
    if (!q.exec())
        return R::failure(m_connection.failure(what, errorText(q.lastError())));
    QStringList uids;
    while (q.next())
        uids << q.value(0).toString();
    q.finish();
    for (const QString &u : std::as_const(uids)) {
        QSqlQuery insert(m_connection.database());
        insert.prepare(u"INSERT INTO acknowledgements (recovery_uid, acknowledged_by, comment, acknowledged_at) "
                       "VALUES (?, ?, ?, ?)"_s);
        insert.addBindValue(u);
        insert.addBindValue(text(who));
        insert.addBindValue(text(comment));
        insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!insert.exec())
            return R::failure(m_connection.failure(what, errorText(insert.lastError())));
    }
    return int(uids.size());
}

Result<void> RecoveryTable::setRecoveriesDisabled(bool disabled, const QString &who, const QString &reason)
{
    const QString what = disabled ? u"disable recoveries"_s : u"enable recoveries"_s;
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    if (disabled) {
        q.prepare(u"REPLACE INTO recovery_disable (anchor, disabled_by, reason, disabled_at) VALUES (1, ?, ?, ?)"_s);
        q.addBindValue(text(who));
        q.addBindValue(text(reason));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    } else {
        q.prepare(u"DELETE FROM recovery_disable"_s);
    }
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<std::optional<QString>> RecoveryTable::readRecoveriesDisabled()
{
    using R = Result<std::optional<QString>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read the recovery switch"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT disabled_by, reason, disabled_at FROM recovery_disable"_s))
        return R::failure(m_connection.failure(u"read the recovery switch"_s, errorText(q.lastError())));
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(u"disabled by %1 at %2: %3"_s.arg(
        q.value(0).toString(), fromMs(q.value(2).toLongLong()).toString(Qt::ISODate), q.value(1).toString()));
}

} // namespace arbor::core
