#pragma once

#include "ops/operationplan.h"

#include <QCoreApplication>
#include <QList>

class QMenu;

namespace arbor::core {
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class OperationController;

// The operations a server's context menu offers: every refactoring and replication control, each
// judged now by OperationRunner::plan() on the poll facts of the server's cluster (the code the drag
// and the run use, so the menu cannot disagree with them). An entry that may not run is disabled and
// says why in its tooltip. Triggering an entry goes through OperationController: preview, Run,
// audit, undo.
class OperationMenu
{
    Q_DECLARE_TR_FUNCTIONS(OperationMenu)
public:
    struct Entry
    {
        core::OperationRequest request;
        QString text;    // "Move below ▸ h:p" entries have their sibling as text
        QString section; // "Replication", "Refactor", "Move below"
        bool enabled = false;
        QString toolTip; // the method when legal, the rule when not
    };

    // Every entry for @p key; @p unavailable (busy, connected mode) disables all with that reason.
    static QList<Entry> entriesFor(const core::InstanceKey &key, const core::TopologyState &state,
                                   const OperationController &controller, const QString &unavailable = {});
    // Adds the entries to @p menu (sections as separators, move-below as a submenu).
    static void fill(QMenu *menu, const core::InstanceKey &key, const core::TopologyState &state,
                     OperationController *controller, const QString &unavailable = {});
    // Empties @p menu of its actions and of the submenus fill() made (QMenu::clear() keeps those).
    static void clear(QMenu *menu);
    // The object name of the entry's action, for tests and scripting: "op-stop-replica",
    // "op-move-below-127.0.0.1:3308".
    static QString actionName(const core::OperationRequest &request);
};

} // namespace arbor::widgets
