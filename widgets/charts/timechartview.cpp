#include "charts/timechartview.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using core::HistoryEvent;

namespace {
// FNV-1a: stable across runs (qHash is seeded), so a server keeps its colour.
quint32 stableHash(const QString &s)
{
    quint32 h = 2166136261u;
    for (QChar c : s) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return h;
}

// 1, 2, 5 × 10^n at or above v: the axis grows in steps a reader can take in at a glance.
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (v <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}
} // namespace

TimeChartView::TimeChartView(const QString &title, const QString &unit, QWidget *parent)
    : QChartView(parent), m_unit(unit), m_x(new QDateTimeAxis), m_y(new QValueAxis)
{
    auto *c = new QChart;
    c->setTitle(title);
    c->setAnimationOptions(QChart::NoAnimation); // animations stutter at 1 s updates of many lines
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setMargins(QMargins(6, 4, 6, 4));
    c->legend()->setAlignment(Qt::AlignRight);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    m_y->setRange(0, 1);
    m_y->setLabelFormat(u"%g"_s);
    m_y->setTitleText(unit);
    setChart(c);
    setRenderHint(QPainter::Antialiasing, true);
    setMouseTracking(true);
    setMinimumHeight(160);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setRange(now - 300000, now);
    applyTheme();
}

void TimeChartView::setRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1000);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    updateAxisFormat();
}

void TimeChartView::updateAxisFormat()
{
    const qint64 span = m_toMs - m_fromMs;
    m_x->setFormat(span <= 15 * 60 * 1000 ? u"HH:mm:ss"_s : u"HH:mm"_s);
    m_x->setTickCount(span > 6 * 3600 * 1000 ? 7 : 6);
}

void TimeChartView::setLines(const QList<ChartLine> &lines)
{
    QSet<QString> wanted;
    double top = 0;
    for (const ChartLine &line : lines) {
        wanted.insert(line.name);
        QLineSeries *s = m_series.value(line.name);
        if (!s) {
            s = new QLineSeries(this);
            s->setName(line.name);
            chart()->addSeries(s);
            s->attachAxis(m_x);
            s->attachAxis(m_y);
            m_series.insert(line.name, s);
        }
        const QColor color = line.color.isValid() ? line.color : colorFor(line.name, m_dark);
        if (s->color() != color || (s->pen().widthF() > 2) != line.emphasised) {
            QPen pen(color);
            pen.setWidthF(line.emphasised ? 2.5 : 1.5);
            s->setPen(pen);
        }
        // One replace() per line: a single repaint instead of one per point.
        if (m_points.value(line.name) != line.points)
            s->replace(line.points);
        m_points.insert(line.name, line.points);
        for (const QPointF &p : line.points)
            top = std::max(top, p.y());
    }
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        chart()->removeSeries(it.value());
        delete it.value();
        m_points.remove(it.key());
        it = m_series.erase(it);
    }
    const double minimum = m_unit == u"ms"_s ? 10 : 1;
    const double max = niceCeiling(std::max(top * 1.1, minimum));
    if (!qFuzzyCompare(m_y->max(), max)) {
        m_y->setRange(0, max);
        // Ticks on round numbers: 0-50 by 10, 0-20 by 5, 0-100 by 20.
        const double mantissa = max / std::pow(10.0, std::floor(std::log10(max)));
        m_y->setTickCount(qFuzzyCompare(mantissa, 2.0) ? 5 : 6);
    }
    chart()->legend()->setVisible(!m_series.isEmpty() && m_series.size() <= kMaxLegendLines);
}

void TimeChartView::setEvents(const QList<HistoryEvent> &events)
{
    m_events = events;
    viewport()->update();
}

QStringList TimeChartView::lineNames() const
{
    QStringList names = m_series.keys();
    names.sort();
    return names;
}

double TimeChartView::axisMax() const
{
    return m_y->max();
}

void TimeChartView::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    applyTheme();
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        QPen pen = it.value()->pen();
        pen.setColor(colorFor(it.key(), m_dark));
        it.value()->setPen(pen);
    }
}

