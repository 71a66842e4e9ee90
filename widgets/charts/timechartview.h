#pragma once

#include "history/historyevent.h"
#include "util/result.h"

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace arbor::widgets {

// One line of a time chart: x is ms since the epoch, y the value.
struct ChartLine
{
    QString name;
    QList<QPointF> points;
    QColor color;        // invalid: from the palette, stable per name
    bool emphasised = false; // drawn thicker (cluster max)
};

// A time chart that stays smooth with hundreds of lines: series are kept and their points swapped
// with one replace() per refresh (no per-point appends, no animations), the y axis grows in nice
// steps, events are drawn as dashed vertical markers, and hovering shows the exact values under the
// cursor. Exports to PNG or SVG.
class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    // Beyond this many lines the legend hides (hovering names them).
    static constexpr int kMaxLegendLines = 10;

    TimeChartView(const QString &title, const QString &unit, QWidget *parent = nullptr);

    void setRange(qint64 fromMs, qint64 toMs);
    void setLines(const QList<ChartLine> &lines);
    void setEvents(const QList<core::HistoryEvent> &events);
    void setDark(bool dark);

    QStringList lineNames() const;
    QList<QPointF> points(const QString &name) const { return m_points.value(name); }
    qint64 rangeFromMs() const { return m_fromMs; }
    qint64 rangeToMs() const { return m_toMs; }
    double axisMax() const;
    QString unit() const { return m_unit; }

    // What the hover tooltip says at time @p atMs: the time, then each line's value (largest first,
    // at most 15), then events within @p toleranceMs.
    QString describeAt(qint64 atMs, qint64 toleranceMs) const;
    // .png or .svg by the file's suffix.
    core::Result<void> exportTo(const QString &path);

    static QColor colorFor(const QString &name, bool dark);
    static QColor eventColor(core::HistoryEvent::Kind kind);
    static QString eventLabel(core::HistoryEvent::Kind kind);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void applyTheme();
    void updateAxisFormat();

    QString m_unit;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    QHash<QString, QLineSeries *> m_series;
    QHash<QString, QList<QPointF>> m_points;
    QList<core::HistoryEvent> m_events;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    double m_hoverX = -1; // scene x of the crosshair, -1: none
    bool m_dark = false;
};

} // namespace arbor::widgets
