#include "settings/appsettings.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

AppSettings::AppSettings() : AppSettings(defaultFileName()) {}

AppSettings::AppSettings(const QString &fileName) : m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat)) {}

QString AppSettings::defaultFileName()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.config/arbor"_s;
    return dir + u"/arbor.ini"_s;
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

void AppSettings::sync()
{
    m_settings->sync();
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(u"window/geometry"_s).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(u"window/geometry"_s, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(u"window/state"_s).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(u"window/state"_s, state);
}

bool AppSettings::horizontalTrees() const
{
    return m_settings->value(u"view/horizontalTrees"_s, false).toBool();
}

void AppSettings::setHorizontalTrees(bool horizontal)
{
    m_settings->setValue(u"view/horizontalTrees"_s, horizontal);
}

AppSettings::Theme AppSettings::theme() const
{
    const QString t = m_settings->value(u"view/theme"_s, u"system"_s).toString();
    return t == u"dark"_s ? Theme::Dark : t == u"light"_s ? Theme::Light : Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    m_settings->setValue(u"view/theme"_s,
                         theme == Theme::Dark ? u"dark"_s : theme == Theme::Light ? u"light"_s : u"system"_s);
}

QString AppSettings::lastCluster() const
{
    return m_settings->value(u"view/lastCluster"_s).toString();
}

void AppSettings::setLastCluster(const QString &name)
{
    m_settings->setValue(u"view/lastCluster"_s, name);
}

int AppSettings::lagThresholdSeconds() const
{
    return std::clamp(m_settings->value(u"view/lagThresholdSeconds"_s, 10).toInt(), 1, 86400);
}

void AppSettings::setLagThresholdSeconds(int seconds)
{
    m_settings->setValue(u"view/lagThresholdSeconds"_s, seconds);
}

int AppSettings::foldThreshold() const
{
    return std::clamp(m_settings->value(u"view/foldThreshold"_s, 12).toInt(), 2, 10000);
}

void AppSettings::setFoldThreshold(int replicas)
{
    m_settings->setValue(u"view/foldThreshold"_s, replicas);
}

QString AppSettings::lastExportDirectory() const
{
    return m_settings->value(u"export/lastDirectory"_s, QDir::homePath()).toString();
}

void AppSettings::setLastExportDirectory(const QString &directory)
{
    m_settings->setValue(u"export/lastDirectory"_s, directory);
}

QList<ConnectionProfile> AppSettings::connections() const
{
    QList<ConnectionProfile> out;
    const int n = m_settings->beginReadArray(u"connections"_s);
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        out.append({m_settings->value(u"name"_s).toString(), m_settings->value(u"seed"_s).toString(),
                    m_settings->value(u"user"_s).toString(), m_settings->value(u"tls"_s, false).toBool()});
    }
    m_settings->endArray();
    return out;
}

void AppSettings::saveConnection(const ConnectionProfile &profile)
{
    QList<ConnectionProfile> all = connections();
    auto it = std::find_if(all.begin(), all.end(), [&](const ConnectionProfile &p) { return p.name == profile.name; });
    if (it != all.end())
        *it = profile;
    else
        all.append(profile);
    m_settings->beginWriteArray(u"connections"_s, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"name"_s, all[i].name);
        m_settings->setValue(u"seed"_s, all[i].seed);
        m_settings->setValue(u"user"_s, all[i].user);
        m_settings->setValue(u"tls"_s, all[i].tls);
    }
    m_settings->endArray();
}

void AppSettings::removeConnection(const QString &name)
{
    QList<ConnectionProfile> all = connections();
    all.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
    m_settings->remove(u"connections"_s);
    m_settings->beginWriteArray(u"connections"_s, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"name"_s, all[i].name);
        m_settings->setValue(u"seed"_s, all[i].seed);
        m_settings->setValue(u"user"_s, all[i].user);
        m_settings->setValue(u"tls"_s, all[i].tls);
    }
    m_settings->endArray();
}

QString AppSettings::lastConnection() const
{
    return m_settings->value(u"session/lastConnection"_s).toString();
}

void AppSettings::setLastConnection(const QString &name)
{
    m_settings->setValue(u"session/lastConnection"_s, name);
}

bool AppSettings::keychainWarningShown() const
{
    return m_settings->value(u"keychain/warningShown"_s, false).toBool();
}

void AppSettings::setKeychainWarningShown(bool shown)
{
    m_settings->setValue(u"keychain/warningShown"_s, shown);
}

int AppSettings::chartWindowSeconds() const
{
    const int s = m_settings->value(u"charts/windowSeconds"_s, 300).toInt();
    return s == 3600 || s == 86400 ? s : 300;
}

void AppSettings::setChartWindowSeconds(int seconds)
{
    m_settings->setValue(u"charts/windowSeconds"_s, seconds);
}

bool AppSettings::notificationsMuted() const
{
    return m_settings->value(u"notifications/muted"_s, false).toBool();
}

void AppSettings::setNotificationsMuted(bool muted)
{
    m_settings->setValue(u"notifications/muted"_s, muted);
}

QString AppSettings::language() const
{
    return m_settings->value(u"view/language"_s).toString();
}

void AppSettings::setLanguage(const QString &code)
{
    m_settings->setValue(u"view/language"_s, code);
}

} // namespace arbor::widgets
