#pragma once

#include <QString>
#include <QStringList>

namespace arbor::widgets {

// Loads the user-interface language: Arbor's own catalogue (compiled into the binary, or installed
// beside it) and Qt's for standard dialogs. English is the source language and needs no catalogue.
class Translations
{
public:
    // @p language: "" follows the system locale, else a code such as "de". Returns the language of
    // the catalogue installed ("de"), or "" when the interface stays English. Replaces what an
    // earlier call installed.
    static QString install(const QString &language, const QStringList &searchDirs = defaultSearchDirs());
    // ":/i18n" (compiled in), then <prefix>/share/arbor/translations next to the binary.
    static QStringList defaultSearchDirs();
    // Languages with a catalogue, for the settings menu; "en" first.
    static QStringList available(const QStringList &searchDirs = defaultSearchDirs());
};

} // namespace arbor::widgets
