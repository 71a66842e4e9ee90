#pragma once

#include "model/instancetag.h"
#include "model/topologystate.h"

#include <functional>

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace arbor::widgets {

struct CanvasTheme;

// The left panel: one row per cluster (alias, master, server count, worst state) and a search box
// that keeps the clusters with a server matching host:port, alias, data centre, state or tag (a tag
// name, or name=value).
class ClusterListWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterListWidget(core::TopologyState *state, QWidget *parent = nullptr);

    void setLagThreshold(int seconds);
    void setTheme(const CanvasTheme &theme);
    // Where the servers' tags come from (the store); read when the search text changes.
    using TagsReader = std::function<QHash<core::InstanceKey, QList<core::InstanceTag>>()>;
    void setTagsReader(TagsReader reader) { m_tagsReader = std::move(reader); }
    QLineEdit *searchBox() const { return m_search; }
    QTreeWidget *list() const { return m_list; }
    // Names of the rows that pass the filter, in order.
    QStringList visibleClusters() const;
    QString currentCluster() const;
    void selectCluster(const QString &name);
    void refreshNow();

Q_SIGNALS:
    void clusterSelected(const QString &name);
    void serverMatched(const arbor::core::InstanceKey &key); // search found exactly this server

private:
    void scheduleRefresh();
    void rebuild();
    void applyFilter();
    bool matches(const QString &cluster, const QString &needle, core::InstanceKey *server) const;

    bool tagMatches(const core::InstanceKey &key, const QString &needle) const;

    core::TopologyState *m_state;
    TagsReader m_tagsReader;
    QHash<core::InstanceKey, QList<core::InstanceTag>> m_tags; // as read for the current search text
    QString m_tagsNeedle;
    QLineEdit *m_search;
    QTreeWidget *m_list;
    int m_lagThreshold = 10;
    bool m_pending = false;
    bool m_dark = false;
};

} // namespace arbor::widgets
