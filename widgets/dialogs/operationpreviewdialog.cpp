#include "dialogs/operationpreviewdialog.h"

#include "dialogs/transactioncheck.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHash>
#include <QSet>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTimer>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
QString kindWord(OperationPlan::Step::Kind kind)
{
    switch (kind) {
    case OperationPlan::Step::Kind::Statement: return OperationPreviewDialog::tr("run");
    case OperationPlan::Step::Kind::Wait: return OperationPreviewDialog::tr("wait");
    case OperationPlan::Step::Kind::Check: return OperationPreviewDialog::tr("check");
    }
    return {};
}

// One option per line for long statements (CHANGE MASTER TO ...), so each shows whole in its row;
// the breaks are whitespace only, and the tooltip, "As text" and Copy keep the statement verbatim.
QString displaySql(const QString &sql)
{
    if (sql.size() <= 60)
        return sql;
    QString out = sql;
    static const QRegularExpression option(u", (?=[A-Z_]+=)"_s);
    out.replace(option, u",\n    "_s);
    return out;
}

QLabel *boxLabel(const QString &text, const QColor &border, const QColor &fill, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setStyleSheet(u"QLabel { border: 1px solid %1; border-left: 4px solid %1; background: %2; padding: 6px; "
                     "border-radius: 3px; color: palette(window-text); }"_s
                         .arg(border.name(), fill.name(QColor::HexArgb)));
    return l;
}
} // namespace

QStringList OperationPreviewDialog::factWarnings(const OperationPlan &plan, const QList<Instance> &facts)
{
    QHash<InstanceKey, const Instance *> byKey;
    for (const Instance &i : facts)
        byKey.insert(i.key, &i);
    QStringList out;
    QSet<InstanceKey> sources;
    for (auto it = plan.toSources.cbegin(); it != plan.toSources.cend(); ++it) {
        const Instance *r = byKey.value(it.key());
        if (it.value().isValid())
            sources.insert(it.value());
        if (!r)
            continue;
        if (r->replication && !r->replication->isHealthy())
            out << tr("%1: replication is not running cleanly (IO %2, SQL %3); the move starts from where it stopped")
                       .arg(r->key.toString(), r->replication->ioThread == ReplicationState::ThreadState::Running ? tr("running") : tr("not running"),
                            r->replication->sqlThread == ReplicationState::ThreadState::Running ? tr("running") : tr("not running"));
        if (const auto lag = r->lagSeconds(); lag && *lag > 0)
            out << tr("%1 is %2 s behind its source: the move waits until it has caught up as far as it needs")
                       .arg(r->key.toString())
                       .arg(*lag);
        if (!r->readOnly)
            out << tr("%1 is writeable (read_only=OFF) although it is a replica: writes made there are not on its "
                      "new source")
                       .arg(r->key.toString());
    }
    for (const InstanceKey &k : std::as_const(sources)) {
        const Instance *s = byKey.value(k);
        if (!s)
            continue;
        if (!s->lastCheckValid)
            out << tr("the new source %1 did not answer its last poll (%2)").arg(k.toString(), s->lastError);
        if (s->isReplica()) {
            if (const auto lag = s->lagSeconds(); lag && *lag > 0)
                out << tr("the new source %1 is %2 s behind its own source: the moved replicas will be at least as "
                          "far behind")
                           .arg(k.toString())
                           .arg(*lag);
            if (!s->readOnly)
                out << tr("the new source %1 is a writeable replica (read_only=OFF): writes made on it will reach the "
                          "moved replicas but not its own source")
                           .arg(k.toString());
        }
    }
    return out;
}

