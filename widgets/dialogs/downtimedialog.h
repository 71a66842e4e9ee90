#pragma once

#include "model/instancekey.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace arbor::widgets {

// Asks why and for how long a server goes into downtime; OK only with a reason.
class DowntimeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DowntimeDialog(const core::InstanceKey &key, QWidget *parent = nullptr);

    QString reason() const;
    int minutes() const;

private:
    QLineEdit *m_reason;
    QSpinBox *m_minutes;
};

} // namespace arbor::widgets
