#pragma once

#include "core/recovery/recoveryplan.h"
#include "model/topologystate.h"

#include <QWidget>

class QLabel;

namespace arbor::widgets {

class TopologyScene;
class TopologyView;

// A rehearsal's resulting tree, drawn with the canvas's own scene: the new master with every survivor
// under its new source, the failed server and the replicas the plan would lose left out (named in
// the caption). The cards show the facts the plan was made from; nothing here touches a server.
class RehearsalPreview : public QWidget
{
    Q_OBJECT
public:
    explicit RehearsalPreview(QWidget *parent = nullptr);
    ~RehearsalPreview() override;

    void setPlan(const core::RecoveryPlan &plan);
    TopologyScene *scene() const { return m_scene; }
    TopologyView *view() const { return m_view; }
    QString caption() const;

    // The facts as they would be after @p plan: sources rewritten, the failed and lost servers gone.
    static QList<core::Instance> resultingFacts(const core::RecoveryPlan &plan);

protected:
    // The tree is fitted whenever the view's viewport changes size (the dialog lays out after setPlan).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    core::TopologyState m_state;
    TopologyScene *m_scene;
    TopologyView *m_view;
    QLabel *m_caption;
};

} // namespace arbor::widgets
