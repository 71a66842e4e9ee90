#pragma once

#include "model/topologystate.h"

#include <QTextBrowser>

namespace arbor::widgets {

// The right panel: every fact of the selected server, refreshed in place when it is polled.
class ServerDetailsWidget : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ServerDetailsWidget(core::TopologyState *state, QWidget *parent = nullptr);

    void showServer(const core::InstanceKey &key);
    const core::InstanceKey &server() const { return m_key; }
    void setLagThreshold(int seconds);

private:
    void render();

    core::TopologyState *m_state;
    core::InstanceKey m_key;
    int m_lagThreshold = 10;
};

} // namespace arbor::widgets
