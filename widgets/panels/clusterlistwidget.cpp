#include "panels/clusterlistwidget.h"

#include "canvas/canvastheme.h"
#include "canvas/servercard.h"
#include "canvas/stateglyph.h"
#include "model/instancehealth.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
enum Column { ColName, ColMaster, ColServers, ColState, ColumnCount };
constexpr int kNameRole = Qt::UserRole + 1;
} // namespace

ClusterListWidget::ClusterListWidget(TopologyState *state, QWidget *parent)
    : QWidget(parent), m_state(state), m_search(new QLineEdit(this)), m_list(new QTreeWidget(this))
{
    m_search->setPlaceholderText(tr("Search host, alias, data centre or state"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search clusters"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Cluster"), tr("Master"), tr("Servers"), tr("State")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    // The words decide the widths: the state ("replication broken") and the counts are
    // never cut; the name takes what is left and elides in the middle, where host:port can spare it.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(ColName, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(ColMaster, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ColServers, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ColState, QHeaderView::ResizeToContents);
    m_list->header()->setMinimumSectionSize(72); // an elided host:port still shows its start and port
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setAccessibleName(tr("Clusters"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_list);

    connect(m_search, &QLineEdit::textChanged, this, &ClusterListWidget::applyFilter);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (current)
            Q_EMIT clusterSelected(current->data(ColName, kNameRole).toString());
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        InstanceKey server;
        for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_list->topLevelItem(i);
            if (!item->isHidden() && matches(item->data(ColName, kNameRole).toString(), m_search->text().trimmed(), &server)) {
                m_list->setCurrentItem(item);
                if (server.isValid())
                    Q_EMIT serverMatched(server);
                return;
            }
        }
    });
    connect(state, &TopologyState::structureChanged, this, &ClusterListWidget::scheduleRefresh);
    connect(state, &TopologyState::instanceChanged, this, &ClusterListWidget::scheduleRefresh);
    rebuild();
}

void ClusterListWidget::setLagThreshold(int seconds)
{
    m_lagThreshold = seconds;
    rebuild();
}

void ClusterListWidget::setTheme(const CanvasTheme &theme)
{
    m_dark = theme.dark;
    rebuild();
}

void ClusterListWidget::scheduleRefresh()
{
    if (m_pending)
        return;
    m_pending = true;
    // A poll round changes many servers; the list is redrawn once after the round.
    QTimer::singleShot(0, this, &ClusterListWidget::rebuild);
}

void ClusterListWidget::refreshNow()
{
    rebuild();
}

void ClusterListWidget::rebuild()
{
    m_pending = false;
    const QString current = currentCluster();
    const CanvasTheme theme = m_dark ? CanvasTheme::darkTheme() : CanvasTheme::light();
    const Topology &topology = m_state->topology();
    const QList<Cluster> &clusters = topology.clusters();
    m_list->setUpdatesEnabled(false);
    // Rows are reused in place so the selection and scroll position survive a poll.
    while (m_list->topLevelItemCount() > clusters.size())
        delete m_list->takeTopLevelItem(m_list->topLevelItemCount() - 1);
    for (qsizetype n = 0; n < clusters.size(); ++n) {
        const Cluster &c = clusters.at(n);
        QTreeWidgetItem *item = m_list->topLevelItem(int(n));
        if (!item) {
            item = new QTreeWidgetItem(m_list);
        }
        InstanceHealth worst = InstanceHealth::Ok;
        int downtimed = 0;
        for (const InstanceKey &k : c.members) {
            if (const Instance *i = topology.instance(k)) {
                const InstanceHealth h = healthOf(*i, m_lagThreshold);
                if (healthSeverity(h) > healthSeverity(worst))
                    worst = h;
            }
            downtimed += m_state->downtimed().contains(k) ? 1 : 0;
        }
        item->setData(ColName, kNameRole, c.name);
        item->setText(ColName, c.alias.isEmpty() ? c.name : c.alias);
        item->setText(ColMaster, c.master.toString());
        item->setText(ColServers, QString::number(c.members.size()));
        item->setTextAlignment(ColServers, Qt::AlignRight | Qt::AlignVCenter);
        // The state word alone keeps the column narrow enough for a laptop's side dock; the
        // downtime count goes to the tooltip (and "downtimed" still finds the cluster).
        const QString stateText = ServerCard::stateWord(worst).toLower();
        item->setText(ColState, stateText);
        item->setToolTip(ColState, downtimed ? stateText + tr(", %n downtimed", nullptr, downtimed) : stateText);
        item->setIcon(ColState, StateGlyph::icon(worst, theme.stateColour(worst)));
        item->setToolTip(ColName, tr("%1\nmaster %2").arg(c.alias.isEmpty() ? c.name : c.alias + u" ("_s + c.name + u')',
                                                          c.master.toString()));
        if (c.name == current && m_list->currentItem() != item)
            m_list->setCurrentItem(item);
    }
    // Without aliases the cluster's name is its master's host:port: one column says it.
    bool anyAlias = false;
    for (const Cluster &c : clusters)
        anyAlias = anyAlias || !c.alias.isEmpty() || c.name != c.master.toString();
    m_list->setColumnHidden(ColMaster, !anyAlias);
    applyFilter();
    m_list->setUpdatesEnabled(true);
}