void TimeChartView::applyTheme()
{
    chart()->setTheme(m_dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->setBackgroundBrush(palette().color(QPalette::Base));
    chart()->setTitleBrush(palette().color(QPalette::Text));
    chart()->legend()->setLabelColor(palette().color(QPalette::Text));
    for (QAbstractAxis *a : {static_cast<QAbstractAxis *>(m_x), static_cast<QAbstractAxis *>(m_y)}) {
        a->setLabelsColor(palette().color(QPalette::Text));
        a->setTitleBrush(palette().color(QPalette::Text));
        a->setGridLineColor(palette().color(QPalette::Mid));
    }
}

QColor TimeChartView::colorFor(const QString &name, bool dark)
{
    // Golden-angle hues spread neighbours apart; lightness suits the background.
    const int hue = int((stableHash(name) % 1000) * 0.618034 * 360) % 360;
    return QColor::fromHsl(hue, 170, dark ? 150 : 105);
}

QColor TimeChartView::eventColor(HistoryEvent::Kind kind)
{
    switch (kind) {
    case HistoryEvent::Kind::Failover: return QColor(0xd6, 0x2d, 0x20);
    case HistoryEvent::Kind::Relocation: return QColor(0x3d, 0x7b, 0xd9);
    case HistoryEvent::Kind::ReplicationError: return QColor(0xe0, 0x82, 0x14);
    case HistoryEvent::Kind::Unreachable: return QColor(0x8e, 0x24, 0xaa);
    case HistoryEvent::Kind::Recovered: return QColor(0x2e, 0x9e, 0x4f);
    case HistoryEvent::Kind::FailureDetected: return QColor(0xb0, 0x00, 0x20);
    case HistoryEvent::Kind::Operation: break;
    }
    return QColor(0x80, 0x86, 0x90);
}

QString TimeChartView::eventLabel(HistoryEvent::Kind kind)
{
    switch (kind) {
    case HistoryEvent::Kind::Failover: return tr("failover");
    case HistoryEvent::Kind::Relocation: return tr("relocation");
    case HistoryEvent::Kind::ReplicationError: return tr("replication error");
    case HistoryEvent::Kind::Unreachable: return tr("unreachable");
    case HistoryEvent::Kind::Recovered: return tr("recovered");
    case HistoryEvent::Kind::FailureDetected: return tr("failure detected");
    case HistoryEvent::Kind::Operation: break;
    }
    return tr("operation");
}

QString TimeChartView::describeAt(qint64 atMs, qint64 toleranceMs) const
{
    struct Value
    {
        QString name;
        double y;
    };
    QList<Value> values;
    // A line counts when it has a point within one display bucket of the cursor.
    const qint64 reach = std::max<qint64>(toleranceMs, (m_toMs - m_fromMs) / 100);
    for (auto it = m_points.cbegin(); it != m_points.cend(); ++it) {
        const QList<QPointF> &pts = it.value();
        auto pos = std::lower_bound(pts.cbegin(), pts.cend(), double(atMs), [](const QPointF &p, double x) { return p.x() < x; });
        const QPointF *best = nullptr;
        if (pos != pts.cend())
            best = &*pos;
        if (pos != pts.cbegin() && (!best || std::abs((pos - 1)->x() - atMs) < std::abs(best->x() - atMs)))
            best = &*(pos - 1);
        if (best && std::abs(best->x() - double(atMs)) <= double(reach))
            values.append({it.key(), best->y()});
    }
    std::sort(values.begin(), values.end(), [](const Value &a, const Value &b) {
        return a.y != b.y ? a.y > b.y : a.name < b.name;
    });
    QStringList lines{QDateTime::fromMSecsSinceEpoch(atMs).toString(u"yyyy-MM-dd HH:mm:ss"_s)};
    const int shown = int(std::min<qsizetype>(values.size(), 15));
    for (int i = 0; i < shown; ++i) {
        const double y = values.at(i).y;
        const QString number = m_unit == u"ms"_s || y >= 100 ? QString::number(y, 'f', 0) : QString::number(y, 'f', 1);
        lines << u"%1: %2 %3"_s.arg(values.at(i).name, number, m_unit);
    }
    if (values.size() > shown)
        lines << tr("… and %n more", nullptr, int(values.size() - shown));
    for (const HistoryEvent &e : m_events) {
        if (std::abs(e.atMs - atMs) <= toleranceMs) {
            lines << u"%1 %2 %3%4"_s.arg(QDateTime::fromMSecsSinceEpoch(e.atMs).toString(u"HH:mm:ss"_s), eventLabel(e.kind),
                                         e.key.isValid() ? e.key.toString() : QString(),
                                         e.text.isEmpty() ? QString() : u": "_s + e.text);
        }
    }
    return lines.join(u'\n');
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    const QRectF area = chart()->plotArea();
    if (!area.contains(chartPos)) {
        if (m_hoverX >= 0) {
            m_hoverX = -1;
            viewport()->update();
            QToolTip::hideText();
        }
        return;
    }
    m_hoverX = scenePos.x();
    const qint64 atMs = qint64(chart()->mapToValue(chartPos).x());
    const qint64 toleranceMs = qint64(6.0 * double(m_toMs - m_fromMs) / std::max(1.0, area.width()));
    QToolTip::showText(event->globalPosition().toPoint(), describeAt(atMs, toleranceMs), this);
    viewport()->update();
}

void TimeChartView::leaveEvent(QEvent *event)
{
    m_hoverX = -1;
    viewport()->update();
    QChartView::leaveEvent(event);
}

void TimeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF area = chart()->mapRectToScene(chart()->plotArea());
    painter->save();
    for (const HistoryEvent &e : std::as_const(m_events)) {
        if (e.atMs < m_fromMs || e.atMs > m_toMs)
            continue;
        const double x = chart()->mapToScene(chart()->mapToPosition(QPointF(double(e.atMs), 0), nullptr)).x();
        const QColor color = eventColor(e.kind);
        painter->setPen(QPen(color, 1.2, Qt::DashLine));
        painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        const QPolygonF flag{{x - 5, area.top()}, {x + 5, area.top()}, {x, area.top() + 8}};
        painter->drawPolygon(flag);
    }
    if (m_hoverX >= area.left() && m_hoverX <= area.right()) {
        painter->setPen(QPen(palette().color(QPalette::Text), 0.8, Qt::DotLine));
        painter->drawLine(QPointF(m_hoverX, area.top()), QPointF(m_hoverX, area.bottom()));
    }
    painter->restore();
}

core::Result<void> TimeChartView::exportTo(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    m_hoverX = -1;
    if (suffix == u"svg"_s) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size());
        svg.setViewBox(QRect(QPoint(0, 0), size()));
        svg.setTitle(chart()->title());
        svg.setDescription(tr("Arbor chart"));
        QPainter painter;
        if (!painter.begin(&svg))
            return core::Result<void>::failure(tr("could not write the chart to %1: check that the folder exists and "
                                                  "you may write there.")
                                                   .arg(path));
        render(&painter);
        painter.end();
        return core::Result<void>::success();
    }
    if (suffix != u"png"_s)
        return core::Result<void>::failure(tr("could not export the chart to %1: use a file name ending in .png or .svg.").arg(path));
    if (!grab().save(path, "PNG"))
        return core::Result<void>::failure(
            tr("could not write the chart to %1: check that the folder exists and you may write there.").arg(path));
    return core::Result<void>::success();
}

} // namespace arbor::widgets
