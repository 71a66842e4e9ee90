#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;
class QToolButton;

namespace arbor::core {
class LagHistory;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class TimeChartView;

// The charts dock: replication lag per server (several overlaid), the cluster's max and p95 lag,
// and poll latency per server, over a rolling window of 5 minutes, 1 hour or 24 hours, with markers
// for failovers, relocations and replication errors. Shows the selected cluster, or every server.
// Redraws on a timer matched to the window's resolution, and only while visible.
class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Window { FiveMinutes, OneHour, OneDay };

    ChartsPanel(core::LagHistory *history, core::TopologyState *state, QWidget *parent = nullptr);

    void setWindow(Window window);
    Window window() const { return m_window; }
    static qint64 windowMs(Window window);
    static Window windowForSeconds(int seconds);
    // Empty: every server. Otherwise a cluster name.
    void setCluster(const QString &clusterName);
    QString cluster() const { return m_cluster; }
    void setDark(bool dark);

    TimeChartView *lagChart() const { return m_lag; }
    TimeChartView *clusterChart() const { return m_clusterLag; }
    TimeChartView *pollChart() const { return m_poll; }
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *windowBox() const { return m_windowBox; }
    // Redraws now (the timer does it otherwise).
    void refresh();
    int refreshIntervalMs() const { return m_timer.interval(); }
    core::Result<void> exportCurrent(const QString &path);

Q_SIGNALS:
    void windowChanged(arbor::widgets::ChartsPanel::Window window);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void askExport();
    QList<core::InstanceKey> keysInScope() const;

    core::LagHistory *m_history;
    core::TopologyState *m_state;
    QComboBox *m_windowBox;
    QLabel *m_scope;
    QLabel *m_legend;
    QToolButton *m_export;
    QTabWidget *m_tabs;
    TimeChartView *m_lag;
    TimeChartView *m_clusterLag;
    TimeChartView *m_poll;
    QTimer m_timer;
    Window m_window = Window::FiveMinutes;
    QString m_cluster;
    QString m_lastExportDir;
};

} // namespace arbor::widgets