bool ClusterListWidget::matches(const QString &clusterName, const QString &needle, InstanceKey *server) const
{
    if (needle.isEmpty())
        return true;
    const Topology &topology = m_state->topology();
    const auto cluster = topology.findCluster(clusterName);
    if (!cluster)
        return false;
    if (cluster->name.contains(needle, Qt::CaseInsensitive) || cluster->alias.contains(needle, Qt::CaseInsensitive))
        return true;
    for (const InstanceKey &k : cluster->members) {
        const Instance *i = topology.instance(k);
        if (!i)
            continue;
        const InstanceHealth h = healthOf(*i, m_lagThreshold);
        const bool hit = k.toString().contains(needle, Qt::CaseInsensitive)
                         || i->hostname.contains(needle, Qt::CaseInsensitive)
                         || (!i->dataCenter.isEmpty() && i->dataCenter.contains(needle, Qt::CaseInsensitive))
                         || (!i->region.isEmpty() && i->region.contains(needle, Qt::CaseInsensitive))
                         || healthName(h).compare(needle, Qt::CaseInsensitive) == 0
                         || ServerCard::stateWord(h).compare(needle, Qt::CaseInsensitive) == 0
                         || (m_state->downtimed().contains(k) && needle.compare(u"downtimed"_s, Qt::CaseInsensitive) == 0)
                         || tagMatches(k, needle);
        if (hit) {
            if (server)
                *server = k;
            return true;
        }
    }
    return false;
}

bool ClusterListWidget::tagMatches(const InstanceKey &key, const QString &needle) const
{
    for (const InstanceTag &tag : m_tags.value(key)) {
        if (tag.name.compare(needle, Qt::CaseInsensitive) == 0 || tag.toString().compare(needle, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void ClusterListWidget::applyFilter()
{
    const QString needle = m_search->text().trimmed();
    // Once per search text, not on every refresh of the list: a tag changes by a command, not by a poll.
    if (m_tagsReader && needle != m_tagsNeedle) {
        m_tags = needle.isEmpty() ? QHash<InstanceKey, QList<InstanceTag>>() : m_tagsReader();
        m_tagsNeedle = needle;
    }
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setHidden(!matches(item->data(ColName, kNameRole).toString(), needle, nullptr));
    }
}

QStringList ClusterListWidget::visibleClusters() const
{
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (!m_list->topLevelItem(i)->isHidden())
            out << m_list->topLevelItem(i)->data(ColName, kNameRole).toString();
    }
    return out;
}

QString ClusterListWidget::currentCluster() const
{
    QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(ColName, kNameRole).toString() : QString();
}

void ClusterListWidget::selectCluster(const QString &name)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(ColName, kNameRole).toString() == name) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return;
        }
    }
}

} // namespace arbor::widgets
