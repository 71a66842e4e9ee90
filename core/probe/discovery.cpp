#include "probe/discovery.h"

#include "probe/poller.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace arbor::core {

Discovery::Outcome Discovery::run(const QList<InstanceKey> &seeds, const PollerOptions &options, int deadlineMs)
{
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    PollerOptions opts = options;
    opts.followTopology = true;
    Poller poller(opts);
    QHash<InstanceKey, Instance> seen;
    QEventLoop loop;
    QObject::connect(&poller, &Poller::instancePolled, &loop, [&](const Instance &i) { seen.insert(i.key, i); });
    QObject::connect(&poller, &Poller::settled, &loop, [&] {
        outcome.complete = true;
        loop.quit();
    });
    QTimer::singleShot(deadlineMs, &loop, &QEventLoop::quit);
    for (const InstanceKey &seed : seeds)
        poller.addInstance(seed);
    poller.start();
    if (!poller.isSettled())
        loop.exec();
    else
        outcome.complete = true;
    poller.stop();
    outcome.instances = seen.values();
    outcome.elapsedMs = clock.elapsed();
    return outcome;
}

} // namespace arbor::core