OperationPreviewDialog::OperationPreviewDialog(const OperationPlan &plan, const QStringList &factWarnings, QWidget *parent,
                                               const QString &heading)
    : QDialog(parent), m_plan(plan)
{
    setObjectName(u"OperationPreviewDialog"_s);
    setWindowTitle(heading.isEmpty() ? tr("Preview: %1").arg(plan.title()) : heading);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *layout = new QVBoxLayout(this);

    auto *title = new QLabel(heading.isEmpty() ? plan.title() : heading + u" — "_s + plan.title(), this);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    title->setFont(tf);
    title->setWordWrap(true);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(title);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    if (!plan.clusterName.isEmpty())
        form->addRow(tr("Cluster:"), new QLabel(plan.clusterName, this));
    if (!plan.refusal) {
        auto *method = new QLabel(plan.method.isEmpty() ? tr("(no statements needed)") : plan.method, this);
        QFont mf = method->font();
        mf.setBold(true);
        method->setFont(mf);
        form->addRow(tr("Method:"), method);
        QStringList moves;
        for (auto it = plan.toSources.cbegin(); it != plan.toSources.cend(); ++it) {
            const InstanceKey from = plan.fromSources.value(it.key());
            moves << tr("%1: from %2 to %3")
                         .arg(it.key().toString(), from.isValid() ? from.toString() : tr("no source"),
                              it.value().isValid() ? it.value().toString() : tr("no source"));
        }
        if (!moves.isEmpty()) {
            auto *m = new QLabel(moves.join(u'\n'), this);
            m->setTextInteractionFlags(Qt::TextSelectableByMouse);
            form->addRow(tr("Moves:"), m);
        }
        form->addRow(tr("Servers:"), new QLabel(tr("%n server(s) touched", nullptr, int(plan.touched().size())), this));
    }
    layout->addLayout(form);

    if (plan.refusal) {
        layout->addWidget(boxLabel(tr("<b>Refused</b> (rule <code>%1</code>): %2")
                                       .arg(plan.refusal->rule.toHtmlEscaped(), plan.refusal->message.toHtmlEscaped()),
                                   QColor(0xd0, 0x36, 0x36), QColor(0xd0, 0x36, 0x36, 0x22), this));
    }

    m_warnings = plan.warnings + factWarnings;
    m_warningLabel = boxLabel(QString(), QColor(0xd8, 0x9a, 0x1c), QColor(0xd8, 0x9a, 0x1c, 0x22), this);
    layout->addWidget(m_warningLabel);
    m_checkLabel = new QLabel(this);
    m_checkLabel->setWordWrap(true);
    m_checkLabel->hide();
    layout->addWidget(m_checkLabel);
    refreshWarnings();

    auto *tabs = new QTabWidget(this);
    // Tables, not trees: rows grow to show every statement whole, wrapped at the column width.
    auto makeTable = [this](const QString &name, const QStringList &headers) {
        auto *t = new QTableWidget(0, int(headers.size()), this);
        t->setObjectName(name);
        t->setHorizontalHeaderLabels(headers);
        t->verticalHeader()->hide();
        t->setWordWrap(true);
        t->setTextElideMode(Qt::ElideNone);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setShowGrid(false);
        t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        connect(t->horizontalHeader(), &QHeaderView::sectionResized, t, [t] { t->resizeRowsToContents(); });
        return t;
    };
    auto cell = [](const QString &text, const QFont *font = nullptr) {
        auto *item = new QTableWidgetItem(font ? displaySql(text) : text);
        item->setToolTip(text);
        item->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
        if (font)
            item->setFont(*font);
        return item;
    };
    m_steps = makeTable(u"steps"_s, {tr("#"), tr("Server"), QString(), tr("Statement"), tr("Why")});
    m_steps->setAlternatingRowColors(true);
    m_servers = makeTable(u"byServer"_s, {tr("Step"), QString(), tr("Statement")});
    QList<InstanceKey> serverOrder;
    QHash<InstanceKey, QList<int>> stepsOf;
    for (int n = 0; n < plan.steps.size(); ++n) {
        const OperationPlan::Step &s = plan.steps.at(n);
        m_steps->insertRow(n);
        m_steps->setItem(n, 0, cell(QString::number(n + 1)));
        m_steps->setItem(n, 1, cell(s.server.toString()));
        m_steps->setItem(n, 2, cell(kindWord(s.kind)));
        m_steps->setItem(n, 3, cell(s.sql, &fixed));
        m_steps->setItem(n, 4, cell(s.purpose));
        if (!stepsOf.contains(s.server))
            serverOrder << s.server;
        stepsOf[s.server] << n;
    }
    for (const InstanceKey &server : std::as_const(serverOrder)) {
        const int header = m_servers->rowCount();
        m_servers->insertRow(header);
        auto *serverTitle = cell(tr("%1 — %n statement(s)", nullptr, int(stepsOf.value(server).size())).arg(server.toString()));
        QFont bold = serverTitle->font();
        bold.setBold(true);
        serverTitle->setFont(bold);
        m_servers->setItem(header, 0, serverTitle);
        m_servers->setSpan(header, 0, 1, 3);
        for (const int n : stepsOf.value(server)) {
            const OperationPlan::Step &s = plan.steps.at(n);
            const int row = m_servers->rowCount();
            m_servers->insertRow(row);
            m_servers->setItem(row, 0, cell(tr("step %1").arg(n + 1)));
            m_servers->setItem(row, 1, cell(kindWord(s.kind)));
            m_servers->setItem(row, 2, cell(s.sql, &fixed));
        }
    }
    for (QTableWidget *t : {m_steps, m_servers}) {
        t->resizeColumnsToContents();
        t->horizontalHeader()->setSectionResizeMode(t == m_steps ? 3 : 2, QHeaderView::Stretch);
    }
    m_steps->setColumnWidth(4, 260);
    for (QTableWidget *t : {m_steps, m_servers})
        t->resizeRowsToContents();
    // Once laid out, the stretched column has its real width: wrap the statements to it.
    QTimer::singleShot(0, this, [this] {
        for (QTableWidget *t : {m_steps, m_servers})
            t->resizeRowsToContents();
    });
    auto *text = new QPlainTextEdit(plan.toText(), this);
    text->setReadOnly(true);
    text->setFont(fixed);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    tabs->addTab(m_steps, tr("Steps in order (%1)").arg(plan.steps.size()));
    tabs->addTab(m_servers, tr("By server (%1)").arg(serverOrder.size()));
    tabs->addTab(text, tr("As text"));
    tabs->setVisible(!plan.steps.isEmpty() || !plan.refusal);
    layout->addWidget(tabs, 1);

    if (!plan.rollback.isEmpty()) {
        auto *rollback = new QLabel(tr("<b>If a step fails:</b> %1").arg(plan.rollback.join(u"; "_s).toHtmlEscaped()), this);
        rollback->setWordWrap(true);
        rollback->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(rollback);
    }

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *copy = buttons->addButton(tr("&Copy plan"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_plan.toText()); });
    if (plan.refusal) {
        buttons->addButton(QDialogButtonBox::Close);
    } else {
        m_run = buttons->addButton(tr("&Run %1").arg(OperationKinds::name(plan.request.kind)), QDialogButtonBox::AcceptRole);
        m_run->setObjectName(u"run"_s);
        m_run->setAutoDefault(false);
        QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
        cancel->setDefault(true); // Enter must not run SQL on production by accident
        cancel->setFocus();
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1040, plan.refusal ? 300 : 420 + int(std::min<qsizetype>(plan.steps.size(), 14)) * 34);
}

