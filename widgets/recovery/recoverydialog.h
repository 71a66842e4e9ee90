#pragma once

#include "core/recovery/recoveryplan.h"
#include "util/result.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace arbor::widgets {

class RehearsalPreview;

// The one place where the desktop asks to act on a failure: what failed and why Arbor thinks so,
// the candidate ranking with the reason each other replica lost, the planned steps, and a choice of
// another eligible candidate (which re-plans). Nothing runs unless the user presses Recover.
class RecoveryDialog : public QDialog
{
    Q_OBJECT
public:
    // Makes a fresh plan for another candidate (invalid key: Arbor's choice).
    using Replanner = std::function<core::Result<core::RecoveryPlan>(const core::InstanceKey &candidate)>;

    RecoveryDialog(core::RecoveryPlan plan, Replanner replan, const QStringList &notes, QWidget *parent = nullptr);

    const core::RecoveryPlan &plan() const { return m_plan; }
    QTreeWidget *ranking() const { return m_ranking; }
    QComboBox *candidateBox() const { return m_candidate; }
    QPushButton *recoverButton() const { return m_recover; }
    // The tree as it would be once the plan ran, drawn with the canvas's scene.
    RehearsalPreview *preview() const { return m_preview; }
    QString stepsText() const;
    // Failover → Rehearse…: the same plan, read only. Nothing can be run from the dialog.
    void setRehearsal(bool rehearsal);

    // The whole dialog as text (title, reason, ranking, steps, notes): what a confirmer sees.
    static QString describe(const core::RecoveryPlan &plan, const QStringList &notes);

private:
    void showPlan();
    void onCandidateChosen(int index);

    core::RecoveryPlan m_plan;
    Replanner m_replan;
    QLabel *m_headline;
    QLabel *m_reason;
    QTreeWidget *m_ranking;
    QComboBox *m_candidate;
    QPlainTextEdit *m_steps;
    RehearsalPreview *m_preview;
    QLabel *m_notes;
    QLabel *m_problem;
    QPushButton *m_recover;
    bool m_filling = false;
};

} // namespace arbor::widgets
