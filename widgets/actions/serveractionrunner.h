#pragma once

#include "model/instancekey.h"
#include "probe/probeoptions.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>

class QThread;

namespace arbor::widgets {

// Runs one write statement (the flavour's own, from Dialect) on one server in a thread of its own,
// so the window never waits on a server. The result comes back as finished() in the GUI thread.
class ServerActionRunner : public QObject
{
    Q_OBJECT
public:
    enum class Action { StartReplication, StopReplication, SetReadOnly, SetWriteable };

    explicit ServerActionRunner(core::ProbeOptions options, QObject *parent = nullptr);
    ~ServerActionRunner() override; // waits for running actions: they are short (connect + one statement)

    void run(Action action, const core::InstanceKey &key);
    int running() const { return int(m_threads.size()); }

    static QString describe(Action action, const core::InstanceKey &key); // "stop replication on h:p"
    static QString confirmation(Action action, const core::InstanceKey &key);

Q_SIGNALS:
    void finished(const arbor::core::InstanceKey &key, const QString &description, bool ok, const QString &message);

private:
    core::ProbeOptions m_options;
    QList<QThread *> m_threads;
};

} // namespace arbor::widgets
