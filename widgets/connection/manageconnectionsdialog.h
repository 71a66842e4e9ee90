#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QThread;

namespace arbor::widgets {

class AppSettings;

// File → Manage connections…: the saved connections with their keychain entries. Edit (the
// connection dialog; a renamed connection takes its password along), Test (connects in a worker
// thread with the keychain's password and names what failed), Delete (the connection and its
// keychain entry), Open (a new window on it).
class ManageConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ManageConnectionsDialog(AppSettings *settings, QWidget *parent = nullptr);
    ~ManageConnectionsDialog() override;

    QListWidget *list() const { return m_list; }
    QString result() const;
    bool isTesting() const { return m_thread != nullptr; }

    // Deletes @p name and its keychain entry; returns what was done, for the log and the label.
    QString deleteConnection(const QString &name);
    void testSelected();

Q_SIGNALS:
    void openRequested(const QString &name);
    void testFinished(bool ok, const QString &message);

private:
    void reload();
    void editSelected();
    QString selectedName() const;
    void updateButtons();

    AppSettings *m_settings;
    QListWidget *m_list;
    QPushButton *m_edit;
    QPushButton *m_test;
    QPushButton *m_delete;
    QPushButton *m_open;
    QLabel *m_result;
    QThread *m_thread = nullptr;
};

} // namespace arbor::widgets
