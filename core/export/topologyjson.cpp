#include "core/export/topologyjson.h"

#include "model/instancejson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
const QString kFormat = u"arbor-topology"_s;

QJsonObject treeOf(const Topology &topology, const InstanceKey &key, int depthGuard)
{
    QJsonObject node{{u"Key"_s, key.toString()}};
    QJsonArray replicas;
    if (depthGuard > 0) {
        for (const InstanceKey &child : topology.childrenOf(key))
            replicas.append(treeOf(topology, child, depthGuard - 1));
    }
    node.insert(u"Replicas"_s, replicas);
    return node;
}
} // namespace

QJsonObject TopologyJson::toJson(const Topology &topology, const QList<Cluster> &clusters,
                                 const QSet<InstanceKey> &downtimed)
{
    QJsonArray clusterArray;
    for (const Cluster &c : clusters) {
        QJsonArray instances;
        for (const InstanceKey &k : c.members) {
            const Instance *i = topology.instance(k);
            if (!i)
                continue;
            QJsonObject json = InstanceJson::toJson(*i);
            json.insert(u"Downtimed"_s, downtimed.contains(k));
            instances.append(json);
        }
        clusterArray.append(QJsonObject{
            {u"Name"_s, c.name},
            {u"Alias"_s, c.alias},
            {u"Master"_s, c.master.toString()},
            {u"Tree"_s, treeOf(topology, c.master, int(c.members.size()))},
            {u"Instances"_s, instances},
        });
    }
    return QJsonObject{
        {u"Format"_s, kFormat},
        {u"FormatVersion"_s, 1},
        {u"Generated"_s, InstanceJson::formatTimestamp(QDateTime::currentDateTimeUtc())},
        {u"Clusters"_s, clusterArray},
    };
}

QByteArray TopologyJson::toText(const Topology &topology, const QList<Cluster> &clusters,
                                const QSet<InstanceKey> &downtimed)
{
    return QJsonDocument(toJson(topology, clusters, downtimed)).toJson(QJsonDocument::Indented);
}

Result<QList<Instance>> TopologyJson::instancesFromText(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (doc.isNull())
        return Result<QList<Instance>>::failure(
            u"the file is not JSON (%1 at byte %2): export it again with arbor export --format json"_s.arg(error.errorString())
                .arg(error.offset));
    const QJsonObject root = doc.object();
    if (root.value(u"Format"_s).toString() != kFormat)
        return Result<QList<Instance>>::failure(
            u"the file is not an Arbor topology export (no \"Format\": \"arbor-topology\"): export it with arbor export --format json"_s);
    if (root.value(u"FormatVersion"_s).toInt() != 1)
        return Result<QList<Instance>>::failure(
            u"the export has format version %1, this Arbor reads version 1: import it with the Arbor that wrote it"_s
                .arg(root.value(u"FormatVersion"_s).toInt()));
    QList<Instance> out;
    const QJsonArray clusters = root.value(u"Clusters"_s).toArray();
    for (qsizetype c = 0; c < clusters.size(); ++c) {
        const QJsonArray instances = clusters.at(c).toObject().value(u"Instances"_s).toArray();
        for (qsizetype n = 0; n < instances.size(); ++n) {
            auto instance = InstanceJson::fromJson(instances.at(n).toObject());
            if (!instance.ok())
                return Result<QList<Instance>>::failure(
                    u"server %1 of cluster %2 in the export is unreadable: %3"_s.arg(n + 1).arg(c + 1).arg(instance.error()));
            out.append(instance.value());
        }
    }
    return out;
}

Result<QList<InstanceKey>> TopologyJson::seedsFromText(const QByteArray &text)
{
    auto instances = instancesFromText(text);
    if (!instances.ok())
        return Result<QList<InstanceKey>>::failure(instances.error());
    QList<InstanceKey> masters;
    QList<InstanceKey> others;
    for (const Instance &i : instances.value()) {
        if (!i.key.isValid())
            continue;
        (i.isReplica() ? others : masters).append(i.key);
    }
    return masters + others;
}

} // namespace arbor::core
