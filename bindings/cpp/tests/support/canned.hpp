// Canned Chat Completions bodies and test images, built from their parts so each test states what it expects.
#ifndef DEEPSEEK_OCR_TESTS_CANNED_HPP
#define DEEPSEEK_OCR_TESTS_CANNED_HPP

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace deepseek_ocr::testing {

/// A valid 1x1 grey PNG (67 bytes).
inline std::vector<std::uint8_t> tiny_png() {
    return {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
            0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00,
            0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0x0f, 0x00, 0x01, 0x01, 0x01, 0x00,
            0xb1, 0x38, 0xf6, 0x14, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
}

inline std::string base64(const std::vector<std::uint8_t>& bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = (bytes[i] << 16u) | (bytes[i + 1] << 8u) | bytes[i + 2];
        out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], alphabet[(n >> 6) & 63], alphabet[n & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned n = bytes[i] << 16u;
        out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned n = (bytes[i] << 16u) | (bytes[i + 1] << 8u);
        out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], alphabet[(n >> 6) & 63], '='};
    }
    return out;
}

/// A JSON string literal for text (UTF-8 passes through; quotes, backslashes and control bytes are escaped).
inline std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

/// A whole chat.completion answer.
inline std::string completion(std::string_view text, std::string_view finish_reason = "stop",
                              std::string_view id = "chatcmpl-cpp-1", long long created = 1700000000,
                              long long prompt_tokens = 11, long long completion_tokens = 7) {
    return R"({"id":)" + json_string(id) + R"(,"object":"chat.completion","created":)" + std::to_string(created) +
           R"(,"model":"deepseek-ocr","choices":[{"index":0,"message":{"role":"assistant","content":)" +
           json_string(text) + R"(},"finish_reason":)" + json_string(finish_reason) + R"(}],"usage":{"prompt_tokens":)" +
           std::to_string(prompt_tokens) + R"(,"completion_tokens":)" + std::to_string(completion_tokens) +
           R"(,"total_tokens":)" + std::to_string(prompt_tokens + completion_tokens) + "}}";
}

/// One chat.completion.chunk; delta_json is the value of "delta", finish_reason_json "null" or a JSON string.
inline std::string chunk(std::string_view delta_json, std::string_view finish_reason_json = "null") {
    return std::string(R"({"id":"chatcmpl-stream-1","object":"chat.completion.chunk","created":1700000001,)") +
           R"("model":"deepseek-ocr","choices":[{"index":0,"delta":)" + std::string(delta_json) +
           R"(,"finish_reason":)" + std::string(finish_reason_json) + "}]}";
}

inline std::string content_chunk(std::string_view text) { return chunk(R"({"content":)" + json_string(text) + "}"); }

/// The closing chunk as OpenAI sends it with stream_options.include_usage: no choices, only usage.
inline std::string usage_chunk(long long prompt_tokens, long long completion_tokens) {
    return R"({"id":"chatcmpl-stream-1","object":"chat.completion.chunk","created":1700000001,"model":"deepseek-ocr",)"
           R"("choices":[],"usage":{"prompt_tokens":)" +
           std::to_string(prompt_tokens) + R"(,"completion_tokens":)" + std::to_string(completion_tokens) +
           R"(,"total_tokens":)" + std::to_string(prompt_tokens + completion_tokens) + "}}";
}

inline std::string error_object(std::string_view message, std::string_view type, std::string_view code) {
    return R"({"error":{"message":)" + json_string(message) + R"(,"type":)" + json_string(type) +
           R"(,"param":null,"code":)" + json_string(code) + "}}";
}

/// A file with the given bytes in the temporary directory, removed with this object.
class TempFile {
public:
    explicit TempFile(const std::vector<std::uint8_t>& bytes) {
        const char* directory = std::getenv("TMPDIR");
        std::string pattern = std::string(directory ? directory : "/tmp") + "/deepseek-ocr-cpp-XXXXXX";
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0 || ::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
            throw std::runtime_error("cannot write a temporary file at " + pattern);
        }
        ::close(fd);
        path_ = pattern;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() { std::remove(path_.c_str()); }

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace deepseek_ocr::testing

#endif  // DEEPSEEK_OCR_TESTS_CANNED_HPP
