#include "connection/connectedsession.h"

#include "mainwindow.h"
#include "panels/activitylog.h"
#include "panels/servicestatuspanel.h"
#include "probe/poller.h"
#include "core/recovery/rehearsal.h"
#include "widgets/recovery/recoverypanel.h"

#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>

namespace arbor::widgets {

using namespace arbor::core;

ConnectedSession::ConnectedSession(const ServiceSource::Options &options, AppSettings *settings, QObject *parent)
    : QObject(parent), m_source(&m_state, options), m_poller(std::make_unique<Poller>(PollerOptions{}))
{
    // The charts draw what the service polled: its lag history, fetched with each refresh round.
    m_source.setLagHistory(&m_history);
    m_window = std::make_unique<MainWindow>(m_poller.get(), &m_state, nullptr, settings);
    m_window->setWindowTitle(tr("Arbor — connected to %1").arg(serviceText()));
    m_window->setConnectedMode(tr("Connected mode: this desktop shows the service's view and polls nothing itself; run this "
                                  "from the service (its API or CLI) or start Arbor without --connect."));
    m_window->attachHistory(&m_history, nullptr);
    // Rehearse… is read-only: the service plans it on its live facts with its rules and hooks.
    m_window->setRehearser([this](const InstanceKey &victim) { rehearse(victim); });
    auto *panel = new ServiceStatusPanel(&m_source, m_window.get());
    auto *dock = new QDockWidget(tr("Service nodes"), m_window.get());
    dock->setObjectName(QStringLiteral("serviceDock"));
    dock->setWidget(panel);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->show();
    dock->raise();
    m_window->resizeDocks({dock}, {520}, Qt::Horizontal);
    // The charts are what a connected desktop adds to the service's own views: in front of the log.
    if (auto *charts = m_window->findChild<QDockWidget *>(QStringLiteral("chartsDock")))
        charts->raise();
    const int seconds = std::max(1, options.refreshMs / 1000);
    connect(&m_source, &ServiceSource::refreshed, this, [this, seconds] {
        m_window->statusLabel()->setText(tr("%n server(s) in %1 cluster(s) · from %2 · refreshed every %3 s", nullptr,
                                            int(m_state.instances().size()))
                                             .arg(m_state.topology().clusters().size())
                                             .arg(serviceText())
                                             .arg(seconds));
        m_lastError.clear();
    });
    connect(&m_source, &ServiceSource::errorOccurred, this, [this](const QString &message) {
        m_window->statusLabel()->setText(message);
        if (message != m_lastError)
            m_window->activityLog()->add(ActivityLog::Level::Error, InstanceKey(), message);
        m_lastError = message;
    });
    m_window->statusLabel()->setText(tr("Connecting to %1…").arg(serviceText()));
}

ConnectedSession::~ConnectedSession()
{
    m_source.stop();
    m_window.reset(); // before the state and the history it shows
}

void ConnectedSession::rehearse(const InstanceKey &victim)
{
    m_source.rehearse(victim, [this, victim](Result<QJsonObject> answer) {
        if (!m_window)
            return;
        QList<Instance> facts;
        if (const auto cluster = m_state.topology().findCluster(victim.toString())) {
            for (const InstanceKey &k : cluster->members) {
                if (const Instance *i = m_state.topology().instance(k))
                    facts.append(*i);
            }
        }
        auto plan = answer.ok() ? Rehearsal::fromJson(answer.value(), facts) : Result<RecoveryPlan>::failure(answer.error());
        if (!plan.ok()) {
            m_window->activityLog()->add(ActivityLog::Level::Warning, victim, tr("rehearsal of %1 failed: %2").arg(victim.toString(), plan.error()));
            QMessageBox::information(m_window.get(), tr("Rehearse a failover"), plan.error());
            return;
        }
        m_window->activityLog()->add(ActivityLog::Level::Info, victim,
                                     tr("failover rehearsed by the service: %1").arg(plan->explanation.section(u'\n', 0, 0)));
        m_window->recoveryPanel()->showRehearsal(
            plan.value(), {tr("A rehearsal by the service at %1: what it would do if %2 died now, with its promotion rules, filters "
                              "and hooks. No server is touched and no hook runs.")
                               .arg(serviceText(), victim.toString())});
    });
}

void ConnectedSession::start()
{
    m_source.start();
}

QString ConnectedSession::serviceText() const
{
    return m_source.options().baseUrl.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace arbor::widgets
