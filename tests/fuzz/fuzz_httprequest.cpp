// Request heads as any client on the network may send them: the parser answers NeedMore, a head
// within the limits, or an error status; never reads past the buffer, never accepts a body over
// the limit, and a complete head's end is inside the bytes given.
#include "api/httprequestparser.h"
#include "fuzzinput.h"

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    core::HttpLimits limits;
    limits.maxHeadBytes = 2048; // small, so the fuzzer reaches the limits quickly
    limits.maxHeaders = 20;
    limits.maxBodyBytes = 4096;
    const QByteArray buffer = fuzz::bytes(data, size);
    const auto r = core::HttpRequestParser::parseHead(buffer, limits);
    using Status = core::HttpRequestParser::Status;
    if (r.status == Status::Complete) {
        fuzz::require(r.head.headBytes > 0 && r.head.headBytes <= buffer.size() && r.head.headBytes <= limits.maxHeadBytes);
        fuzz::require(r.head.contentLength >= 0 && r.head.contentLength <= limits.maxBodyBytes);
        fuzz::require(r.head.target.startsWith('/'));
        fuzz::require(r.head.headers.size() <= limits.maxHeaders);
    } else if (r.status == Status::Error) {
        fuzz::require(r.httpStatus >= 400 && r.httpStatus < 600 && !r.error.isEmpty());
    } else {
        fuzz::require(buffer.size() < limits.maxHeadBytes + 4);
    }
    return 0;
}
