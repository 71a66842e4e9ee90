#include "connection/addserversdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

AddServersDialog::AddServersDialog(QWidget *parent)
    : QDialog(parent), m_seeds(new QPlainTextEdit(this)), m_save(new QCheckBox(tr("&Save as a connection named"), this)),
      m_name(new QLineEdit(this)), m_problem(new QLabel(this))
{
    setWindowTitle(tr("Add servers"));
    setObjectName(u"AddServersDialog"_s);
    m_seeds->setPlaceholderText(tr("db-1.example:3306\ndb-7.example:3306, 10.0.0.12:3307"));
    m_seeds->setTabChangesFocus(true);
    m_seeds->setAccessibleName(tr("Servers to add"));
    m_name->setPlaceholderText(tr("for example: billing"));
    m_name->setEnabled(false);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(u"problem"_s);
    auto *explain = new QLabel(tr("Arbor follows each server's sources up and replicas down, with this window's "
                                  "credentials, and keeps polling what it finds. The window stays usable meanwhile."),
                               this);
    explain->setWordWrap(true);
    auto *form = new QFormLayout(this);
    form->addRow(explain);
    form->addRow(tr("Ser&vers (host:port):"), m_seeds);
    form->addRow(m_save, m_name);
    form->addRow(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Add and discover"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_seeds, &QPlainTextEdit::textChanged, this, &AddServersDialog::validate);
    connect(m_save, &QCheckBox::toggled, m_name, &QWidget::setEnabled);
    connect(m_save, &QCheckBox::toggled, this, &AddServersDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &AddServersDialog::validate);
    resize(480, 320);
    validate();
}

void AddServersDialog::setText(const QString &text)
{
    m_seeds->setPlainText(text);
}

QList<InstanceKey> AddServersDialog::seeds() const
{
    return m_parsed;
}

QString AddServersDialog::connectionName() const
{
    return m_save->isChecked() ? m_name->text().trimmed() : QString();
}

void AddServersDialog::setKeychainAvailable(bool available, const QString &why)
{
    if (available)
        return;
    m_save->setToolTip(tr("The connection is saved, its password is not: %1").arg(why));
}

QString AddServersDialog::problem() const
{
    return m_problem->text();
}

Result<QList<InstanceKey>> AddServersDialog::parseSeeds(const QString &text)
{
    using R = Result<QList<InstanceKey>>;
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    QList<InstanceKey> out;
    QSet<InstanceKey> seen;
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        auto key = InstanceKey::parse(part);
        if (!key.ok())
            return R::failure(tr("\"%1\" is not a server: %2").arg(part, key.error()));
        if (!seen.contains(key.value())) {
            seen.insert(key.value());
            out << key.value();
        }
    }
    if (out.isEmpty())
        return R::failure(tr("Name at least one server as host:port."));
    return out;
}

void AddServersDialog::validate()
{
    const auto parsed = parseSeeds(m_seeds->toPlainText());
    m_parsed = parsed.ok() ? parsed.value() : QList<InstanceKey>();
    QString problem = parsed.ok() ? QString() : parsed.error();
    if (problem.isEmpty() && m_save->isChecked() && m_name->text().trimmed().isEmpty())
        problem = tr("Give the connection a name, or do not save it.");
    m_problem->setText(problem);
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace arbor::widgets
