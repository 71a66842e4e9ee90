#pragma once

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>

#include <memory>

namespace arbor::widgets {

// One saved way to reach a topology. The password is not here: it lives in the OS keychain under
// the connection's name (SecretStore), or nowhere.
struct ConnectionProfile
{
    QString name;
    QString seed; // host:port
    QString user;
    bool tls = false;
    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

// The one typed front of QSettings for the desktop: window layout, view choices, saved connections.
// Keys and defaults live here only. An INI file in the application's config folder (tests enable
// QStandardPaths' test mode, which moves it away from the user's files).
class AppSettings
{
public:
    enum class Theme { System, Light, Dark };

    AppSettings();
    explicit AppSettings(const QString &fileName);

    QString fileName() const;
    void sync();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const; // docks and toolbars
    void setWindowState(const QByteArray &state);

    bool horizontalTrees() const;
    void setHorizontalTrees(bool horizontal);
    Theme theme() const;
    void setTheme(Theme theme);
    QString lastCluster() const;
    void setLastCluster(const QString &name);
    int lagThresholdSeconds() const;
    void setLagThresholdSeconds(int seconds);
    int foldThreshold() const;
    void setFoldThreshold(int replicas);
    QString lastExportDirectory() const;
    void setLastExportDirectory(const QString &directory);

    QList<ConnectionProfile> connections() const;
    void saveConnection(const ConnectionProfile &profile); // replaces one of the same name
    void removeConnection(const QString &name);
    QString lastConnection() const;
    void setLastConnection(const QString &name);
    // True once the user was told that no keychain is available (told once, not every session).
    bool keychainWarningShown() const;
    void setKeychainWarningShown(bool shown);
    // Charts: the rolling window in seconds (300, 3600 or 86400).
    int chartWindowSeconds() const;
    void setChartWindowSeconds(int seconds);
    // Tray notifications on failure detection and recovery; muted: none are shown.
    bool notificationsMuted() const;
    void setNotificationsMuted(bool muted);
    // UI language: "" follows the system locale, else a language code such as "de" or "en".
    // Applies at the next start.
    QString language() const;
    void setLanguage(const QString &code);

    static QString defaultFileName();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace arbor::widgets
