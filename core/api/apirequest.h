#pragma once

#include "config/serviceconfig.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QStringList>
#include <QUrlQuery>

namespace arbor::core {

// An HTTP request as the routes see it, free of the HTTP server library's types.
struct ApiRequest
{
    QByteArray method;                   // GET, POST, ...
    QString path;                        // decoded, e.g. /api/instance/db1/3306
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
    QHostAddress peer;

    // Set by authentication.
    QString user;
    bool anonymous = false; // no credentials: api.anonymous decides the role
    ServiceConfig::Role role = ServiceConfig::Role::ReadOnly;
};

} // namespace arbor::core
