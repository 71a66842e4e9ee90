#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace arbor::widgets {

// File → Add servers…: one or more seeds (host:port, one per line or separated by spaces or commas)
// discovered with this session's credentials, optionally remembered as a saved connection whose
// password goes to the keychain. Every entry is parsed as strictly as the command line does; a bad
// one is named with the reason and OK stays off.
class AddServersDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddServersDialog(QWidget *parent = nullptr);

    void setText(const QString &text);
    QList<core::InstanceKey> seeds() const;
    // The name to save the connection under, empty when it is not to be saved.
    QString connectionName() const;
    void setKeychainAvailable(bool available, const QString &why);
    QString problem() const;
    QPushButton *okButton() const { return m_ok; }

    static core::Result<QList<core::InstanceKey>> parseSeeds(const QString &text);

private:
    void validate();

    QPlainTextEdit *m_seeds;
    QCheckBox *m_save;
    QLineEdit *m_name;
    QLabel *m_problem;
    QPushButton *m_ok;
    QList<core::InstanceKey> m_parsed;
};

} // namespace arbor::widgets
