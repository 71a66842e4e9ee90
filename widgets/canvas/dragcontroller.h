#pragma once

#include "canvas/dragpayload.h"
#include "ops/operationoptions.h"
#include "ops/operationplan.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QTimer>

#include <memory>

class QGraphicsItem;
class QGraphicsPathItem;
class QGraphicsPixmapItem;
class QMimeData;

namespace arbor::widgets {

class TopologyView;

// Drag and drop on the topology canvas. Press on a server (or a folded group: its replicas; Shift:
// the server's replicas) and move: every server becomes a drop target marked legal (green) or not
// (red, the refusal in a tooltip and in hoverChanged), judged by OperationRunner::plan on the poll
// facts, the code that runs the move, so the marks cannot disagree with it. Nothing touches a server
// until the drop has been previewed and confirmed elsewhere (dropRequested). Drops from other
// widgets or windows carrying DragPayload's MIME type are judged the same way. Items stay thin: all
// of this lives here.
class DragController : public QObject
{
    Q_OBJECT
public:
    enum class Verdict { Unknown, Legal, Illegal, Neutral };
    struct Target
    {
        Verdict verdict = Verdict::Unknown;
        core::OperationRequest request;
        QString method;  // when legal
        QString rule;    // when illegal
        QString message; // the sentence shown in the tooltip and status bar
    };

    explicit DragController(TopologyView *view, QObject *parent = nullptr);
    ~DragController() override;

    void setOperationOptions(const core::OperationOptions &options) { m_options = options; }
    // Drops are refused with this sentence while set (an operation is running).
    void setBusy(const QString &reason) { m_busy = reason; }

    // The API the mouse and drop events drive; tests may drive it directly. Positions are scene
    // coordinates.
    bool beginDrag(const QMimeData *mime, const QPointF &scenePos);
    void moveDrag(const QPointF &scenePos);
    // Judges the target under @p scenePos and emits dropRequested or dropRefused; false when
    // nothing was asked for (no target, the current source, cancelled).
    bool drop(const QPointF &scenePos);
    void cancelDrag();

    bool isDragging() const { return m_payload.isValid(); }
    const DragPayload &payload() const { return m_payload; }
    // The verdict for dropping the current payload on @p target (computed now if still pending).
    Target targetFor(const core::InstanceKey &target);
    core::InstanceKey hoveredTarget() const { return m_hovered; }
    // Every target judged so far; all are judged within a few event-loop turns of beginDrag.
    int judgedCount() const { return int(m_targets.size()); }
    bool allJudged() const { return m_pending.isEmpty(); }
    qint64 judgeAllMs() const { return m_judgeAllMs; }

    // The payload a press on @p item would drag (invalid for anything that is not a server or group).
    DragPayload payloadFor(const QGraphicsItem *item, Qt::KeyboardModifiers modifiers) const;

Q_SIGNALS:
    void hoverChanged(const QString &message);
    void dropRequested(const arbor::core::OperationRequest &request);
    void dropRefused(const arbor::core::OperationRequest &request, const QString &rule, const QString &message);
    void dragFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Target judge(const core::InstanceKey &target) const;
    void judgeSome();
    void showVerdict(const core::InstanceKey &target);
    void clearOverlays();
    void updateGhost(const QPointF &scenePos);
    core::InstanceKey targetAt(const QPointF &scenePos) const;
    QList<core::Instance> factsFor(const core::InstanceKey &a, const core::InstanceKey &b) const;
    void finish();

    TopologyView *m_view;
    core::OperationOptions m_options;
    QString m_busy;

    // Mouse state before a drag starts.
    bool m_pressed = false;
    QPoint m_pressPos;
    DragPayload m_pressPayload;

    DragPayload m_payload;
    std::unique_ptr<QMimeData> m_mime; // what the running drag carries
    bool m_external = false;            // a drop from another widget (QDrag), not our own mouse drag
    QHash<QString, QList<core::Instance>> m_clusterFacts;
    QHash<core::InstanceKey, Target> m_targets;
    QList<core::InstanceKey> m_pending;
    QHash<core::InstanceKey, QGraphicsPathItem *> m_overlays;
    QGraphicsPixmapItem *m_ghost = nullptr;
    core::InstanceKey m_hovered;
    QTimer m_judgeTimer;
    QElapsedTimer m_dragClock;
    qint64 m_judgeAllMs = -1;
};

} // namespace arbor::widgets
