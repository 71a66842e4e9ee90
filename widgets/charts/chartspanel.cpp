#include "charts/chartspanel.h"

#include "charts/timechartview.h"
#include "history/laghistory.h"
#include "model/topologystate.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
// Points per line: about one per two pixels of a wide dock; more only costs paint time.
constexpr int kPointsPerLine = 600;
} // namespace

ChartsPanel::ChartsPanel(LagHistory *history, TopologyState *state, QWidget *parent)
    : QWidget(parent), m_history(history), m_state(state), m_windowBox(new QComboBox(this)), m_scope(new QLabel(this)),
      m_legend(new QLabel(this)), m_export(new QToolButton(this)), m_tabs(new QTabWidget(this)),
      m_lag(new TimeChartView(tr("Replication lag per server"), tr("s"), this)),
      m_clusterLag(new TimeChartView(tr("Replication lag across replicas"), tr("s"), this)),
      m_poll(new TimeChartView(tr("Poll latency per server"), tr("ms"), this))
{
    setObjectName(u"ChartsPanel"_s);
    m_windowBox->addItem(tr("Last 5 minutes"), int(Window::FiveMinutes));
    m_windowBox->addItem(tr("Last hour"), int(Window::OneHour));
    m_windowBox->addItem(tr("Last 24 hours"), int(Window::OneDay));
    m_windowBox->setAccessibleName(tr("Time window"));
    m_export->setText(tr("Export chart..."));
    m_export->setToolTip(tr("Save the chart shown as PNG or SVG"));
    m_scope->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QStringList legend;
    for (HistoryEvent::Kind k : {HistoryEvent::Kind::FailureDetected, HistoryEvent::Kind::Failover, HistoryEvent::Kind::Relocation,
                                 HistoryEvent::Kind::ReplicationError, HistoryEvent::Kind::Unreachable,
                                 HistoryEvent::Kind::Recovered}) {
        legend << u"<span style=\"color:%1\">▼</span>&nbsp;%2"_s.arg(TimeChartView::eventColor(k).name(),
                                                                     TimeChartView::eventLabel(k).toHtmlEscaped());
    }
    m_legend->setText(legend.join(u"&nbsp;&nbsp; "_s));
    m_legend->setToolTip(tr("Markers on the charts; hover a marker for the server and what happened."));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 0);
    top->addWidget(m_windowBox);
    top->addWidget(m_scope, 1);
    top->addWidget(m_legend);
    top->addWidget(m_export);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_lag, tr("Lag"));
    m_tabs->addTab(m_clusterLag, tr("Cluster max / p95"));
    m_tabs->addTab(m_poll, tr("Poll latency"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_windowBox, &QComboBox::activated, this, [this](int index) {
        setWindow(Window(m_windowBox->itemData(index).toInt()));
    });
    connect(m_export, &QToolButton::clicked, this, &ChartsPanel::askExport);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { refresh(); });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_history, &LagHistory::eventAdded, this, [this] {
        if (isVisible())
            refresh();
    });
    setWindow(Window::FiveMinutes);
    setDark(palette().color(QPalette::Base).lightness() < 128);
}

qint64 ChartsPanel::windowMs(Window window)
{
    switch (window) {
    case Window::FiveMinutes: return 5 * 60 * 1000;
    case Window::OneHour: return 3600 * 1000;
    case Window::OneDay: break;
    }
    return 24 * 3600 * 1000;
}

ChartsPanel::Window ChartsPanel::windowForSeconds(int seconds)
{
    return seconds >= 86400 ? Window::OneDay : seconds >= 3600 ? Window::OneHour : Window::FiveMinutes;
}

void ChartsPanel::setWindow(Window window)
{
    const bool changed = window != m_window;
    m_window = window;
    m_windowBox->setCurrentIndex(m_windowBox->findData(int(window)));
    // Redraw as often as the resolution changes: 5 min at every poll, 1 h every 6 s (one display
    // bucket), 24 h once a minute (the stored aggregates are per minute).
    m_timer.setInterval(window == Window::FiveMinutes ? 1000 : window == Window::OneHour ? 6000 : 60000);
    m_timer.start();
    refresh();
    if (changed)
        Q_EMIT windowChanged(window);
}

