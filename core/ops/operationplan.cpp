#include "ops/operationplan.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString OperationPlan::title() const
{
    QString t = OperationKinds::name(request.kind) + u' ' + request.instance.toString();
    if (request.target.isValid()) {
        switch (request.kind) {
        case OperationKind::MoveBelow:
        case OperationKind::Relocate:
        case OperationKind::RelocateReplicas:
        case OperationKind::MoveGtid:
        case OperationKind::MoveReplicasGtid:
            t += u" below "_s + request.target.toString();
            break;
        default:
            t += u" to "_s + request.target.toString();
            break;
        }
    }
    if (!request.pattern.isEmpty())
        t += u" (replicas matching /%1/)"_s.arg(request.pattern);
    if (!request.argument.isEmpty())
        t += u" (%1 %2)"_s.arg(OperationKinds::argumentName(request.kind), request.argument);
    return t;
}

QList<InstanceKey> OperationPlan::touched() const
{
    QList<InstanceKey> out;
    QSet<InstanceKey> seen;
    auto add = [&](const InstanceKey &k) {
        if (k.isValid() && !seen.contains(k)) {
            seen.insert(k);
            out << k;
        }
    };
    add(request.instance);
    for (const Step &s : steps)
        add(s.server);
    for (auto it = toSources.cbegin(); it != toSources.cend(); ++it) {
        add(it.key());
        add(it.value());
    }
    for (auto it = fromSources.cbegin(); it != fromSources.cend(); ++it)
        add(it.value());
    return out;
}

QString OperationPlan::toText() const
{
    QString out;
    out += u"Operation: %1\n"_s.arg(title());
    if (!clusterName.isEmpty())
        out += u"Cluster:   %1\n"_s.arg(clusterName);
    if (refusal) {
        out += u"Refused:   %1\n"_s.arg(refusal->toString());
        return out;
    }
    if (!method.isEmpty())
        out += u"Method:    %1\n"_s.arg(method);
    for (auto it = toSources.cbegin(); it != toSources.cend(); ++it)
    {
        const InstanceKey from = fromSources.value(it.key());
        out += u"Moves:     %1 from %2 to %3\n"_s.arg(it.key().toString(), from.isValid() ? from.toString() : u"no source"_s,
                                                       it.value().isValid() ? it.value().toString() : u"no source"_s);
    }
    for (const QString &w : warnings)
        out += u"Warning:   %1\n"_s.arg(w);
    out += u"Steps:\n"_s;
    int n = 0;
    for (const Step &s : steps) {
        ++n;
        const QString tag = s.kind == Step::Kind::Wait ? u"wait "_s : s.kind == Step::Kind::Check ? u"check"_s : u"run  "_s;
        out += u"%1. %2 on %3: %4\n"_s.arg(n, 2).arg(tag, s.server.toString(), s.sql);
        if (!s.purpose.isEmpty())
            out += u"       -- %1\n"_s.arg(s.purpose);
    }
    if (!rollback.isEmpty()) {
        out += u"If a step fails:\n"_s;
        for (const QString &r : rollback)
            out += u"  - %1\n"_s.arg(r);
    }
    return out;
}

} // namespace arbor::core
