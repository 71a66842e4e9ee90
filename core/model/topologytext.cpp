#include "model/topologytext.h"

#include "model/instancehealth.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString TopologyText::describe(const Instance &i, bool downtimed, int lagThresholdSeconds)
{
    QStringList tokens;
    const InstanceHealth health = healthOf(i, lagThresholdSeconds);
    const auto lag = i.lagSeconds();
    if (health == InstanceHealth::Unreachable)
        tokens << u"null"_s;
    else if (!i.isReplica())
        tokens << u"0s"_s;
    else
        tokens << (lag ? u"%1s"_s.arg(*lag) : u"null"_s);
    tokens << healthName(health);
    tokens << (i.version.isEmpty() ? u"unknown"_s : i.version);
    tokens << (i.readOnly ? u"ro"_s : u"rw"_s);
    if (i.logBin)
        tokens << (i.binlogFormat.isEmpty() ? u"nobinlog"_s : i.binlogFormat);
    else
        tokens << u"nobinlog"_s;
    if (i.logBin && i.logReplicaUpdates)
        tokens << u">>"_s;
    if (i.usesGtid())
        tokens << u"GTID"_s;
    if (downtimed)
        tokens << u"downtimed"_s;
    QString out = u"["_s + tokens.join(u',') + u"]"_s;
    // A replica's claimed address that another server answers at: said in words, not a token.
    if (!i.identityProblem.isEmpty())
        out += u" reported address does not answer as this replica"_s;
    // The replica itself, found at the address it connects from (Poller's processlist fallback).
    for (const QString &w : i.warnings) {
        if (w.startsWith(u"reported address "_s) && w.contains(u" does not answer as this replica"_s)) {
            out += u" "_s + w.left(w.indexOf(u';'));
            break;
        }
    }
    return out;
}

QString TopologyText::render(const Topology &topology, const Cluster &cluster, const QSet<InstanceKey> &downtimed,
                             int lagThresholdSeconds)
{
    QStringList heads;
    QStringList tails;
    const int rootDepth = topology.depthOf(cluster.master);
    for (const InstanceKey &key : cluster.members) {
        const int depth = topology.depthOf(key) - rootDepth;
        QString head = depth == 0 ? key.toString() : QString(2 * (depth - 1), u' ') + u"+ "_s + key.toString();
        heads << head;
        const Instance *i = topology.instance(key);
        tails << (i ? describe(*i, downtimed.contains(key), lagThresholdSeconds) : u"[unknown]"_s);
    }
    qsizetype width = 0;
    for (const QString &h : heads)
        width = std::max(width, h.size());
    QString out;
    for (qsizetype n = 0; n < heads.size(); ++n)
        out += heads[n].leftJustified(width + 1) + tails[n] + u'\n';
    return out;
}

QString TopologyText::renderTabulated(const Topology &topology, const Cluster &cluster, const QSet<InstanceKey> &downtimed,
                                     int lagThresholdSeconds)
{
    QList<QStringList> rows;
    const int rootDepth = topology.depthOf(cluster.master);
    for (const InstanceKey &key : cluster.members) {
        const int depth = topology.depthOf(key) - rootDepth;
        QStringList row{depth == 0 ? key.toString() : QString(2 * (depth - 1), u' ') + u"+ "_s + key.toString()};
        const Instance *i = topology.instance(key);
        QString tokens = i ? describe(*i, downtimed.contains(key), lagThresholdSeconds) : u"[unknown]"_s;
        row << tokens.mid(1, tokens.size() - 2).split(u',');
        rows << row;
    }
    QList<qsizetype> widths;
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths << 0;
            widths[c] = std::max(widths[c], row[c].size());
        }
    }
    QString out;
    for (const QStringList &row : std::as_const(rows)) {
        QStringList cells;
        for (qsizetype c = 0; c < row.size(); ++c)
            cells << (c + 1 == row.size() ? row[c] : row[c].leftJustified(widths[c]));
        out += cells.join(u'|') + u'\n';
    }
    return out;
}

} // namespace arbor::core
