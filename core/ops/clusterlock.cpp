#include "ops/clusterlock.h"

#include "store/store.h"

#include <QHash>
#include <QMutex>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QMutex s_mutex;
QHash<QString, OperationLockHolder> &registry()
{
    static QHash<QString, OperationLockHolder> held;
    return held;
}
} // namespace

QString ClusterLock::busyMessage(const OperationLockHolder &holder)
{
    const qint64 seconds = holder.since.secsTo(QDateTime::currentDateTimeUtc());
    return u"cluster %1 is busy with %2 by %3 since %4 (%5 s ago): one operation per cluster at a time; wait for it to "
           "finish"_s.arg(holder.clusterName, holder.operation, holder.owner.isEmpty() ? u"someone"_s : holder.owner,
                          holder.since.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
        .arg(std::max<qint64>(0, seconds));
}

std::optional<OperationLockHolder> ClusterLock::heldInProcess(const QString &clusterName)
{
    QMutexLocker locker(&s_mutex);
    const auto it = registry().constFind(clusterName);
    if (it == registry().constEnd())
        return std::nullopt;
    return it.value();
}

Result<std::unique_ptr<ClusterLock>> ClusterLock::acquire(const QString &clusterName, const QString &operation,
                                                         const QString &owner, Store *store, int ttlSeconds,
                                                         const QString &token)
{
    using R = Result<std::unique_ptr<ClusterLock>>;
    OperationLockHolder wanted;
    wanted.clusterName = clusterName;
    wanted.operation = operation;
    wanted.owner = owner;
    wanted.token = token.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : token;
    wanted.since = QDateTime::currentDateTimeUtc();
    wanted.expiresAt = wanted.since.addSecs(std::max(1, ttlSeconds));
    {
        QMutexLocker locker(&s_mutex);
        const auto it = registry().constFind(clusterName);
        if (it != registry().constEnd())
            return R::failure(busyMessage(it.value()));
        registry().insert(clusterName, wanted);
    }
    if (store) {
        auto taken = store->tryLockCluster(wanted);
        if (!taken.ok() || taken.value().has_value()) {
            {
                QMutexLocker locker(&s_mutex);
                registry().remove(clusterName);
            }
            return R::failure(taken.ok() ? busyMessage(*taken.value()) : taken.error());
        }
    }
    return std::unique_ptr<ClusterLock>(new ClusterLock(wanted, store));
}

ClusterLock::~ClusterLock()
{
    if (m_store)
        (void)m_store->unlockCluster(m_holder.clusterName, m_holder.token);
    QMutexLocker locker(&s_mutex);
    const auto it = registry().find(m_holder.clusterName);
    if (it != registry().end() && it->token == m_holder.token)
        registry().erase(it);
}

} // namespace arbor::core
