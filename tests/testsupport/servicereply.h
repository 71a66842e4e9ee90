#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace arbor::testsupport {

// What one request to an `arbor --service` HTTP API answered (ServiceProcess::get and request).
struct ServiceReply
{
    int status = -1; // -1: no HTTP answer at all (refused, timed out)
    QByteArray body;
    QByteArray contentType;

    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    // orchestrator's "Message" field of an answer object
    QString message() const { return object().value(QStringLiteral("Message")).toString(); }
};

} // namespace arbor::testsupport
