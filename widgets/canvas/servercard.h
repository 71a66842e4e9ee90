#pragma once

#include "canvas/canvastheme.h"
#include "model/instance.h"
#include "model/instancehealth.h"

#include <QCoreApplication>
#include <QRectF>
#include <QString>

class QPainter;

namespace arbor::widgets {

// What one server's box says, computed once per snapshot change so that painting, the SVG export
// and tests read the same words. Equality tells the canvas whether a repaint is needed at all.
struct ServerCard
{
    Q_DECLARE_TR_FUNCTIONS(ServerCard)
public:
    enum class Role { Source, IntermediateSource, Replica };

    core::InstanceKey key;
    core::InstanceHealth health = core::InstanceHealth::Ok;
    bool downtimed = false;
    QString title;     // host:port
    QString subtitle;  // role · version
    QString modeLine;  // read-only/writeable · GTID · binlog format
    QString stateText; // "OK · lag 0 s", "CONNECTING · no error yet", "REPLICATION STOPPED", "BROKEN: error",
                       // "UNREACHABLE"
    QString toolTip;

    static ServerCard from(const core::Instance &instance, Role role, bool downtimed, int lagThresholdSeconds);
    static QString roleName(Role role);
    static QString stateWord(core::InstanceHealth health); // translated, upper case
    static QSizeF size() { return {250.0, 84.0}; }

    void paint(QPainter *painter, const QRectF &rect, const CanvasTheme &theme, bool selected) const;
    // The same box as SVG elements, for the SVG export.
    QString svg(const QRectF &rect, const CanvasTheme &theme) const;

    friend bool operator==(const ServerCard &a, const ServerCard &b)
    {
        return a.key == b.key && a.health == b.health && a.downtimed == b.downtimed && a.title == b.title
               && a.subtitle == b.subtitle && a.modeLine == b.modeLine && a.stateText == b.stateText
               && a.toolTip == b.toolTip;
    }
};

} // namespace arbor::widgets
