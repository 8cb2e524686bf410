// The C++ tests' view of the scripted test server (tests/server/scripted_server.py; its README.md describes the
// scenario language): each ScriptedServer defines one scenario under a name of its own, so a test's requests and
// counts are its own even when one process runs every test. The server process and its control API are the C
// suite's (tests/c/test_server.c, linked into the tests): started once per process, gone when the process ends.
#ifndef DEEPSEEK_OCR_TESTS_SCRIPTED_SERVER_HPP
#define DEEPSEEK_OCR_TESTS_SCRIPTED_SERVER_HPP

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "canned.hpp"       // json_string
#include "test_server.h"  // tests/c, on the include path (CMakeLists.txt)

namespace deepseek_ocr::testing {

/// One request as the server received it.
struct HttpRequest {
    std::string method;
    std::string target;   // the path below the scenario's URL: /v1/chat/completions for a base URL of url()
    std::string headers;  // the header block, names and values lower-cased
    std::string body;

    /// The body without whitespace, so assertions do not depend on how the JSON was formatted.
    std::string compact_body() const {
        std::string compact;
        std::copy_if(body.begin(), body.end(), std::back_inserter(compact),
                     [](unsigned char c) { return !std::isspace(c); });
        return compact;
    }
};

class ScriptedServer {
public:
    /// Defines scenario_json (a scenario in the server's language) under a new name.
    explicit ScriptedServer(const std::string& scenario_json)
        : name_("cpp-" + std::to_string(++defined_)), port_(test_server_start()) {
        test_server_define(name_.c_str(), scenario_json.c_str());
    }

    /// One of the shared scenarios of tests/server/scenarios.json, under a new name (a name is a scenario).
    static ScriptedServer shared(std::string_view scenario) { return ScriptedServer("\"" + std::string(scenario) + "\""); }

    /// The base URL that picks this scenario: http://127.0.0.1:PORT/NAME.
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/" + name_; }

    std::vector<HttpRequest> requests() const {
        std::vector<HttpRequest> requests;
        const int count = test_server_count(name_.c_str());
        for (int i = 0; i < count; ++i) {
            HttpRequest request;
            request.method = field(i, "method");
            request.target = field(i, "path");
            const std::string prefix = "/" + name_;
            if (request.target.compare(0, prefix.size(), prefix) == 0) {
                request.target.erase(0, prefix.size());
            }
            const std::string head = field(i, "head");
            const auto line_end = head.find("\r\n");
            request.headers = line_end == std::string::npos ? "" : head.substr(line_end + 2);
            std::transform(request.headers.begin(), request.headers.end(), request.headers.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            request.body = field(i, "body");
            requests.push_back(std::move(request));
        }
        return requests;
    }

    std::size_t request_count() const { return static_cast<std::size_t>(test_server_count(name_.c_str())); }

    /// The most requests of this scenario the server held at once, each until the first byte of its answer.
    int most_at_once() const { return test_server_most_at_once(name_.c_str()); }

private:
    std::string field(int index, const char* name) const {
        const std::unique_ptr<char, decltype(&std::free)> text(test_server_request(name_.c_str(), index, name),
                                                                &std::free);
        return text ? std::string(text.get()) : std::string();
    }

    static inline std::atomic<int> defined_{0};
    std::string name_;
    int port_;
};

/// A server that answers every request with a chat.completion of text.
inline ScriptedServer answering(const std::string& text) {
    return ScriptedServer(R"({"completion": )" + json_string(text) + "}");
}

}  // namespace deepseek_ocr::testing

#endif  // DEEPSEEK_OCR_TESTS_SCRIPTED_SERVER_HPP
