#pragma once

#include "model/instance.h"
#include "ops/operationplan.h"
#include "probe/probeoptions.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace arbor::widgets {

// What an operation will do before it runs, as a DBA checks it: the operation, the method, who
// moves from where to where, the exact statements per server in order (with the waits and checks
// between them), what is undone if a step fails, and warnings from the facts (lag, read-only,
// stopped threads) and from the plan. Run is never the default button. A refused plan shows the
// rule and the sentence, with Close only.
class OperationPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    OperationPreviewDialog(const core::OperationPlan &plan, const QStringList &factWarnings, QWidget *parent = nullptr,
                           const QString &heading = QString());

    const core::OperationPlan &plan() const { return m_plan; }
    QPushButton *runButton() const { return m_run; }
    QTableWidget *stepsView() const { return m_steps; }
    QTableWidget *serversView() const { return m_servers; }
    // Every warning shown (the plan's and the facts').
    QStringList warnings() const { return m_warnings; }
    // Adds warnings found after the dialog opened (a live check on the servers).
    void addWarnings(const QStringList &warnings);
    // Looks for long-running transactions on every server the plan touches while the dialog is
    // open; what it finds joins the warnings.
    void checkTransactions(const core::ProbeOptions &options, int olderThanSeconds = 10);
    bool transactionsChecked() const { return m_checked; }

    // Warnings the poll facts give about a plan: lagging or stopped replicas, writeable servers,
    // a lagging new source.
    static QStringList factWarnings(const core::OperationPlan &plan, const QList<core::Instance> &facts);

private:
    void refreshWarnings();

    core::OperationPlan m_plan;
    QStringList m_warnings;
    QLabel *m_warningLabel = nullptr;
    QLabel *m_checkLabel = nullptr;
    bool m_checked = false;
    QTableWidget *m_steps = nullptr;
    QTableWidget *m_servers = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace arbor::widgets
