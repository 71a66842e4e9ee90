#pragma once

#include <QAbstractEventDispatcher>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace arbor::testsupport {

// Polls cond until it holds or timeoutMs passes, processing Qt events between tries so that
// signals, sockets and QProcess notifications keep flowing. Returns the last value of cond.
// Tests use this instead of sleeping to synchronise.
inline bool waitFor(const std::function<bool()> &cond, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (cond())
            return true;
        if (deadline.hasExpired())
            return false;
        const int pause = int(std::clamp<qint64>(deadline.remainingTime(), 1, 15));
        if (QAbstractEventDispatcher::instance()) {
            QEventLoop loop;
            QTimer::singleShot(pause, &loop, &QEventLoop::quit);
            loop.exec();
        } else {
            QThread::msleep(pause); // ok: the polling interval of a deadline-bounded wait, not a synchronisation
        }
    }
}

} // namespace arbor::testsupport
