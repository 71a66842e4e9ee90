#include "store/storewriter.h"

#include "store/store.h"

#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

StoreWriter::StoreWriter(StoreOptions options, int flushIntervalMs, int maxBatch, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_flushIntervalMs(std::max(1, flushIntervalMs)),
      m_maxBatch(std::max(1, maxBatch))
{
}

StoreWriter::~StoreWriter()
{
    stop();
}

Result<void> StoreWriter::start()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_thread)
            return Result<void>::success();
        m_stopRequested = false;
        m_openFinished = false;
        m_openError.clear();
    }
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(u"arbor-store-writer"_s);
    m_thread->start();

    QMutexLocker lock(&m_mutex);
    while (!m_openFinished)
        m_done.wait(&m_mutex);
    const QString error = m_openError;
    lock.unlock();
    if (!error.isEmpty()) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        return Result<void>::failure(error);
    }
    return Result<void>::success();
}

bool StoreWriter::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

void StoreWriter::enqueue(const Instance &instance)
{
    QMutexLocker lock(&m_mutex);
    m_pending.insert(instance.key, instance);
    // Wake when the first snapshot arrives (the writer sleeps without a deadline on an empty queue,
    // then gathers for one interval) and when a full batch is ready.
    if (m_pending.size() == 1 || m_pending.size() == m_maxBatch)
        m_wake.wakeOne();
}

void StoreWriter::flush()
{
    QMutexLocker lock(&m_mutex);
    if (!m_running)
        return;
    const quint64 ticket = ++m_flushRequested;
    m_wake.wakeOne();
    while (m_running && m_flushServed < ticket)
        m_done.wait(&m_mutex);
}

void StoreWriter::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread)
            return;
        m_stopRequested = true;
        m_wake.wakeOne();
    }
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

qint64 StoreWriter::pendingCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_pending.size();
}

QString StoreWriter::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

void StoreWriter::setError(const QString &error)
{
    {
        QMutexLocker lock(&m_mutex);
        m_lastError = error;
    }
    Q_EMIT writeFailed(error);
}

void StoreWriter::run()
{
    // The Store lives and dies in this thread: its QSqlDatabase connection belongs here.
    Store store(m_options);
    const Result<void> opened = store.open();
    {
        QMutexLocker lock(&m_mutex);
        m_openFinished = true;
        m_openError = opened.error();
        m_running = opened.ok();
        m_done.wakeAll();
        if (!opened)
            return;
    }

    QHash<InstanceKey, Instance> retained; // a failed batch, merged into the next attempt
    int attempts = 0;
    for (;;) {
        QHash<InstanceKey, Instance> batch;
        quint64 servesTicket = 0;
        bool exitAfter = false;
        {
            QMutexLocker lock(&m_mutex);
            QDeadlineTimer deadline(m_flushIntervalMs);
            while (!m_stopRequested && m_flushRequested == m_flushServed && m_pending.size() < m_maxBatch) {
                if (m_pending.isEmpty()) {
                    // Nothing queued: sleep until work arrives; a retained batch waits for it too.
                    m_wake.wait(&m_mutex);
                    deadline.setRemainingTime(m_flushIntervalMs);
                } else if (!m_wake.wait(&m_mutex, deadline)) {
                    break; // interval over: write what has gathered
                }
            }
            if (m_pending.size() <= m_maxBatch) {
                batch.swap(m_pending);
            } else {
                batch.reserve(m_maxBatch);
                auto it = m_pending.begin();
                while (batch.size() < m_maxBatch && it != m_pending.end()) {
                    batch.insert(it.key(), std::move(it.value()));
                    it = m_pending.erase(it);
                }
            }
            // A flush is served once the queue as of its request has been attempted.
            if (m_pending.isEmpty())
                servesTicket = m_flushRequested;
            exitAfter = m_stopRequested && m_pending.isEmpty();
        }

        // Queued snapshots are newer than retained ones of the same key.
        for (auto it = batch.cbegin(); it != batch.cend(); ++it)
            retained.insert(it.key(), it.value());

        if (!retained.isEmpty()) {
            const QList<Instance> rows = retained.values();
            const Result<void> written = store.writeInstances(rows);
            if (written) {
                m_rowsWritten += rows.size();
                ++m_batchesWritten;
                retained.clear();
                attempts = 0;
            } else if (++attempts >= kMaxAttempts) {
                setError(
                    u"%1 Dropped %2 instance snapshots after %3 failed attempts; newer polls will be written when the store works again."_s
                        .arg(written.error())
                        .arg(rows.size())
                        .arg(attempts));
                retained.clear();
                attempts = 0;
            } else {
                setError(u"%1 Kept %2 instance snapshots to retry with the next batch (attempt %3 of %4)."_s
                             .arg(written.error())
                             .arg(rows.size())
                             .arg(attempts)
                             .arg(kMaxAttempts));
            }
        }

        {
            QMutexLocker lock(&m_mutex);
            if (servesTicket > m_flushServed)
                m_flushServed = servesTicket;
            if (exitAfter)
                m_running = false;
            m_done.wakeAll();
        }
        if (exitAfter)
            return;
    }
}

} // namespace arbor::core