void ChartsPanel::setCluster(const QString &clusterName)
{
    m_cluster = clusterName;
    refresh();
}

void ChartsPanel::setDark(bool dark)
{
    for (TimeChartView *v : {m_lag, m_clusterLag, m_poll})
        v->setDark(dark);
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Follows the window's theme (light, dark or the system's) without being told.
    if (event->type() == QEvent::PaletteChange)
        setDark(palette().color(QPalette::Base).lightness() < 128);
}

QList<InstanceKey> ChartsPanel::keysInScope() const
{
    if (!m_cluster.isEmpty()) {
        if (const auto c = m_state->topology().findCluster(m_cluster))
            return c->members;
    }
    QList<InstanceKey> keys = m_history->keys();
    std::sort(keys.begin(), keys.end());
    return keys;
}

void ChartsPanel::refresh()
{
    const qint64 now = m_history->now();
    const qint64 from = now - windowMs(m_window);
    const QList<InstanceKey> keys = keysInScope();
    const QString displayed = m_cluster.isEmpty() ? QString() : [&] {
        const auto c = m_state->topology().findCluster(m_cluster);
        return c && !c->alias.isEmpty() ? c->alias : m_cluster;
    }();
    m_scope->setText(m_cluster.isEmpty() ? tr("All servers (%n)", nullptr, int(keys.size()))
                                         : tr("Cluster %1 (%n server(s))", nullptr, int(keys.size())).arg(displayed));

    QList<HistoryEvent> events;
    const QSet<InstanceKey> inScope(keys.cbegin(), keys.cend());
    for (const HistoryEvent &e : m_history->events(from, now)) {
        if (m_cluster.isEmpty() || !e.key.isValid() || inScope.contains(e.key))
            events.append(e);
    }

    // Only the tab on show is rebuilt: hundreds of hidden lines cost as much as visible ones.
    TimeChartView *current = qobject_cast<TimeChartView *>(m_tabs->currentWidget());
    for (TimeChartView *v : {m_lag, m_clusterLag, m_poll}) {
        v->setRange(from, now);
        v->setEvents(events);
    }
    if (current == m_lag || current == m_poll) {
        const bool lag = current == m_lag;
        QList<ChartLine> lines;
        lines.reserve(keys.size());
        for (const InstanceKey &key : keys) {
            ChartLine line{key.toString(), {}, {}, false};
            for (const LagPoint &p : m_history->series(key, from, now, kPointsPerLine)) {
                const double y = lag ? p.lagSeconds : p.pollMs;
                if (!std::isnan(y))
                    line.points.append(QPointF(double(p.atMs), y));
            }
            if (!line.points.isEmpty())
                lines.append(std::move(line));
        }
        current->setLines(lines);
    } else if (current == m_clusterLag) {
        ChartLine max{tr("max"), {}, QColor(0xd6, 0x2d, 0x20), true};
        ChartLine p95{tr("p95"), {}, QColor(0x3d, 0x7b, 0xd9), false};
        for (const ClusterLagPoint &p : m_history->clusterLag(keys, from, now, kPointsPerLine / 2)) {
            max.points.append(QPointF(double(p.atMs), p.maxSeconds));
            p95.points.append(QPointF(double(p.atMs), p.p95Seconds));
        }
        m_clusterLag->setLines(max.points.isEmpty() ? QList<ChartLine>() : QList<ChartLine>{max, p95});
    }
}

Result<void> ChartsPanel::exportCurrent(const QString &path)
{
    auto *view = qobject_cast<TimeChartView *>(m_tabs->currentWidget());
    return view ? view->exportTo(path) : Result<void>::failure(tr("there is no chart to export."));
}

void ChartsPanel::askExport()
{
    const QString dir = m_lastExportDir.isEmpty() ? QDir::homePath() : m_lastExportDir;
    const QString name = m_tabs->currentIndex() == 0 ? u"arbor-lag"_s : m_tabs->currentIndex() == 1 ? u"arbor-cluster-lag"_s
                                                                                                     : u"arbor-poll-latency"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), dir + u'/' + name + u".png"_s,
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    m_lastExportDir = QFileInfo(path).absolutePath();
    if (auto r = exportCurrent(path); !r.ok())
        QMessageBox::warning(this, tr("Export chart"), r.error());
}

} // namespace arbor::widgets
