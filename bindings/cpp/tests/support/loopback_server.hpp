// A real HTTP/1.1 server on 127.0.0.1 for the tests: POSIX sockets, one thread per connection, a handler per test
// that writes canned responses. Every wait is bounded, so a broken client cannot hang the test run.
#ifndef DEEPSEEK_OCR_TESTS_LOOPBACK_SERVER_HPP
#define DEEPSEEK_OCR_TESTS_LOOPBACK_SERVER_HPP

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace deepseek_ocr::testing {

/// One request as received.
struct HttpRequest {
    std::string method;
    std::string target;
    std::string headers;  // the raw header block, lower-cased names and values
    std::string body;

    /// The body without whitespace, so assertions do not depend on how the JSON was formatted.
    std::string compact_body() const {
        std::string compact;
        std::copy_if(body.begin(), body.end(), std::back_inserter(compact),
                     [](unsigned char c) { return !std::isspace(c); });
        return compact;
    }
};

/// The server side of one accepted connection, given to the handler.
class Connection {
public:
    Connection(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}

    /// Sends all of data; false once the client has gone.
    bool send(const std::string& data) {
        std::size_t sent = 0;
        while (sent < data.size()) {
            // MSG_NOSIGNAL: a client that hung up must not kill the test process with SIGPIPE.
            const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                return false;
            }
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    /// A complete response with a Content-Length body; extra_headers are whole lines, each ending in CRLF.
    bool respond(int status, const std::string& reason, const std::string& content_type, const std::string& body,
                 const std::string& extra_headers = "") {
        return send("HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + content_type +
                    "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers +
                    "Connection: close\r\n\r\n" + body);
    }

    bool respond_json(int status, const std::string& reason, const std::string& body,
                      const std::string& extra_headers = "") {
        return respond(status, reason, "application/json", body, extra_headers);
    }

    /// The head of a Server-Sent Events response; the body ends when the connection closes.
    bool begin_events(const std::string& extra_headers = "") {
        return send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n" +
                    extra_headers + "Connection: close\r\n\r\n");
    }

    bool event(const std::string& data) { return send("data: " + data + "\n\n"); }

    /// Waits until the client closes the connection (true) or the timeout passes or the server stops (false).
    bool wait_for_client_close(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline && !stopping_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 20) > 0) {
                char buffer[256];
                const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
                if (n <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

private:
    int fd_;
    const std::atomic<bool>& stopping_;
};

class LoopbackServer {
public:
    using Handler = std::function<void(const HttpRequest&, Connection&)>;

    explicit LoopbackServer(Handler handler) : handler_(std::move(handler)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (listener_ < 0) {
            throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(listener_, 64) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            const std::string reason = std::strerror(errno);
            ::close(listener_);
            throw std::runtime_error("cannot listen on 127.0.0.1: " + reason);
        }
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    ~LoopbackServer() {
        stopping_ = true;
        acceptor_.join();
        ::close(listener_);
        // Joined outside the lock: a worker still running takes it to record its request.
        std::vector<std::thread> workers;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            workers.swap(workers_);
        }
        for (auto& worker : workers) {
            worker.join();
        }
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    std::vector<HttpRequest> requests() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }

    std::size_t request_count() const { return requests().size(); }

private:
    void accept_loop() {
        while (!stopping_) {
            pollfd p{listener_, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) {
                continue;
            }
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) {
                continue;
            }
            std::lock_guard<std::mutex> lock(mutex_);
            workers_.emplace_back([this, fd] { serve(fd); });
        }
    }

    void serve(int fd) {
        HttpRequest request;
        if (read_request(fd, request)) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                requests_.push_back(request);
            }
            Connection connection(fd, stopping_);
            handler_(request, connection);
        }
        ::close(fd);
    }

    /// Reads one request: the head up to the blank line, then a Content-Length or chunked body.
    bool read_request(int fd, HttpRequest& request) {
        std::string data;
        std::size_t head_end = std::string::npos;
        while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
            if (!read_some(fd, data)) {
                return false;
            }
        }
        const std::string head = data.substr(0, head_end);
        std::string rest = data.substr(head_end + 4);
        const auto line_end = head.find("\r\n");
        const std::string request_line = head.substr(0, line_end);
        const auto first_space = request_line.find(' ');
        const auto second_space = request_line.find(' ', first_space + 1);
        request.method = request_line.substr(0, first_space);
        request.target = request_line.substr(first_space + 1, second_space - first_space - 1);
        request.headers = head.substr(line_end == std::string::npos ? head.size() : line_end + 2);
        std::transform(request.headers.begin(), request.headers.end(), request.headers.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

        const auto length_at = request.headers.find("content-length:");
        if (length_at != std::string::npos) {
            const std::size_t length = std::stoul(request.headers.substr(length_at + 15));
            while (rest.size() < length) {
                if (!read_some(fd, rest)) {
                    return false;
                }
            }
            request.body = rest.substr(0, length);
            return true;
        }
        if (request.headers.find("transfer-encoding: chunked") != std::string::npos) {
            return read_chunked(fd, rest, request.body);
        }
        return true;
    }

    bool read_chunked(int fd, std::string& data, std::string& body) {
        for (int chunks = 0; chunks < 100000; ++chunks) {
            std::size_t size_end;
            while ((size_end = data.find("\r\n")) == std::string::npos) {
                if (!read_some(fd, data)) {
                    return false;
                }
            }
            const std::size_t size = std::stoul(data.substr(0, size_end), nullptr, 16);
            while (data.size() < size_end + 2 + size + 2) {
                if (!read_some(fd, data)) {
                    return false;
                }
            }
            body += data.substr(size_end + 2, size);
            data.erase(0, size_end + 2 + size + 2);
            if (size == 0) {
                return true;
            }
        }
        return false;
    }

    /// Appends what arrives within 10 s; false on close, error or silence.
    bool read_some(int fd, std::string& data) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0) {
            return false;
        }
        char buffer[16384];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            return false;
        }
        data.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    Handler handler_;
    int listener_ = -1;
    unsigned short port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::vector<std::thread> workers_;
    std::vector<HttpRequest> requests_;
};

}  // namespace deepseek_ocr::testing

#endif  // DEEPSEEK_OCR_TESTS_LOOPBACK_SERVER_HPP
