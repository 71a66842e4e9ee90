#include "connection/secretstore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

namespace {
SecretStore::Outcome finish(QKeychain::Job *job, const QString &connection)
{
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never a plain-text file
    job->start();
    loop.exec();
    SecretStore::Outcome out;
    switch (job->error()) {
    case QKeychain::NoError: out.status = SecretStore::Status::Ok; break;
    case QKeychain::EntryNotFound:
        out.status = SecretStore::Status::NotFound;
        out.message = SecretStore::tr("no password for connection '%1' in the keychain").arg(connection);
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // Headless sessions without a Secret Service answer OtherError: treat as "no keychain".
        out.status = SecretStore::Status::Unavailable;
        out.message = SecretStore::tr("no system keychain is available (%1): Arbor will ask for the password each "
                                      "session and never writes it to a file")
                          .arg(job->errorString());
        break;
    default:
        out.status = SecretStore::Status::Failed;
        out.message = SecretStore::tr("the keychain refused access to the password of '%1': %2").arg(connection, job->errorString());
        break;
    }
    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job); read && out.status == SecretStore::Status::Ok)
        out.password = read->textData();
    delete job;
    return out;
}
} // namespace

SecretStore::Outcome SecretStore::readPassword(const QString &connection)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(connection);
    return finish(job, connection);
}

SecretStore::Outcome SecretStore::writePassword(const QString &connection, const QString &password)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(connection);
    job->setTextData(password);
    return finish(job, connection);
}

SecretStore::Outcome SecretStore::deletePassword(const QString &connection)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(connection);
    return finish(job, connection);
}

} // namespace arbor::widgets
