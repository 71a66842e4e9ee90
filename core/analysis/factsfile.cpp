#include "analysis/factsfile.h"

#include "core/export/topologyjson.h"
#include "model/instancejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<FactsFile::Facts> FactsFile::parse(const QByteArray &text)
{
    using R = Result<Facts>;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (doc.isNull())
        return R::failure(u"the facts are not JSON (%1 at byte %2)"_s.arg(error.errorString()).arg(error.offset));
    Facts facts;
    QJsonArray list;
    if (doc.isObject() && doc.object().contains(u"Format"_s)) {
        auto instances = TopologyJson::instancesFromText(text);
        if (!instances.ok())
            return R::failure(instances.error());
        facts.instances = instances.value();
        facts.format = u"arbor-topology"_s;
        return facts;
    }
    if (doc.isArray())
        list = doc.array();
    else if (doc.object().value(u"Details"_s).isArray())
        list = doc.object().value(u"Details"_s).toArray();
    else
        return R::failure(u"the facts are neither an Arbor export (\"Format\": \"arbor-topology\") nor orchestrator's instance "
                          "JSON (a list of instances, as /api/cluster/HINT answers)"_s);
    facts.format = u"orchestrator"_s;
    QSet<InstanceKey> seen;
    for (qsizetype n = 0; n < list.size(); ++n) {
        if (!list.at(n).isObject())
            return R::failure(u"item %1 of the facts is not an instance object"_s.arg(n + 1));
        const QJsonObject o = list.at(n).toObject();
        auto instance = InstanceJson::fromJson(o);
        if (!instance.ok())
            return R::failure(u"instance %1 of the facts is unreadable: %2"_s.arg(n + 1).arg(instance.error()));
        if (!instance->key.isValid())
            return R::failure(u"instance %1 of the facts has no valid Key {Hostname, Port}"_s.arg(n + 1));
        if (seen.contains(instance->key))
            return R::failure(u"%1 appears twice in the facts"_s.arg(instance->key.toString()));
        seen.insert(instance->key);
        if (o.value(u"IsDowntimed"_s).toBool())
            facts.downtimed.insert(instance->key);
        facts.instances << instance.value();
    }
    if (facts.instances.isEmpty())
        return R::failure(u"the facts hold no instance"_s);
    return facts;
}

} // namespace arbor::core
