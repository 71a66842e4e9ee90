#include "actions/operationmenu.h"

#include "actions/operationcontroller.h"
#include "model/topologystate.h"
#include "ops/operationrunner.h"

#include <QMenu>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
// A reason to grey out an entry that plan() would accept but that changes nothing now.
QString nothingToDo(OperationKind kind, const Instance &i)
{
    const QString k = i.key.toString();
    switch (kind) {
    case OperationKind::StartReplica:
        if (i.replication && i.replication->isHealthy())
            return OperationMenu::tr("replication already runs on %1").arg(k);
        break;
    case OperationKind::StopReplica:
        if (i.replication && i.replication->ioThread == ReplicationState::ThreadState::Stopped
            && i.replication->sqlThread == ReplicationState::ThreadState::Stopped)
            return OperationMenu::tr("replication is already stopped on %1").arg(k);
        break;
    case OperationKind::SetReadOnly:
        if (i.readOnly)
            return OperationMenu::tr("%1 is already read-only").arg(k);
        break;
    case OperationKind::SetWriteable:
        if (!i.readOnly)
            return OperationMenu::tr("%1 is already writeable").arg(k);
        break;
    case OperationKind::EnableGtid:
        if (i.isReplica() && i.usesGtid())
            return OperationMenu::tr("%1 already replicates by GTID").arg(k);
        break;
    case OperationKind::DisableGtid:
        if (i.isReplica() && !i.usesGtid())
            return OperationMenu::tr("%1 already replicates by file and position").arg(k);
        break;
    default:
        break;
    }
    return {};
}

QString entryText(OperationKind kind)
{
    switch (kind) {
    case OperationKind::StartReplica: return OperationMenu::tr("&Start replication...");
    case OperationKind::StopReplica: return OperationMenu::tr("S&top replication...");
    case OperationKind::SetReadOnly: return OperationMenu::tr("Set &read-only...");
    case OperationKind::SetWriteable: return OperationMenu::tr("Set &writeable...");
    case OperationKind::EnableGtid: return OperationMenu::tr("Enable &GTID...");
    case OperationKind::DisableGtid: return OperationMenu::tr("Disable G&TID (file and position)...");
    case OperationKind::MoveUp: return OperationMenu::tr("Move &up...");
    case OperationKind::TakeMaster: return OperationMenu::tr("Take &master...");
    case OperationKind::MakeCoMaster: return OperationMenu::tr("Make &co-master...");
    case OperationKind::TakeSiblings: return OperationMenu::tr("Take s&iblings...");
    case OperationKind::RegroupReplicas: return OperationMenu::tr("Re&group replicas...");
    case OperationKind::MoveUpReplicas: return OperationMenu::tr("Move replicas u&p...");
    case OperationKind::Repoint: return OperationMenu::tr("Re&point...");
    case OperationKind::DetachReplica: return OperationMenu::tr("&Detach replica...");
    case OperationKind::ReattachReplica: return OperationMenu::tr("Re&attach replica...");
    case OperationKind::ResetReplica: return OperationMenu::tr("Reset replica (cannot be undone)...");
    default: return OperationKinds::name(kind);
    }
}
} // namespace

QString OperationMenu::actionName(const OperationRequest &request)
{
    QString name = u"op-"_s + OperationKinds::name(request.kind);
    if (request.target.isValid())
        name += u'-' + request.target.toString();
    return name;
}

QList<OperationMenu::Entry> OperationMenu::entriesFor(const InstanceKey &key, const TopologyState &state,
                                                      const OperationController &controller, const QString &unavailable)
{
    QList<Entry> out;
    const auto instance = state.instance(key);
    if (!instance)
        return out;
    // The cluster's facts only: as cheap on a fleet of thousands as on five servers.
    const Topology &topology = state.topology();
    QList<Instance> facts;
    if (const auto cluster = topology.findCluster(key.toString())) {
        for (const InstanceKey &k : cluster->members) {
            if (const Instance *i = topology.instance(k))
                facts << *i;
        }
    } else {
        facts << *instance;
    }
    auto add = [&](OperationKind kind, const QString &section, const InstanceKey &target = {}, const QString &text = {}) {
        Entry e;
        e.request.kind = kind;
        e.request.instance = key;
        e.request.target = target;
        e.section = section;
        e.text = text.isEmpty() ? entryText(kind) : text;
        const OperationPlan plan = OperationRunner::plan(facts, e.request, controller.operationOptions());
        const QString idle = nothingToDo(kind, *instance);
        if (!unavailable.isEmpty()) {
            e.toolTip = unavailable;
        } else if (plan.refusal) {
            e.toolTip = plan.refusal->toString();
        } else if (!idle.isEmpty()) {
            e.toolTip = idle;
        } else {
            e.enabled = true;
            e.toolTip = plan.method.isEmpty() ? OperationKinds::summary(kind) : tr("%1 — %2").arg(OperationKinds::summary(kind), plan.method);
            if (!OperationController::isUndoable(kind))
                e.toolTip += u"\n"_s + tr("This cannot be undone.");
        }
        out << e;
    };
    const QString replication = tr("Replication");
    for (OperationKind k : {OperationKind::StartReplica, OperationKind::StopReplica, OperationKind::SetReadOnly,
                            OperationKind::SetWriteable, OperationKind::EnableGtid, OperationKind::DisableGtid})
        add(k, replication);
    const QString refactor = tr("Refactor");
    add(OperationKind::MoveUp, refactor);
    const QString below = tr("Move &below");
    const InstanceKey source = topology.parentOf(key);
    for (const InstanceKey &sibling : topology.childrenOf(source)) {
        if (source.isValid() && sibling != key)
            add(OperationKind::MoveBelow, below, sibling, sibling.toString());
    }
    for (OperationKind k : {OperationKind::TakeMaster, OperationKind::MakeCoMaster, OperationKind::TakeSiblings,
                            OperationKind::RegroupReplicas, OperationKind::MoveUpReplicas, OperationKind::Repoint})
        add(k, refactor);
    const QString link = tr("Link");
    for (OperationKind k : {OperationKind::DetachReplica, OperationKind::ReattachReplica, OperationKind::ResetReplica})
        add(k, link);
    return out;
}

void OperationMenu::clear(QMenu *menu)
{
    menu->clear();
    qDeleteAll(menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));
}

void OperationMenu::fill(QMenu *menu, const InstanceKey &key, const TopologyState &state, OperationController *controller,
                         const QString &unavailable)
{
    menu->setToolTipsVisible(true);
    QString section;
    QMenu *below = nullptr; // stays enabled when every sibling is refused: the reasons are read inside
    const QList<Entry> entries = entriesFor(key, state, *controller, unavailable);
    for (const Entry &e : entries) {
        QMenu *into = menu;
        if (e.request.kind == OperationKind::MoveBelow) {
            if (!below) {
                below = menu->addMenu(e.section);
                below->setObjectName(u"op-move-below"_s);
                below->setToolTipsVisible(true);
            }
            into = below;
        } else if (e.section != section) {
            if (!section.isEmpty())
                menu->addSeparator();
            section = e.section;
        }
        QAction *a = into->addAction(e.text);
        a->setObjectName(actionName(e.request));
        a->setEnabled(e.enabled);
        a->setToolTip(e.toolTip);
        a->setStatusTip(e.toolTip);
        const OperationRequest request = e.request;
        QObject::connect(a, &QAction::triggered, controller, [controller, request] { controller->request(request); });
    }
}

} // namespace arbor::widgets
