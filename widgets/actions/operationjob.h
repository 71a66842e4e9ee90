#pragma once

#include "ops/operationrunner.h"
#include "store/storeoptions.h"

#include <QObject>

#include <optional>

class QThread;

namespace arbor::widgets {

// One topology operation (OperationRunner::run) in a thread of its own, so the window never waits
// on a server. Progress, the re-probe request and the outcome come back as signals in the GUI thread.
// The cluster lock and the audit row use a store connection opened in that thread (a Store belongs
// to the thread that opened it).
class OperationJob : public QObject
{
    Q_OBJECT
public:
    // @p store: the window's store options, or nothing (lock in this process only, no audit row).
    OperationJob(core::OperationRunner::Options options, std::optional<core::StoreOptions> store,
                 QList<core::Instance> facts, core::OperationRequest request, QObject *parent = nullptr);
    ~OperationJob() override; // waits for the thread: operations are bounded by their timeouts

    void start();
    bool isRunning() const;
    const core::OperationRequest &request() const { return m_request; }

Q_SIGNALS:
    void progress(int index, const arbor::core::OperationPlan::Step &step);
    void reprobeRequested(const QList<arbor::core::InstanceKey> &keys);
    void finished(const arbor::core::OperationRunner::Outcome &outcome);

private:
    core::OperationRunner::Options m_options;
    std::optional<core::StoreOptions> m_store;
    QList<core::Instance> m_facts;
    core::OperationRequest m_request;
    QThread *m_thread = nullptr;
};

} // namespace arbor::widgets
