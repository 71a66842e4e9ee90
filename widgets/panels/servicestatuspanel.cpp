#include "panels/servicestatuspanel.h"

#include "remote/servicesource.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

namespace {
enum Column { Name, Role, Version, Started, LastSeen, Where, Count };

QString ago(const QDateTime &t)
{
    if (!t.isValid())
        return ServiceStatusPanel::tr("never");
    const qint64 s = std::max<qint64>(0, t.secsTo(QDateTime::currentDateTimeUtc()));
    if (s < 60)
        return ServiceStatusPanel::tr("%n s ago", nullptr, int(s));
    if (s < 3600)
        return ServiceStatusPanel::tr("%n min ago", nullptr, int(s / 60));
    return ServiceStatusPanel::tr("%n h ago", nullptr, int(s / 3600));
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : ServiceStatusPanel::tr("unknown");
}
} // namespace

ServiceStatusPanel::ServiceStatusPanel(core::ServiceSource *source, QWidget *parent)
    : QWidget(parent), m_source(source), m_header(new QLabel(this)), m_nodes(new QTreeWidget(this))
{
    setObjectName(u"ServiceStatusPanel"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_header);
    m_nodes->setRootIsDecorated(false);
    m_nodes->setUniformRowHeights(true);
    m_nodes->setColumnCount(Count);
    m_nodes->setHeaderLabels({tr("Node"), tr("Role"), tr("Version"), tr("Started"), tr("Last seen"), tr("Host / API URL")});
    m_nodes->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_nodes->header()->setStretchLastSection(true);
    layout->addWidget(m_nodes, 1);

    connect(m_source, &core::ServiceSource::nodesChanged, this, &ServiceStatusPanel::refill);
    connect(m_source, &core::ServiceSource::refreshed, this, &ServiceStatusPanel::updateHeader);
    connect(m_source, &core::ServiceSource::errorOccurred, this, &ServiceStatusPanel::updateHeader);
    // "Last seen 3 s ago" ages between refreshes too.
    auto *ticker = new QTimer(this);
    ticker->setInterval(1000);
    connect(ticker, &QTimer::timeout, this, &ServiceStatusPanel::refill);
    ticker->start();
    refill();
    updateHeader();
}

QString ServiceStatusPanel::summary() const
{
    return m_header->text();
}

void ServiceStatusPanel::updateHeader()
{
    const QString url = m_source->options().baseUrl.toDisplayString(QUrl::RemoveUserInfo);
    if (!m_source->lastError().isEmpty()) {
        m_header->setStyleSheet(u"color: palette(bright-text); background: #b3261e; padding: 4px; border-radius: 3px;"_s);
        m_header->setText(m_source->lastError());
        return;
    }
    m_header->setStyleSheet(QString());
    if (!m_source->lastRefresh().isValid()) {
        m_header->setText(tr("Connecting to %1…").arg(url));
        return;
    }
    m_header->setText(tr("Connected to %1 (node %2) · refreshed every %3 s · last refresh %4")
                          .arg(url, m_source->answeringNode())
                          .arg(m_source->options().refreshMs / 1000)
                          .arg(ago(m_source->lastRefresh())));
}

void ServiceStatusPanel::refill()
{
    QList<core::ServiceSource::Node> nodes = m_source->nodes();
    std::stable_sort(nodes.begin(), nodes.end(), [](const auto &a, const auto &b) {
        return a.active != b.active ? a.active : a.name < b.name;
    });
    m_nodes->clear();
    for (const auto &n : nodes) {
        auto *item = new QTreeWidgetItem(m_nodes);
        item->setText(Name, n.name);
        QString role = n.active ? tr("active") : n.role == u"standby"_s ? tr("standby") : n.role;
        if (!n.available)
            role += tr(" (not available)");
        item->setText(Role, role);
        item->setText(Version, n.version);
        item->setText(Started, when(n.started));
        item->setToolTip(Started, n.started.toString(Qt::ISODate));
        item->setText(LastSeen, ago(n.lastSeen));
        item->setToolTip(LastSeen, n.lastSeen.toString(Qt::ISODate));
        item->setText(Where, n.apiUrl.isEmpty() ? n.host : u"%1 · %2"_s.arg(n.host, n.apiUrl));
        if (!n.status.isEmpty())
            item->setToolTip(Name, n.status);
        if (n.active) {
            QFont bold = item->font(Name);
            bold.setBold(true);
            for (int c = 0; c < Count; ++c)
                item->setFont(c, bold);
        }
    }
    updateHeader();
}

} // namespace arbor::widgets
