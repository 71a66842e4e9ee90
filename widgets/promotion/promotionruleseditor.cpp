#include "promotion/promotionruleseditor.h"

#include "model/topologystate.h"
#include "core/recovery/promotionrulesjson.h"
#include "store/store.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
constexpr PromotionRule kRules[] = {PromotionRule::Must, PromotionRule::Prefer, PromotionRule::Neutral,
                                    PromotionRule::PreferNot, PromotionRule::MustNot};

bool sameEntry(const PromotionRuleEntry &a, const PromotionRuleEntry &b)
{
    // The store keeps whole seconds; compare what it can hold.
    const auto secs = [](const QDateTime &t) { return t.isValid() ? t.toSecsSinceEpoch() : -1; };
    return a.rule == b.rule && secs(a.expiresAt) == secs(b.expiresAt);
}

bool isDefault(const PromotionRuleEntry &e)
{
    return e.rule == PromotionRule::Neutral && !e.expiresAt.isValid();
}
} // namespace

bool PromotionRulesEditor::Row::pending() const
{
    return !sameEntry(saved, current);
}

PromotionRulesEditor::PromotionRulesEditor(TopologyState *state, Store *store, QWidget *parent)
    : QDialog(parent), m_state(state), m_store(store), m_table(new QTableWidget(this)), m_filter(new QLineEdit(this)),
      m_rule(new QComboBox(this)), m_expiry(new QComboBox(this)), m_until(new QDateTimeEdit(this)),
      m_apply(new QPushButton(this)), m_import(new QPushButton(tr("&Import..."), this)),
      m_export(new QPushButton(tr("E&xport..."), this)), m_save(new QPushButton(tr("&Save"), this)),
      m_revert(new QPushButton(tr("&Revert"), this)), m_message(new QLabel(this))
{
    setObjectName(u"PromotionRulesEditor"_s);
    setWindowTitle(tr("Promotion rules"));
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text, QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Discard;
    };

    auto *intro = new QLabel(tr("Which replica a failover may promote. <b>must</b>: this one when it is healthy, else the "
                                "recovery fails; <b>prefer</b> wins among equally up-to-date replicas; <b>prefer_not</b> "
                                "only when nobody else can; <b>must_not</b>: never. A rule can lapse at a given time."),
                             this);
    intro->setWordWrap(true);
    m_filter->setPlaceholderText(tr("Filter by server, cluster, data centre or rule"));
    m_filter->setClearButtonEnabled(true);

    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Server"), tr("Cluster"), tr("Data centre"), tr("Rule"), tr("Expires"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(false); // rows map to m_rows by index
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    m_rule->setObjectName(u"ruleBox"_s);
    m_expiry->setObjectName(u"expiryBox"_s);
    m_apply->setObjectName(u"applyButton"_s);
    for (PromotionRule r : kRules)
        m_rule->addItem(promotionRuleName(r), int(r));
    m_rule->setCurrentIndex(m_rule->findData(int(PromotionRule::Neutral)));
    m_expiry->addItem(tr("never expires"), 0);
    m_expiry->addItem(tr("for 1 hour"), 3600);
    m_expiry->addItem(tr("for 8 hours"), 8 * 3600);
    m_expiry->addItem(tr("for 1 day"), 86400);
    m_expiry->addItem(tr("for 7 days"), 7 * 86400);
    m_expiry->addItem(tr("until..."), -1);
    m_until->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_until->setCalendarPopup(true);
    m_until->setDateTime(QDateTime::currentDateTime().addDays(1));
    m_until->setVisible(false);
    connect(m_expiry, &QComboBox::currentIndexChanged, this,
            [this] { m_until->setVisible(m_expiry->currentData().toInt() < 0); });

    auto *bulk = new QHBoxLayout;
    bulk->addWidget(new QLabel(tr("Selected servers:"), this));
    bulk->addWidget(m_rule);
    bulk->addWidget(m_expiry);
    bulk->addWidget(m_until);
    bulk->addWidget(m_apply);
    bulk->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    buttons->addButton(m_revert, QDialogButtonBox::ResetRole);
    buttons->addButton(m_save, QDialogButtonBox::ApplyRole);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addLayout(bulk);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &PromotionRulesEditor::applyFilter);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        // One server picked: start the bulk controls from its rule, so changing one rule is one click.
        if (const QList<InstanceKey> keys = selectedServers(); keys.size() == 1) {
            if (const auto e = entry(keys.constFirst()))
                m_rule->setCurrentIndex(m_rule->findData(int(e->rule)));
        }
        updateButtons();
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        m_table->selectRow(row);
        m_rule->setFocus();
        m_rule->showPopup();
    });
    connect(m_apply, &QPushButton::clicked, this, &PromotionRulesEditor::onApplyClicked);
    connect(m_import, &QPushButton::clicked, this, &PromotionRulesEditor::onImportClicked);
    connect(m_export, &QPushButton::clicked, this, &PromotionRulesEditor::onExportClicked);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        reload();
        m_message->setText(tr("Staged edits dropped."));
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const auto written = save();
        if (!written.ok())
            QMessageBox::warning(this, tr("Promotion rules"), written.error());
    });
    reload();
    resize(900, 560);
}

