#pragma once

#include "model/instance.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QSet>

namespace arbor::core {

// A snapshot to analyse without polling (`arbor replication-analysis --facts FILE`): an Arbor JSON
// export (arbor export --format json) or orchestrator's instance JSON as /api/cluster/... and
// /api/all-instances answer it (a list of instance objects, or {"Details": [...]}). So a post-mortem
// can be replayed, or what orchestrator saw compared with what Arbor concludes from the same facts.
class FactsFile
{
public:
    struct Facts
    {
        QList<Instance> instances;
        QSet<InstanceKey> downtimed; // orchestrator's IsDowntimed
        QString format;              // "arbor-topology" or "orchestrator"
    };

    static Result<Facts> parse(const QByteArray &text);
};

} // namespace arbor::core
