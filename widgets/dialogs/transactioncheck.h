#pragma once

#include "model/instancekey.h"
#include "probe/probeoptions.h"

#include <QObject>

class QThread;

namespace arbor::widgets {

// Looks for long-running transactions on the servers an operation touches, in a thread of its own,
// while the preview is open: STOP SLAVE waits for the transaction being applied, and a long open
// transaction on a source delays what a coordinate move waits for. Read-only (information_schema).
class TransactionCheck : public QObject
{
    Q_OBJECT
public:
    TransactionCheck(QList<core::InstanceKey> servers, core::ProbeOptions options, int olderThanSeconds = 10,
                     QObject *parent = nullptr);
    ~TransactionCheck() override; // waits: each server is bounded by short timeouts

    void start();
    bool isFinished() const { return m_done; }

Q_SIGNALS:
    // One sentence per server with long transactions, and one per server that could not be checked.
    void finished(const QStringList &warnings);

private:
    QList<core::InstanceKey> m_servers;
    core::ProbeOptions m_options;
    int m_olderThan;
    QThread *m_thread = nullptr;
    bool m_done = false;
};

} // namespace arbor::widgets
