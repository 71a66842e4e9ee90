#include "connection/manageconnectionsdialog.h"

#include "connection/connectiondialog.h"
#include "connection/secretstore.h"
#include "settings/appsettings.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

ManageConnectionsDialog::ManageConnectionsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_list(new QListWidget(this)), m_edit(new QPushButton(tr("&Edit..."), this)),
      m_test(new QPushButton(tr("&Test"), this)), m_delete(new QPushButton(tr("&Delete..."), this)),
      m_open(new QPushButton(tr("&Open in a new window"), this)), m_result(new QLabel(this))
{
    setWindowTitle(tr("Manage connections"));
    setObjectName(u"ManageConnectionsDialog"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *side = new QVBoxLayout;
    for (QPushButton *b : {m_edit, m_test, m_delete, m_open})
        side->addWidget(b);
    side->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(side);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &ManageConnectionsDialog::updateButtons);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &ManageConnectionsDialog::editSelected);
    connect(m_edit, &QPushButton::clicked, this, &ManageConnectionsDialog::editSelected);
    connect(m_test, &QPushButton::clicked, this, &ManageConnectionsDialog::testSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        if (name.isEmpty()
            || QMessageBox::question(this, tr("Delete connection"),
                                     tr("Delete the connection %1 and its password in the keychain?").arg(name),
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
                   != QMessageBox::Yes)
            return;
        deleteConnection(name);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const QString name = selectedName(); !name.isEmpty())
            Q_EMIT openRequested(name);
    });
    resize(560, 320);
    reload();
}

ManageConnectionsDialog::~ManageConnectionsDialog()
{
    if (m_thread) {
        m_thread->wait(); // a test is bounded by its connect timeout
        delete m_thread;
    }
}

QString ManageConnectionsDialog::result() const
{
    return m_result->text();
}

void ManageConnectionsDialog::reload()
{
    const QString current = selectedName();
    m_list->clear();
    if (m_settings) {
        const QList<ConnectionProfile> profiles = m_settings->connections();
        for (const ConnectionProfile &p : profiles) {
            auto *item = new QListWidgetItem(tr("%1 — %2@%3").arg(p.name, p.user, p.seed), m_list);
            item->setData(Qt::UserRole, p.name);
            if (p.name == current)
                m_list->setCurrentItem(item);
        }
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

QString ManageConnectionsDialog::selectedName() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ManageConnectionsDialog::updateButtons()
{
    const bool any = !selectedName().isEmpty();
    for (QPushButton *b : {m_edit, m_delete, m_open})
        b->setEnabled(any);
    m_test->setEnabled(any && !m_thread);
}

void ManageConnectionsDialog::editSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || !m_settings)
        return;
    ConnectionProfile profile;
    for (const ConnectionProfile &p : m_settings->connections()) {
        if (p.name == name)
            profile = p;
    }
    const SecretStore::Outcome stored = SecretStore::readPassword(name);
    ConnectionDialog dialog(this);
    dialog.setProfile(profile);
    dialog.setKeychainAvailable(stored.status != SecretStore::Status::Unavailable, stored.message);
    if (stored.status == SecretStore::Status::Ok)
        dialog.setPassword(stored.password);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectionProfile edited = dialog.profile();
    if (edited.name != name) {
        m_settings->removeConnection(name);
        (void)SecretStore::deletePassword(name); // the password moves with the name
    }
    m_settings->saveConnection(edited);
    QString outcome = tr("Saved %1.").arg(edited.name);
    if (dialog.rememberPassword()) {
        const auto written = SecretStore::writePassword(edited.name, dialog.password());
        if (written.status != SecretStore::Status::Ok)
            outcome += u' ' + tr("The password was not stored: %1").arg(written.message);
    }
    m_result->setText(outcome);
    reload();
}

void ManageConnectionsDialog::testSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || !m_settings || m_thread)
        return;
    ConnectionProfile profile;
    for (const ConnectionProfile &p : m_settings->connections()) {
        if (p.name == name)
            profile = p;
    }
    const SecretStore::Outcome stored = SecretStore::readPassword(name);
    if (stored.status != SecretStore::Status::Ok) {
        const QString message = tr("Cannot test %1 without its password: %2").arg(name, stored.message);
        m_result->setText(message);
        Q_EMIT testFinished(false, message);
        return;
    }
    m_result->setText(tr("Testing %1 (%2)...").arg(name, profile.seed));
    QPointer<ManageConnectionsDialog> self(this);
    const QString seed = profile.seed, user = profile.user, password = stored.password;
    m_thread = QThread::create([self, seed, user, password, name] {
        bool ok = false;
        const QString message = ConnectionDialog::testConnection(seed, user, password, &ok);
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, message, name] {
                if (!self)
                    return;
                self->m_thread->wait();
                delete self->m_thread;
                self->m_thread = nullptr;
                const QString text = ok ? tr("%1: %2").arg(name, message) : tr("%1 failed: %2").arg(name, message);
                self->m_result->setText(text);
                self->updateButtons();
                Q_EMIT self->testFinished(ok, text);
            },
            Qt::QueuedConnection);
    });
    updateButtons();
    m_thread->start();
}

QString ManageConnectionsDialog::deleteConnection(const QString &name)
{
    if (!m_settings)
        return {};
    m_settings->removeConnection(name);
    if (m_settings->lastConnection() == name)
        m_settings->setLastConnection(QString());
    const SecretStore::Outcome deleted = SecretStore::deletePassword(name);
    QString text = tr("Deleted %1.").arg(name);
    if (deleted.status == SecretStore::Status::Ok)
        text += u' ' + tr("Its password was removed from the keychain.");
    else if (deleted.status != SecretStore::Status::NotFound)
        text += u' ' + tr("Its keychain entry could not be removed: %1").arg(deleted.message);
    m_result->setText(text);
    reload();
    return text;
}

} // namespace arbor::widgets
