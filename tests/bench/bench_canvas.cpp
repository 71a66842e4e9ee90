// Canvas benchmark on synthetic snapshots: build + lay out + render scenes of one master with 200
// replicas, 1,000 servers in 50 clusters and 5,000 in 100, then apply poll rounds that touch every
// server (lag changes, no structure change) and check no new layout happened. Prints medians.
#include "canvas/topologyscene.h"
#include "model/topologystate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTextStream>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::widgets;

namespace {
Instance make(int cluster, int n, int sourceN, qint64 lag)
{
    Instance i;
    i.key = InstanceKey(u"db%1-%2.example"_s.arg(cluster).arg(n), 3306);
    i.version = u"10.11.6-MariaDB-log"_s;
    i.lastCheckValid = true;
    i.logBin = true;
    i.binlogFormat = u"ROW"_s;
    if (sourceN >= 0) {
        ReplicationState r;
        r.sourceKey = InstanceKey(u"db%1-%2.example"_s.arg(cluster).arg(sourceN), 3306);
        r.ioThread = r.sqlThread = ReplicationState::ThreadState::Running;
        r.secondsBehindSource = lag;
        r.gtidPositioning = u"Slave_pos"_s;
        i.replication = r;
        i.readOnly = true;
    }
    return i;
}

// Each cluster: a master, 3 intermediates, the rest spread under them (and a few deeper).
QList<Instance> shape(int clusters, int perCluster, qint64 lag)
{
    QList<Instance> out;
    for (int c = 0; c < clusters; ++c) {
        out << make(c, 0, -1, 0);
        for (int n = 1; n < perCluster; ++n)
            out << make(c, n, n <= 3 ? 0 : (n % 17 == 0 ? n - 1 : 1 + n % 3), lag);
    }
    return out;
}

QList<Instance> star(int replicas, qint64 lag)
{
    QList<Instance> out{make(0, 0, -1, 0)};
    for (int n = 1; n <= replicas; ++n)
        out << make(0, n, 0, lag);
    return out;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

void run(QTextStream &out, const QString &name, const std::function<QList<Instance>(qint64)> &make, bool expandAll)
{
    QList<double> build, layout, render, update;
    int relayouts = 0;
    int servers = 0;
    for (int rep = 0; rep < 5; ++rep) {
        TopologyState state;
        TopologyScene scene(&state);
        const QList<Instance> first = make(0);
        servers = int(first.size());
        QElapsedTimer t;
        t.start();
        for (const Instance &i : first)
            state.update(i);
        build << t.nsecsElapsed() / 1e6;
        t.restart();
        scene.layoutNow();
        if (expandAll) {
            for (const Instance &i : first)
                if (!i.isReplica())
                    scene.setExpanded(i.key, true);
        }
        layout << t.nsecsElapsed() / 1e6;
        t.restart();
        QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        scene.render(&p); // the whole scene fitted into the image: every item painted
        p.end();
        render << t.nsecsElapsed() / 1e6;
        const int layouts = scene.layoutCount();
        for (int round = 1; round <= 5; ++round) {
            const QList<Instance> next = make(round * 3);
            t.restart();
            for (const Instance &i : next)
                state.update(i);
            QCoreApplication::processEvents(); // coalesced summaries run here
            update << t.nsecsElapsed() / 1e6;
        }
        relayouts = scene.layoutCount() - layouts;
    }
    out << u"%1 (%2 servers): snapshots in %3 ms, layout+items %4 ms, render %5 ms, poll round of %2 updates %6 ms "
           "(median), layouts during poll rounds: %7\n"_s
               .arg(name)
               .arg(servers)
               .arg(median(build), 0, 'f', 1)
               .arg(median(layout), 0, 'f', 1)
               .arg(median(render), 0, 'f', 1)
               .arg(median(update), 0, 'f', 1)
               .arg(relayouts);
    out.flush();
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    run(out, u"1 master + 200 replicas, folded"_s, [](qint64 lag) { return star(200, lag); }, false);
    run(out, u"1 master + 200 replicas, expanded"_s, [](qint64 lag) { return star(200, lag); }, true);
    run(out, u"1,000 servers in 50 clusters"_s, [](qint64 lag) { return shape(50, 20, lag); }, false);
    run(out, u"5,000 servers in 100 clusters"_s, [](qint64 lag) { return shape(100, 50, lag); }, false);
    return 0;
}
