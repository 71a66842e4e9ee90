#pragma once

#include "model/instancekey.h"
#include "model/promotionrule.h"
#include "util/result.h"

#include <QDateTime>
#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace arbor::core {
class Store;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

// Which servers may be promoted: every known server (and every server that has a stored rule) with
// its cluster, data centre, rule and expiry. Edits are staged (marked with a '*' and in bold) until
// Save, so a bulk edit of a selection or an imported file can be reviewed first. Import and export
// use the format of `arbor promotion-rules --json`.
class PromotionRulesEditor : public QDialog
{
    Q_OBJECT
public:
    enum Column { ServerColumn, ClusterColumn, DataCenterColumn, RuleColumn, ExpiresColumn, StatusColumn, ColumnCount };

    PromotionRulesEditor(core::TopologyState *state, core::Store *store, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *filterBox() const { return m_filter; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *messageLabel() const { return m_message; }

    // Re-reads the store and the topology; staged edits are dropped.
    void reload();
    void selectServers(const QList<core::InstanceKey> &keys);
    QList<core::InstanceKey> selectedServers() const;
    // Stages @p rule (expiring at @p expiresAt, invalid = never) for every selected server.
    int applyToSelection(core::PromotionRule rule, const QDateTime &expiresAt);
    // Stages the rules of a JSON file; the whole file is refused when any entry is bad.
    core::Result<int> importFile(const QString &path);
    // Writes the rules as shown (staged edits included) that differ from the default.
    core::Result<int> exportFile(const QString &path) const;
    // Writes staged edits to the store; returns how many were written.
    core::Result<int> save();
    int pendingCount() const;
    // The rule each row shows now (staged or saved), sorted by server.
    QList<core::PromotionRuleEntry> entries() const;
    std::optional<core::PromotionRuleEntry> entry(const core::InstanceKey &key) const;

    // Asks before dropping staged edits; tests replace it.
    void setConfirmer(std::function<bool(const QString &title, const QString &text)> confirmer);

Q_SIGNALS:
    // After a save: the rules written (for the activity log).
    void rulesSaved(const QList<arbor::core::PromotionRuleEntry> &written);

protected:
    void done(int result) override;

private:
    struct Row
    {
        core::InstanceKey key;
        QString cluster;
        QString dataCenter;
        bool known = false; // in the topology
        core::PromotionRuleEntry saved;
        core::PromotionRuleEntry current;
        bool pending() const;
    };

    void rebuild();
    void fillRow(int index);
    void applyFilter();
    void updateButtons();
    void onApplyClicked();
    void onImportClicked();
    void onExportClicked();
    Row &rowFor(const core::InstanceKey &key);
    QDateTime chosenExpiry() const;

    core::TopologyState *m_state;
    core::Store *m_store;
    QList<Row> m_rows; // sorted by key; table row i shows m_rows[i]
    QTableWidget *m_table;
    QLineEdit *m_filter;
    QComboBox *m_rule;
    QComboBox *m_expiry;
    QDateTimeEdit *m_until;
    QPushButton *m_apply;
    QPushButton *m_import;
    QPushButton *m_export;
    QPushButton *m_save;
    QPushButton *m_revert;
    QLabel *m_message;
    std::function<bool(const QString &, const QString &)> m_confirm;
};

} // namespace arbor::widgets
