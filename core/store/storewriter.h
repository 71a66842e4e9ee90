#pragma once

#include "model/instance.h"
#include "store/storeoptions.h"
#include "util/result.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <atomic>

class QThread;

namespace arbor::core {

// Batches instance snapshots into few transactions on a thread of its own, so thousands of polls
// a second do not mean thousands of commits. enqueue() is thread-safe and cheap: a newer snapshot
// of a key replaces the queued older one. A failed batch is kept and retried with the next one,
// up to kMaxAttempts times; then it is dropped (the in-memory topology stays authoritative).
class StoreWriter : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxAttempts = 5;

    explicit StoreWriter(StoreOptions options, int flushIntervalMs = 100, int maxBatch = 1000,
                         QObject *parent = nullptr);
    ~StoreWriter() override;

    // Opens the Store in the writer thread; returns its open error (the thread then ends).
    Result<void> start();
    bool isRunning() const;
    void enqueue(const Instance &instance);
    // Blocks until everything enqueued before the call was written (or failed: see lastError()).
    void flush();
    // Writes what is queued, then ends the thread.
    void stop();

    qint64 rowsWritten() const { return m_rowsWritten.load(); }
    qint64 batchesWritten() const { return m_batchesWritten.load(); }
    qint64 pendingCount() const;
    QString lastError() const;

Q_SIGNALS:
    // Emitted from the writer thread; connect with a queued or auto connection.
    void writeFailed(const QString &error);

private:
    void run();
    void setError(const QString &error);

    const StoreOptions m_options;
    const int m_flushIntervalMs;
    const int m_maxBatch;

    mutable QMutex m_mutex;
    QWaitCondition m_wake; // writer waits: work, flush request, stop
    QWaitCondition m_done; // start() and flush() wait: opened, flush served, thread ended
    QHash<InstanceKey, Instance> m_pending;
    quint64 m_flushRequested = 0;
    quint64 m_flushServed = 0;
    bool m_stopRequested = false;
    bool m_running = false;
    bool m_openFinished = false;
    QString m_openError;
    QString m_lastError;

    QThread *m_thread = nullptr;
    std::atomic<qint64> m_rowsWritten{0};
    std::atomic<qint64> m_batchesWritten{0};
};

} // namespace arbor::core
