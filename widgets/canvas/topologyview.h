#pragma once

#include <QGraphicsView>

namespace arbor::widgets {

class TopologyScene;

// The canvas widget: zoom (Ctrl+wheel, +/-), pan (drag, scroll bars), fit, and keyboard navigation
// between boxes (arrow keys move to the nearest box in that direction; Enter expands a folded group).
class TopologyView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit TopologyView(TopologyScene *scene, QWidget *parent = nullptr);

    TopologyScene *topologyScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    void zoomIn() { setZoom(zoom() * 1.25); }
    void zoomOut() { setZoom(zoom() / 1.25); }
    void fitAll();
    void fitCluster(const QString &name);
    // Moves the selection to the nearest box in a direction (dx, dy in {-1, 0, 1}); false when none.
    bool moveSelection(int dx, int dy);

Q_SIGNALS:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    TopologyScene *m_scene;
};

} // namespace arbor::widgets
