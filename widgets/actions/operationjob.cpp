#include "actions/operationjob.h"

#include "store/store.h"

#include <QPointer>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

OperationJob::OperationJob(OperationRunner::Options options, std::optional<StoreOptions> store, QList<Instance> facts,
                           OperationRequest request, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_store(std::move(store)), m_facts(std::move(facts)),
      m_request(std::move(request))
{
}

OperationJob::~OperationJob()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool OperationJob::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void OperationJob::start()
{
    if (m_thread)
        return;
    QPointer<OperationJob> self(this);
    // Everything the thread needs is copied in; it reaches back only through queued calls.
    auto post = [self](auto fn) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, fn] {
                if (self)
                    fn(self.data());
            },
            Qt::QueuedConnection);
    };
    OperationRunner::Options options = m_options;
    options.progress = [post](int index, const OperationPlan::Step &step) {
        post([index, step](OperationJob *job) { Q_EMIT job->progress(index, step); });
    };
    options.reprobe = [post](const QList<InstanceKey> &keys) {
        post([keys](OperationJob *job) { Q_EMIT job->reprobeRequested(keys); });
    };
    const std::optional<StoreOptions> storeOptions = m_store;
    const QList<Instance> facts = m_facts;
    const OperationRequest request = m_request;
    m_thread = QThread::create([post, options, storeOptions, facts, request]() mutable {
        OperationRunner::Outcome outcome;
        {
            std::unique_ptr<Store> store;
            if (storeOptions) {
                store = std::make_unique<Store>(*storeOptions);
                if (auto opened = store->open(); !opened.ok()) {
                    outcome.result = u"failed"_s;
                    outcome.message = tr("nothing ran: the store could not be opened for the cluster lock and the "
                                         "audit (%1); fix the store or restart Arbor without it")
                                          .arg(opened.error());
                    post([outcome](OperationJob *job) { Q_EMIT job->finished(outcome); });
                    return;
                }
                options.store = store.get();
            }
            OperationRunner runner(options);
            outcome = runner.run(facts, request);
        }
        post([outcome](OperationJob *job) { Q_EMIT job->finished(outcome); });
    });
    m_thread->start();
}

} // namespace arbor::widgets