void OperationPreviewDialog::addWarnings(const QStringList &warnings)
{
    m_warnings += warnings;
    refreshWarnings();
}

void OperationPreviewDialog::checkTransactions(const ProbeOptions &options, int olderThanSeconds)
{
    const QList<InstanceKey> servers = m_plan.isLegal() ? m_plan.touched() : QList<InstanceKey>();
    if (servers.isEmpty())
        return;
    auto *check = new TransactionCheck(servers, options, olderThanSeconds, this);
    m_checkLabel->setText(tr("Checking %n server(s) for long-running transactions...", nullptr, int(servers.size())));
    m_checkLabel->show();
    connect(check, &TransactionCheck::finished, this, [this, servers, olderThanSeconds](const QStringList &found) {
        m_checked = true;
        if (found.isEmpty())
            m_checkLabel->setText(tr("No transaction open for more than %1 s on the %n server(s) touched.", nullptr,
                                     int(servers.size()))
                                      .arg(olderThanSeconds));
        else
            m_checkLabel->hide();
        addWarnings(found);
    });
    check->start();
}

void OperationPreviewDialog::refreshWarnings()
{
    m_warningLabel->setVisible(!m_warnings.isEmpty());
    QStringList items;
    for (const QString &w : std::as_const(m_warnings))
        items << u"<li>"_s + w.toHtmlEscaped() + u"</li>"_s;
    m_warningLabel->setText(tr("<b>Warnings</b><ul style=\"margin:0\">%1</ul>").arg(items.join(QString())));
}

} // namespace arbor::widgets
