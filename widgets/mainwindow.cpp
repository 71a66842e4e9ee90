#include "mainwindow.h"

#include "topologytreewidget.h"

#include "model/topologystate.h"
#include "probe/poller.h"

#include <QLabel>
#include <QStatusBar>

namespace arbor::widgets {

using namespace arbor::core;

MainWindow::MainWindow(Poller *poller, TopologyState *state, QWidget *parent)
    : QMainWindow(parent), m_poller(poller), m_state(state), m_tree(new TopologyTreeWidget(state, this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Arbor — replication topologies"));
    setCentralWidget(m_tree);
    statusBar()->addPermanentWidget(m_status, 1);
    connect(poller, &Poller::pollRecorded, this, &MainWindow::updateStatus);
    resize(1100, 500);
    updateStatus();
}

void MainWindow::updateStatus()
{
    int unreachable = 0;
    const QList<Instance> instances = m_state->instances();
    for (const Instance &i : instances)
        unreachable += i.lastCheckValid ? 0 : 1;
    m_status->setText(tr("%n server(s) in %1 cluster(s), polled every %2 s; %3 unreachable", nullptr, int(instances.size()))
                          .arg(m_state->topology().clusters().size())
                          .arg(m_poller->options().pollIntervalMs / 1000)
                          .arg(unreachable));
}

} // namespace arbor::widgets
