#include "dialogs/downtimedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace arbor::widgets {

DowntimeDialog::DowntimeDialog(const core::InstanceKey &key, QWidget *parent)
    : QDialog(parent), m_reason(new QLineEdit(this)), m_minutes(new QSpinBox(this))
{
    setWindowTitle(tr("Begin downtime on %1").arg(key.toString()));
    m_reason->setPlaceholderText(tr("why, for the log and the other DBAs"));
    m_minutes->setRange(1, 7 * 24 * 60);
    m_minutes->setValue(60);
    m_minutes->setSuffix(tr(" min"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&Duration:"), m_minutes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_reason, &QLineEdit::textChanged, this,
            [buttons](const QString &t) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!t.trimmed().isEmpty()); });
}

QString DowntimeDialog::reason() const
{
    return m_reason->text().trimmed();
}

int DowntimeDialog::minutes() const
{
    return m_minutes->value();
}

} // namespace arbor::widgets
