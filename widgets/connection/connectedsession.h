#pragma once

#include "history/laghistory.h"
#include "model/topologystate.h"
#include "remote/servicesource.h"

#include <QObject>

#include <memory>

namespace arbor::core {
class Poller;
}

namespace arbor::widgets {

class AppSettings;
class MainWindow;

// The desktop's connected mode, wired once for the app and its tests: a window over a TopologyState
// that a ServiceSource fills from a service's API, the service-nodes dock, the charts fed from the
// service's lag history, and the status line. Nothing here polls or changes a server.
class ConnectedSession : public QObject
{
    Q_OBJECT
public:
    ConnectedSession(const core::ServiceSource::Options &options, AppSettings *settings, QObject *parent = nullptr);
    ~ConnectedSession() override;

    void start(); // the first refresh round at once

    MainWindow *window() const { return m_window.get(); }
    core::ServiceSource *source() { return &m_source; }
    core::TopologyState *state() { return &m_state; }
    core::LagHistory *history() { return &m_history; }

    // Failover → Rehearse… in connected mode: the service's rehearsal, shown as the local one is.
    void rehearse(const core::InstanceKey &victim);

private:
    QString serviceText() const;

    core::TopologyState m_state;
    core::LagHistory m_history;
    core::ServiceSource m_source;
    std::unique_ptr<core::Poller> m_poller; // idle: the window's local-only parts need one
    std::unique_ptr<MainWindow> m_window;
    QString m_lastError; // logged once per new error, not every refresh
};

} // namespace arbor::widgets
