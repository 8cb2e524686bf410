// Test images, files, and the JSON pieces tests put into their scenarios (tests/server/README.md), built from their
// parts so each test states what it expects.
#ifndef DEEPSEEK_OCR_TESTS_CANNED_HPP
#define DEEPSEEK_OCR_TESTS_CANNED_HPP

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "test_server.h"  // tiny_png

namespace deepseek_ocr::testing {

/// A valid 1x1 grey PNG (67 bytes): the C suite's.
inline std::vector<std::uint8_t> tiny_png() { return {::tiny_png, ::tiny_png + TINY_PNG_SIZE}; }

namespace detail {

inline std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0) {
    crc = ~crc;
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

inline void append_u32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

inline void append_png_chunk(std::vector<std::uint8_t>& out, const char (&kind)[5], const std::vector<std::uint8_t>& data) {
    append_u32(out, static_cast<std::uint32_t>(data.size()));
    std::vector<std::uint8_t> typed(kind, kind + 4);
    typed.insert(typed.end(), data.begin(), data.end());
    out.insert(out.end(), typed.begin(), typed.end());
    append_u32(out, crc32(typed.data(), typed.size()));
}

}  // namespace detail

/// A valid black 1-bit greyscale PNG of the given size (zlib with stored deflate blocks, so no compressor is needed);
/// the library reads its size from the IHDR chunk.
inline std::vector<std::uint8_t> png_of_size(std::uint32_t width, std::uint32_t height) {
    const std::size_t row = 1 + (width + 7) / 8;  // a filter byte (0: none), then the 1-bit pixels
    const std::vector<std::uint8_t> pixels(row * height, 0);

    std::vector<std::uint8_t> zlib = {0x78, 0x01};
    for (std::size_t at = 0; at < pixels.size() || at == 0; at += 65535) {
        const std::size_t size = std::min<std::size_t>(65535, pixels.size() - at);
        const bool last = at + size == pixels.size();
        zlib.push_back(last ? 1 : 0);
        zlib.push_back(static_cast<std::uint8_t>(size));
        zlib.push_back(static_cast<std::uint8_t>(size >> 8));
        zlib.push_back(static_cast<std::uint8_t>(~size));
        zlib.push_back(static_cast<std::uint8_t>(~size >> 8));
        zlib.insert(zlib.end(), pixels.begin() + static_cast<std::ptrdiff_t>(at),
                    pixels.begin() + static_cast<std::ptrdiff_t>(at + size));
        if (last) {
            break;
        }
    }
    std::uint32_t a = 1, b = 0;  // Adler-32 of the pixels
    for (const std::uint8_t byte : pixels) {
        a = (a + byte) % 65521;
        b = (b + a) % 65521;
    }
    detail::append_u32(zlib, (b << 16) | a);

    std::vector<std::uint8_t> header;
    detail::append_u32(header, width);
    detail::append_u32(header, height);
    header.insert(header.end(), {1, 0, 0, 0, 0});  // bit depth 1, greyscale, deflate, adaptive filter, no interlace

    std::vector<std::uint8_t> png = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a};
    detail::append_png_chunk(png, "IHDR", header);
    detail::append_png_chunk(png, "IDAT", zlib);
    detail::append_png_chunk(png, "IEND", {});
    return png;
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
