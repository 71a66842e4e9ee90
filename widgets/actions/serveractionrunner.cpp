#include "actions/serveractionrunner.h"

#include "dialect/dialect.h"
#include "probe/instanceprobe.h"

#include <QPointer>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

ServerActionRunner::ServerActionRunner(ProbeOptions options, QObject *parent) : QObject(parent), m_options(std::move(options)) {}

ServerActionRunner::~ServerActionRunner()
{
    for (QThread *t : std::as_const(m_threads)) {
        t->wait();
        delete t;
    }
}

QString ServerActionRunner::describe(Action action, const InstanceKey &key)
{
    switch (action) {
    case Action::StartReplication: return tr("start replication on %1").arg(key.toString());
    case Action::StopReplication: return tr("stop replication on %1").arg(key.toString());
    case Action::SetReadOnly: return tr("set %1 read-only").arg(key.toString());
    case Action::SetWriteable: return tr("set %1 writeable").arg(key.toString());
    }
    return {};
}

QString ServerActionRunner::confirmation(Action action, const InstanceKey &key)
{
    switch (action) {
    case Action::StartReplication:
        return tr("Start the IO and SQL threads on %1? It resumes from where it stopped.").arg(key.toString());
    case Action::StopReplication:
        return tr("Stop replication on %1? It stops applying changes from its source and falls behind until started "
                  "again.")
            .arg(key.toString());
    case Action::SetReadOnly:
        return tr("Set %1 read-only? Applications writing to it will get errors.").arg(key.toString());
    case Action::SetWriteable:
        return tr("Set %1 writeable? Writes to a replica make it diverge from its source.").arg(key.toString());
    }
    return {};
}

void ServerActionRunner::run(Action action, const InstanceKey &key)
{
    const ProbeOptions options = m_options;
    const QString description = describe(action, key);
    QPointer<ServerActionRunner> self(this);
    QThread *thread = QThread::create([self, options, action, key, description] {
        bool ok = false;
        QString message;
        {
            // The connection is created, used and closed in this thread (QSqlDatabase is per thread).
            InstanceProbe probe(key, options);
            auto connected = probe.query(u"SELECT 1"_s);
            if (!connected.ok()) {
                message = connected.error();
            } else if (!probe.dialect()) {
                message = tr("could not tell the flavour of %1, so nothing was run").arg(key.toString());
            } else {
                const Dialect d = *probe.dialect();
                const QString statement = action == Action::StartReplication  ? d.startReplicaStatement()
                                          : action == Action::StopReplication ? d.stopReplicaStatement()
                                          : action == Action::SetReadOnly     ? d.setReadOnlyStatement(true)
                                                                              : d.setReadOnlyStatement(false);
                auto done = probe.query(statement);
                ok = done.ok();
                message = ok ? statement : done.error();
            }
        }
        if (self) {
            QMetaObject::invokeMethod(
                self.data(), [self, key, description, ok, message] {
                    if (self)
                        Q_EMIT self->finished(key, description, ok, message);
                },
                Qt::QueuedConnection);
        }
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}

} // namespace arbor::widgets
