#pragma once

#include <QMainWindow>

class QLabel;

namespace arbor::core {
class Poller;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class TopologyTreeWidget;

// The desktop window: live replication trees of the servers the poller follows.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(core::Poller *poller, core::TopologyState *state, QWidget *parent = nullptr);

    TopologyTreeWidget *tree() const { return m_tree; }

private:
    void updateStatus();

    core::Poller *m_poller;
    core::TopologyState *m_state;
    TopologyTreeWidget *m_tree;
    QLabel *m_status;
};

} // namespace arbor::widgets