void PromotionRulesEditor::setConfirmer(std::function<bool(const QString &, const QString &)> confirmer)
{
    m_confirm = std::move(confirmer);
}

void PromotionRulesEditor::reload()
{
    QHash<InstanceKey, Row> rows;
    if (m_state) {
        const Topology &t = m_state->topology();
        for (const Cluster &c : t.clusters()) {
            for (const InstanceKey &k : c.members) {
                Row &r = rows[k];
                r.key = k;
                r.cluster = c.alias.isEmpty() ? c.name : c.alias;
                r.known = true;
                if (const Instance *i = t.instance(k))
                    r.dataCenter = i->region.isEmpty() || i->region == i->dataCenter
                                       ? i->dataCenter
                                       : tr("%1 (%2)").arg(i->dataCenter, i->region);
            }
        }
    }
    QString problem;
    if (m_store) {
        const auto stored = m_store->readPromotionRules();
        if (stored.ok()) {
            for (const PromotionRuleEntry &e : stored.value()) {
                Row &r = rows[e.key];
                r.key = e.key;
                r.saved = e;
            }
        } else {
            problem = stored.error();
        }
    } else {
        problem = tr("No store is open: rules cannot be read or saved in this window.");
    }
    m_rows = rows.values();
    for (Row &r : m_rows) {
        r.saved.key = r.key;
        r.current = r.saved;
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) { return a.key < b.key; });
    rebuild();
    m_message->setText(problem);
}

void PromotionRulesEditor::rebuild()
{
    const QList<InstanceKey> selected = selectedServers();
    m_table->setUpdatesEnabled(false);
    m_table->clearContents();
    m_table->setRowCount(int(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i)
        fillRow(i);
    m_table->resizeColumnsToContents();
    m_table->setUpdatesEnabled(true);
    applyFilter();
    selectServers(selected);
    updateButtons();
}

void PromotionRulesEditor::fillRow(int index)
{
    const Row &r = m_rows.at(index);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool pending = r.pending();
    const bool active = r.current.isActiveAt(now);
    QString status;
    if (pending)
        status = tr("* unsaved (saved: %1%2)")
                     .arg(promotionRuleName(r.saved.rule),
                          r.saved.expiresAt.isValid() ? tr(" until %1").arg(r.saved.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s))
                                                      : QString());
    else if (!active)
        status = tr("expired: neutral applies");
    else if (!r.known)
        status = tr("not in the topology");
    else if (r.current.expiresAt.isValid())
        status = tr("active, %1 h left").arg(QString::number(double(now.secsTo(r.current.expiresAt)) / 3600.0, 'f', 1));
    else
        status = tr("active");
    const QString expires = r.current.expiresAt.isValid() ? r.current.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)
                                                          : tr("never");
    const QString texts[ColumnCount] = {r.key.toString(), r.known ? r.cluster : tr("(unknown)"), r.dataCenter,
                                        promotionRuleName(r.current.rule), expires, status};
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QTableWidgetItem(texts[c]);
        if (pending) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        }
        if ((!active && c == RuleColumn) || (!r.known && c != StatusColumn))
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        if (c == ServerColumn)
            item->setData(Qt::UserRole, r.key.toString());
        m_table->setItem(index, c, item);
    }
}

