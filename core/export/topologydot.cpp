#include "core/export/topologydot.h"

#include "model/instancehealth.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString TopologyDot::quote(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const QChar ch : text) {
        if (ch == u'"' || ch == u'\\')
            out += u'\\';
        if (ch == u'\n') {
            out += u"\\n"_s;
            continue;
        }
        if (ch == u'\r')
            continue;
        out += ch;
    }
    out += u'"';
    return out;
}

QString TopologyDot::render(const Topology &topology, const QList<Cluster> &clusters, const QSet<InstanceKey> &downtimed,
                            int lagThresholdSeconds)
{
    QString out = u"digraph arbor {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"sans\"];\n"_s;
    int n = 0;
    for (const Cluster &c : clusters) {
        out += u"  subgraph cluster_%1 {\n    label=%2;\n"_s.arg(n++).arg(quote(c.alias.isEmpty() ? c.name : c.alias + u" ("_s + c.name + u')'));
        for (const InstanceKey &k : c.members) {
            const Instance *i = topology.instance(k);
            if (!i)
                continue;
            const InstanceHealth health = healthOf(*i, lagThresholdSeconds);
            QString label = k.toString() + u'\n' + healthName(health);
            if (const auto lag = i->lagSeconds(); lag && i->isReplica())
                label += u", lag %1 s"_s.arg(*lag);
            label += i->readOnly ? u", ro"_s : u", rw"_s;
            if (downtimed.contains(k))
                label += u", downtimed"_s;
            const char *colour = health == InstanceHealth::Ok           ? "#2e7d32"
                                 : health == InstanceHealth::Lagging    ? "#b26a00"
                                 : health == InstanceHealth::Connecting ? "#7c6400"
                                                                        : "#c62828";
            out += u"    %1 [label=%2, color=\"%3\"];\n"_s.arg(quote(k.toString()), quote(label), QLatin1String(colour));
        }
        out += u"  }\n"_s;
        for (const InstanceKey &k : c.members) {
            const InstanceKey parent = topology.parentOf(k);
            if (!parent.isValid())
                continue;
            const Instance *i = topology.instance(k);
            QString style;
            if (i && i->replication) {
                if (i->replication->hasError())
                    style = u" [color=\"#c62828\", label=\"broken\"]"_s;
                else if (healthOf(*i, lagThresholdSeconds) == InstanceHealth::Connecting)
                    style = u" [color=\"#7c6400\", style=dashed, label=\"connecting\"]"_s;
                else if (!i->replication->isHealthy())
                    style = u" [style=dashed, label=\"stopped\"]"_s;
            } else if (i && !i->lastCheckValid) {
                style = u" [style=dotted]"_s;
            }
            out += u"  %1 -> %2%3;\n"_s.arg(quote(parent.toString()), quote(k.toString()), style);
        }
    }
    out += u"}\n"_s;
    return out;
}

} // namespace arbor::core
