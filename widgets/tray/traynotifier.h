#pragma once

#include "history/historyevent.h"

#include <QList>
#include <QObject>
#include <QTimer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace arbor::widgets {

class AppSettings;

// Desktop notifications from the system tray when a failure is detected (a server unreachable,
// replication broken, a failover) and when a server recovers. Events arriving together (a whole
// cluster going away) make one notification, not twenty. Muting is a setting and a tray menu entry.
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCoalesceMs = 1500;

    // @p settings may be null (mute is not remembered); @p window is raised by "Show Arbor".
    TrayNotifier(AppSettings *settings, QWidget *window, QObject *parent = nullptr);
    ~TrayNotifier() override;

    bool isMuted() const { return m_muted; }
    void setMuted(bool muted);
    QAction *muteAction() const { return m_mute; }
    bool trayAvailable() const;

    void notify(const core::HistoryEvent &event);
    // Shows what is pending now instead of after kCoalesceMs.
    void flush();

    // What was (or, without a tray, would have been) shown last, for tests.
    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }
    int shownCount() const { return m_shown; }

Q_SIGNALS:
    void shown(const QString &title, const QString &message);

private:
    AppSettings *m_settings;
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_mute;
    QList<core::HistoryEvent> m_pending;
    QTimer m_coalesce;
    bool m_muted = false;
    QString m_lastTitle;
    QString m_lastMessage;
    int m_shown = 0;
};

} // namespace arbor::widgets