void PromotionRulesEditor::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    for (int i = 0; i < m_table->rowCount(); ++i) {
        bool match = needle.isEmpty();
        for (int c = 0; c < ColumnCount && !match; ++c)
            match = m_table->item(i, c) && m_table->item(i, c)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(i, !match);
    }
}

void PromotionRulesEditor::updateButtons()
{
    const int selected = int(selectedServers().size());
    m_apply->setText(tr("Apply to %n selected", nullptr, selected));
    m_apply->setEnabled(selected > 0);
    const int pending = pendingCount();
    m_save->setEnabled(pending > 0 && m_store);
    m_save->setText(pending > 0 ? tr("&Save %n change(s)", nullptr, pending) : tr("&Save"));
    m_revert->setEnabled(pending > 0);
}

void PromotionRulesEditor::selectServers(const QList<InstanceKey> &keys)
{
    m_table->clearSelection();
    QItemSelection selection;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (keys.contains(m_rows.at(i).key))
            selection.select(m_table->model()->index(i, 0), m_table->model()->index(i, ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::Select);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.indexes().constFirst());
}

QList<InstanceKey> PromotionRulesEditor::selectedServers() const
{
    QList<InstanceKey> out;
    if (!m_table->selectionModel())
        return out;
    // The key from the item itself: m_rows may already hold rows the table does not show yet.
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows()) {
        const QTableWidgetItem *item = m_table->item(i.row(), ServerColumn);
        if (!item || m_table->isRowHidden(i.row()))
            continue;
        if (auto key = InstanceKey::parse(item->data(Qt::UserRole).toString()); key.ok())
            out.append(key.value());
    }
    std::sort(out.begin(), out.end());
    return out;
}

QDateTime PromotionRulesEditor::chosenExpiry() const
{
    const int seconds = m_expiry->currentData().toInt();
    if (seconds == 0)
        return {};
    if (seconds < 0)
        return m_until->dateTime().toUTC();
    return QDateTime::currentDateTimeUtc().addSecs(seconds);
}

void PromotionRulesEditor::onApplyClicked()
{
    const auto rule = PromotionRule(m_rule->currentData().toInt());
    const QDateTime expires = chosenExpiry();
    if (expires.isValid() && expires <= QDateTime::currentDateTimeUtc()) {
        m_message->setText(tr("The expiry %1 is in the past; choose a later time.").arg(expires.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));
        return;
    }
    const int n = applyToSelection(rule, expires);
    m_message->setText(tr("%n server(s) staged as %1; Save writes them.", nullptr, n).arg(promotionRuleName(rule)));
}

int PromotionRulesEditor::applyToSelection(PromotionRule rule, const QDateTime &expiresAt)
{
    const QList<InstanceKey> keys = selectedServers();
    for (const InstanceKey &k : keys) {
        Row &r = rowFor(k);
        r.current.rule = rule;
        r.current.expiresAt = expiresAt.isValid() ? expiresAt.toUTC() : QDateTime();
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        if (keys.contains(m_rows.at(i).key))
            fillRow(i);
    }
    m_table->resizeColumnsToContents(); // staged rows are bold, hence wider
    updateButtons();
    return int(keys.size());
}

PromotionRulesEditor::Row &PromotionRulesEditor::rowFor(const InstanceKey &key)
{
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), key, [](const Row &r, const InstanceKey &k) { return r.key < k; });
    if (it == m_rows.end() || it->key != key) {
        Row r;
        r.key = key;
        r.saved.key = key;
        r.current.key = key;
        it = m_rows.insert(it, r);
    }
    return *it;
}

