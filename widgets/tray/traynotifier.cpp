#include "tray/traynotifier.h"

#include "charts/timechartview.h"
#include "settings/appsettings.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using core::HistoryEvent;

TrayNotifier::TrayNotifier(AppSettings *settings, QWidget *window, QObject *parent)
    : QObject(parent), m_settings(settings), m_window(window), m_mute(new QAction(tr("&Mute notifications"), this))
{
    m_muted = m_settings && m_settings->notificationsMuted();
    m_mute->setCheckable(true);
    m_mute->setChecked(m_muted);
    m_mute->setObjectName(u"muteNotifications"_s);
    m_mute->setToolTip(tr("No desktop notifications on failures and recoveries (the activity log still shows them)"));
    connect(m_mute, &QAction::toggled, this, &TrayNotifier::setMuted);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &TrayNotifier::flush);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(u":/icons/arbor.svg"_s), this);
        m_tray->setToolTip(tr("Arbor"));
        m_menu = new QMenu;
        QAction *show = m_menu->addAction(tr("&Show Arbor"));
        connect(show, &QAction::triggered, this, [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
        m_menu->addAction(m_mute);
        m_menu->addSeparator();
        QAction *quit = m_menu->addAction(tr("&Quit"));
        connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger && m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
        m_tray->show();
    }
}

TrayNotifier::~TrayNotifier()
{
    delete m_menu;
}

bool TrayNotifier::trayAvailable() const
{
    return m_tray != nullptr;
}

void TrayNotifier::setMuted(bool muted)
{
    m_muted = muted;
    if (m_mute->isChecked() != muted)
        m_mute->setChecked(muted);
    if (m_settings)
        m_settings->setNotificationsMuted(muted);
    if (muted) {
        m_pending.clear();
        m_coalesce.stop();
    }
}

void TrayNotifier::notify(const HistoryEvent &event)
{
    if (m_muted || (!event.isFailure() && event.kind != HistoryEvent::Kind::Recovered))
        return;
    m_pending.append(event);
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void TrayNotifier::flush()
{
    m_coalesce.stop();
    if (m_pending.isEmpty() || m_muted) {
        m_pending.clear();
        return;
    }
    int failures = 0;
    for (const HistoryEvent &e : std::as_const(m_pending))
        failures += e.isFailure() ? 1 : 0;
    QString title;
    if (failures == 0)
        title = tr("Recovered: %n server(s)", nullptr, int(m_pending.size()));
    else if (failures == m_pending.size())
        title = tr("Failure detected on %n server(s)", nullptr, failures);
    else
        title = tr("%n failure(s), %1 recovered", nullptr, failures).arg(m_pending.size() - failures);
    QStringList lines;
    for (const HistoryEvent &e : std::as_const(m_pending)) {
        if (lines.size() == 6) {
            lines << tr("… and %n more", nullptr, int(m_pending.size() - 6));
            break;
        }
        QString line = e.key.toString() + u": "_s + TimeChartView::eventLabel(e.kind);
        if (!e.text.isEmpty())
            line += u" — "_s + e.text.left(120);
        lines << line;
    }
    m_lastTitle = title;
    m_lastMessage = lines.join(u'\n');
    ++m_shown;
    if (m_tray)
        m_tray->showMessage(title, m_lastMessage, failures ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information, 10000);
    m_pending.clear();
    Q_EMIT shown(m_lastTitle, m_lastMessage);
}

} // namespace arbor::widgets
