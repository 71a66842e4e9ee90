// Benchmark (not a test): latency of topology operations on 5-server MariaDB sandbox trees, from the
// call to OperationRunner::run() until the moved replica replicates from its new source with both
// threads running (run() returns only then). The facts are discovered beforehand, as the GUI already
// holds them; run() still re-polls the servers involved, takes the lock, plans and verifies.
//   build/tests/bench/arbor-bench-ops [runs]
#include "sandbox.h"

#include "ops/operationrunner.h"
#include "probe/discovery.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
struct Stats
{
    std::vector<double> ms;
    QString line(const QString &name) const
    {
        std::vector<double> v = ms;
        std::sort(v.begin(), v.end());
        if (v.empty())
            return name + u": no runs\n"_s;
        return u"%1: min %2 ms, median %3 ms, max %4 ms (%5 runs)\n"_s.arg(name)
            .arg(v.front(), 0, 'f', 1)
            .arg(v[v.size() / 2], 0, 'f', 1)
            .arg(v.back(), 0, 'f', 1)
            .arg(v.size());
    }
};

PollerOptions pollerOptions(const Sandbox &s)
{
    PollerOptions o;
    o.probe.credentials = Credentials(s.user(), s.password());
    return o;
}

// One timed operation; false (with a message) when it did not succeed.
bool timed(Sandbox &s, OperationKind kind, int instance, int target, Stats *stats, QTextStream &err)
{
    const QList<Instance> facts = Discovery::run({s.key(0)}, pollerOptions(s), 20000).instances;
    OperationRunner::Options options;
    options.probe = pollerOptions(s).probe;
    options.who = u"bench"_s;
    OperationRequest request{kind, s.key(instance), target >= 0 ? s.key(target) : InstanceKey(), {}};
    OperationRunner runner(options);
    QElapsedTimer t;
    t.start();
    const auto outcome = runner.run(facts, request);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (!outcome.ok) {
        err << outcome.message << "\n";
        return false;
    }
    if (stats)
        stats->ms.push_back(ms);
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int runs = argc > 1 ? std::max(3, atoi(argv[1])) : 21;

    Stats gtid;
    {
        Sandbox s({SandboxShape::Tree, 5, true});
        if (auto started = s.start(); !started.ok()) {
            err << "sandbox: " << started.error() << "\n";
            return 1;
        }
        // 3 moves between 1 and 2 (cousins): only GTID can do that in one step.
        for (int i = 0; i < runs; ++i) {
            if (!timed(s, OperationKind::Relocate, 3, i % 2 == 0 ? 2 : 1, &gtid, err))
                return 1;
        }
    }
    Stats below, up;
    {
        Sandbox s({SandboxShape::Tree, 5, false});
        if (auto started = s.start(); !started.ok()) {
            err << "sandbox: " << started.error() << "\n";
            return 1;
        }
        for (int i = 0; i < runs; ++i) {
            if (!timed(s, OperationKind::MoveBelow, 3, 4, &below, err) || !timed(s, OperationKind::MoveUp, 3, -1, &up, err))
                return 1;
        }
    }
    out << gtid.line(u"relocate by MariaDB GTID (cousin to cousin)"_s);
    out << below.line(u"move-below by binlog coordinates (START SLAVE UNTIL)"_s);
    out << up.line(u"move-up by binlog coordinates (START SLAVE UNTIL)"_s);
    return 0;
}