Result<int> PromotionRulesEditor::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<int>::failure(tr("Cannot read %1: %2.").arg(path, file.errorString()));
    const auto entries = PromotionRulesJson::read(file.readAll());
    if (!entries.ok())
        return Result<int>::failure(tr("%1 was not imported: %2.").arg(path, entries.error()));
    int changed = 0;
    for (const PromotionRuleEntry &e : entries.value()) {
        Row &r = rowFor(e.key);
        const bool was = sameEntry(r.current, e);
        r.current.rule = e.rule;
        r.current.expiresAt = e.expiresAt;
        changed += was ? 0 : 1;
    }
    rebuild();
    m_message->setText(tr("Imported %1 rule(s) from %2: %3 change(s) staged; servers not in the file keep their rule. "
                          "Save writes them.")
                           .arg(entries->size())
                           .arg(path)
                           .arg(changed));
    return changed;
}

Result<int> PromotionRulesEditor::exportFile(const QString &path) const
{
    QList<PromotionRuleEntry> out;
    for (const PromotionRuleEntry &e : entries()) {
        if (!isDefault(e))
            out.append(e);
    }
    QSaveFile file(path);
    const QByteArray bytes = PromotionRulesJson::write(out, QDateTime::currentDateTimeUtc());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Result<int>::failure(tr("Cannot write %1: %2.").arg(path, file.errorString()));
    return int(out.size());
}

Result<int> PromotionRulesEditor::save()
{
    if (!m_store)
        return Result<int>::failure(tr("No store is open, so the rules cannot be saved; start Arbor with a store."));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<PromotionRuleEntry> written;
    QString failure;
    for (Row &r : m_rows) {
        if (!r.pending())
            continue;
        PromotionRuleEntry e = r.current;
        e.key = r.key;
        e.updatedAt = now;
        if (auto w = m_store->setPromotionRule(e); !w.ok()) {
            failure = tr("Saving the rule of %1 failed: %2").arg(r.key.toString(), w.error());
            break;
        }
        r.saved = e;
        written.append(e);
    }
    // Keep what is still unsaved staged; show what the store holds for the rest.
    QList<Row> unsaved;
    for (const Row &r : std::as_const(m_rows)) {
        if (r.pending())
            unsaved.append(r);
    }
    reload();
    for (const Row &u : std::as_const(unsaved)) {
        Row &r = rowFor(u.key);
        r.current = u.current;
    }
    rebuild();
    if (!written.isEmpty())
        Q_EMIT rulesSaved(written);
    if (!failure.isEmpty()) {
        m_message->setText(failure);
        return Result<int>::failure(failure);
    }
    m_message->setText(tr("%n rule(s) saved.", nullptr, int(written.size())));
    return int(written.size());
}

int PromotionRulesEditor::pendingCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.pending(); }));
}

QList<PromotionRuleEntry> PromotionRulesEditor::entries() const
{
    QList<PromotionRuleEntry> out;
    for (const Row &r : m_rows) {
        PromotionRuleEntry e = r.current;
        e.key = r.key;
        out.append(e);
    }
    return out;
}

std::optional<PromotionRuleEntry> PromotionRulesEditor::entry(const InstanceKey &key) const
{
    for (const Row &r : m_rows) {
        if (r.key == key)
            return r.current;
    }
    return std::nullopt;
}

void PromotionRulesEditor::onImportClicked()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import promotion rules"), QString(),
                                                      tr("Promotion rules (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const auto r = importFile(path); !r.ok()) {
        m_message->setText(r.error());
        QMessageBox::warning(this, tr("Import promotion rules"), r.error());
    }
}

void PromotionRulesEditor::onExportClicked()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export promotion rules"), u"promotion-rules.json"_s,
                                                tr("Promotion rules (*.json)"));
    if (path.isEmpty())
        return;
    const auto r = exportFile(path);
    if (!r.ok()) {
        QMessageBox::warning(this, tr("Export promotion rules"), r.error());
        return;
    }
    m_message->setText(tr("Exported %1 rule(s) to %2%3.")
                           .arg(r.value())
                           .arg(path, pendingCount() > 0 ? tr(" (including unsaved edits)") : QString()));
}

void PromotionRulesEditor::done(int result)
{
    const int pending = pendingCount();
    if (pending > 0
        && !m_confirm(tr("Unsaved promotion rules"),
                      tr("%n staged change(s) are not saved. Discard them?", nullptr, pending)))
        return;
    if (pending > 0)
        reload();
    QDialog::done(result);
}

} // namespace arbor::widgets
