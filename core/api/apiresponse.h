#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace arbor::core {

// An HTTP response as the routes build it. Errors use orchestrator's {Code, Message, Details} body.
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonValue &value, int status = 200)
    {
        ApiResponse r;
        r.status = status;
        if (value.isObject())
            r.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        else if (value.isArray())
            r.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        else // a bare JSON string, as orchestrator's leader-check answers "OK"
            r.body = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        return r;
    }
    static ApiResponse ok(const QString &message, const QJsonValue &details = QJsonValue::Null)
    {
        return json(QJsonObject{{QStringLiteral("Code"), QStringLiteral("OK")},
                                {QStringLiteral("Message"), message},
                                {QStringLiteral("Details"), details}});
    }
    static ApiResponse error(int status, const QString &message, const QJsonValue &details = QJsonValue::Null)
    {
        return json(QJsonObject{{QStringLiteral("Code"), QStringLiteral("ERROR")},
                                {QStringLiteral("Message"), message},
                                {QStringLiteral("Details"), details}},
                    status);
    }
    static ApiResponse text(const QByteArray &body, const QByteArray &contentType = "text/plain; charset=utf-8",
                            int status = 200)
    {
        ApiResponse r;
        r.status = status;
        r.contentType = contentType;
        r.body = body;
        return r;
    }
};

} // namespace arbor::core
