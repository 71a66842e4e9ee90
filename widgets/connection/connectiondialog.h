#pragma once

#include "settings/appsettings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace arbor::widgets {

// Where and as whom to connect: seed host:port, user, password, TLS. "Test connection" connects in
// a background thread and names what failed: the host name, a refused port, the password, a
// server that is not MySQL/MariaDB, or each missing privilege with what Arbor needs it for.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setProfile(const ConnectionProfile &profile);
    ConnectionProfile profile() const;
    QString password() const;
    void setPassword(const QString &password);
    bool rememberPassword() const;
    void setKeychainAvailable(bool available, const QString &why);

    QPushButton *testButton() const { return m_test; }
    QString testResult() const;
    bool isTesting() const { return m_testing; }

    // Runs the checks synchronously (in the calling thread); the dialog runs it in a worker thread.
    static QString testConnection(const QString &seed, const QString &user, const QString &password, bool *ok);

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    void startTest();
    void validate();

    QLineEdit *m_name;
    QLineEdit *m_seed;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_tls;
    QCheckBox *m_remember;
    QPushButton *m_test;
    QPushButton *m_ok;
    QLabel *m_result;
    QThread *m_thread = nullptr;
    bool m_testing = false;
};

} // namespace arbor::widgets
