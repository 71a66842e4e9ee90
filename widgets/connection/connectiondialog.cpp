#include "connection/connectiondialog.h"

#include "probe/instanceprobe.h"
#include "probe/privilegecheck.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_name(new QLineEdit(this)), m_seed(new QLineEdit(this)), m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_tls(new QCheckBox(tr("Use TLS"), this)),
      m_remember(new QCheckBox(tr("Remember the password in the system keychain"), this)),
      m_test(new QPushButton(tr("&Test connection"), this)), m_result(new QLabel(this))
{
    setWindowTitle(tr("Connect to a topology"));
    m_name->setText(tr("default"));
    m_seed->setPlaceholderText(tr("host:port of any server of the topology"));
    m_password->setEchoMode(QLineEdit::Password);
    m_tls->setEnabled(false);
    m_tls->setToolTip(tr("TLS to topology servers is not supported by this version's probe yet; connections are plain."));
    m_remember->setChecked(true);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(48);

    auto *form = new QFormLayout;
    form->addRow(tr("Connection &name:"), m_name);
    form->addRow(tr("&Seed server:"), m_seed);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_tls);
    form->addRow(QString(), m_remember);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Connect"));
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::startTest);
    for (QLineEdit *e : {m_name, m_seed, m_user})
        connect(e, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    validate();
    resize(520, sizeHint().height());
}

ConnectionDialog::~ConnectionDialog()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void ConnectionDialog::setProfile(const ConnectionProfile &p)
{
    m_name->setText(p.name);
    m_seed->setText(p.seed);
    m_user->setText(p.user);
    m_tls->setChecked(p.tls);
}

ConnectionProfile ConnectionDialog::profile() const
{
    return {m_name->text().trimmed(), m_seed->text().trimmed(), m_user->text().trimmed(), m_tls->isChecked()};
}

QString ConnectionDialog::password() const
{
    return m_password->text();
}

void ConnectionDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

bool ConnectionDialog::rememberPassword() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void ConnectionDialog::setKeychainAvailable(bool available, const QString &why)
{
    m_remember->setEnabled(available);
    m_remember->setChecked(available);
    if (!available)
        m_remember->setToolTip(why);
}

QString ConnectionDialog::testResult() const
{
    return m_result->text();
}

void ConnectionDialog::validate()
{
    const bool seedOk = InstanceKey::parse(m_seed->text().trimmed()).ok();
    const bool ok = seedOk && !m_user->text().trimmed().isEmpty() && !m_name->text().trimmed().isEmpty();
    m_ok->setEnabled(ok);
    m_test->setEnabled(ok && !m_testing);
    if (!m_seed->text().isEmpty() && !seedOk)
        m_result->setText(InstanceKey::parse(m_seed->text().trimmed()).error());
    else if (!m_testing)
        m_result->clear();
}

QString ConnectionDialog::testConnection(const QString &seed, const QString &user, const QString &password, bool *ok)
{
    *ok = false;
    auto key = InstanceKey::parse(seed);
    if (!key.ok())
        return key.error();
    ProbeOptions options;
    options.credentials = Credentials(user, password);
    InstanceProbe probe(key.value(), options);
    // Connect: names a DNS failure, a refused port, a wrong password, or a server that is not MySQL.
    auto identity = probe.query(u"SELECT @@version AS version"_s);
    if (!identity.ok())
        return identity.error();
    const QString version = identity.value().isEmpty() ? QString() : identity.value().first().value(u"version"_s).toString();
    auto report = PrivilegeCheck::run(probe);
    if (!report.ok())
        return tr("Connected to %1 (%2), but could not read the grants: %3").arg(key->toString(), version, report.error());
    if (!report->missing.isEmpty()) {
        QStringList lines;
        for (const QString &p : report->missing)
            lines << tr("%1 (%2)").arg(p, PrivilegeCheck::purpose(p));
        return tr("Connected to %1 (%2) as '%3', but these privileges are missing: %4. Grant them with GRANT ... ON *.* TO "
                  "the user.")
            .arg(key->toString(), version, user, lines.join(u"; "_s));
    }
    *ok = true;
    return tr("Connected to %1 (%2) as '%3'; every privilege Arbor needs is granted.").arg(key->toString(), version, user);
}

void ConnectionDialog::startTest()
{
    if (m_testing)
        return;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_testing = true;
    m_test->setEnabled(false);
    m_result->setText(tr("Testing %1 ...").arg(m_seed->text().trimmed()));
    const QString seed = m_seed->text().trimmed(), user = m_user->text().trimmed(), password = m_password->text();
    QPointer<ConnectionDialog> self(this);
    m_thread = QThread::create([self, seed, user, password] {
        bool ok = false;
        const QString message = testConnection(seed, user, password, &ok);
        QMetaObject::invokeMethod(
            self.data(), [self, ok, message] {
                if (!self)
                    return;
                self->m_testing = false;
                self->m_result->setText(message);
                self->validate();
                self->m_result->setText(message);
                Q_EMIT self->testFinished(ok, message);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace arbor::widgets
