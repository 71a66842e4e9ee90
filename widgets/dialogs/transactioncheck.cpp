#include "dialogs/transactioncheck.h"

#include "probe/instanceprobe.h"

#include <QPointer>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

TransactionCheck::TransactionCheck(QList<InstanceKey> servers, ProbeOptions options, int olderThanSeconds, QObject *parent)
    : QObject(parent), m_servers(std::move(servers)), m_options(std::move(options)), m_olderThan(olderThanSeconds)
{
    // A preview must not hang on a slow server: the check is advisory.
    m_options.connectTimeoutSeconds = std::min(m_options.connectTimeoutSeconds, 2);
    m_options.readTimeoutSeconds = std::min(m_options.readTimeoutSeconds, 2);
}

TransactionCheck::~TransactionCheck()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void TransactionCheck::start()
{
    if (m_thread)
        return;
    QPointer<TransactionCheck> self(this);
    const QList<InstanceKey> servers = m_servers;
    const ProbeOptions options = m_options;
    const int olderThan = m_olderThan;
    m_thread = QThread::create([self, servers, options, olderThan] {
        QStringList warnings;
        const QString sql = u"SELECT COUNT(*) AS n, COALESCE(MAX(TIMESTAMPDIFF(SECOND, trx_started, NOW())), 0) AS longest "
                            "FROM information_schema.innodb_trx WHERE trx_started < NOW() - INTERVAL %1 SECOND"_s.arg(olderThan);
        for (const InstanceKey &k : servers) {
            InstanceProbe probe(k, options);
            auto rows = probe.query(sql);
            if (!rows.ok()) {
                warnings << tr("could not check %1 for long-running transactions: %2").arg(k.toString(), rows.error());
                continue;
            }
            const QVariantMap row = rows->value(0);
            const int n = row.value(u"n"_s).toInt();
            if (n > 0)
                warnings << tr("%1 has %n transaction(s) open for more than %2 s (the longest for %3 s): statements "
                               "there may wait for them",
                               nullptr, n)
                                .arg(k.toString())
                                .arg(olderThan)
                                .arg(row.value(u"longest"_s).toLongLong());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, warnings] {
                if (!self)
                    return;
                self->m_done = true;
                Q_EMIT self->finished(warnings);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace arbor::widgets
