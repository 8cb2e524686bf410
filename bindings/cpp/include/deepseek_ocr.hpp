/*
 * deepseek_ocr.hpp - a header-only C++17 binding over the C interface in deepseek_ocr.h.
 *
 * Adds RAII, exceptions and callables to the C API; no logic of the library is duplicated here.
 *
 *     deepseek_ocr::Client client;                                   // options from the environment
 *     auto result = client.ocr(deepseek_ocr::Request::from_path("scan.png"));
 *     std::cout << result.text() << '\n';                            // nothing to free
 *
 *     client.stream(deepseek_ocr::Request::from_path("scan.png"),
 *                   [](std::string_view delta) { std::cout << delta << std::flush; });
 *
 *     auto page = client.ocr(deepseek_ocr::Request::from_path("scan.png").mode(deepseek_ocr::Mode::markdown));
 *     std::cout << page.markdown() << '\n';                          // the text without grounding tags
 *     for (const auto& region : page.regions()) { ... }             // region.label, region.boxes (pixels), ...
 *
 * Every failure is thrown as deepseek_ocr::Error (status, message, and the server's HTTP status, error object,
 * request id and Retry-After when it answered), except an exception thrown by a stream callback, which is rethrown
 * unchanged once the C call has returned. In a child forked after the library started, every call throws Error with
 * OCR_E_FORKED; on a CPU the library cannot run on, OCR_E_UNSUPPORTED_CPU (see deepseek_ocr.h).
 */
#ifndef DEEPSEEK_OCR_HPP
#define DEEPSEEK_OCR_HPP

#include <deepseek_ocr.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

// The binding reads the 1.x structs field by field; a 2.x header may have changed them.
static_assert(OCR_VERSION_MAJOR == 1, "deepseek_ocr.hpp is written for version 1.x of deepseek_ocr.h");

namespace deepseek_ocr {

/// A failed call: the library's status and message, and what the failure had of the server's answer: its HTTP
/// status, the fields of its error object ({"error": {"message", "type", "param", "code"}}), its x-request-id and
/// its Retry-After. Read with ocr_last_error_details right after the call, so nothing is parsed out of the text.
class Error : public std::runtime_error {
public:
    /// A failure the binding found itself (a misuse it caught before calling the library): no server details.
    Error(ocr_status status, const std::string& message) : std::runtime_error(message), status_(status) {}

    /// A failure as the library reported it; every string is copied, so the Error outlives the next ocr_* call.
    explicit Error(const ocr_error_details& details)
        : std::runtime_error(details.message != nullptr && details.message[0] != '\0'
                                 ? std::string(details.message)
                                 : std::string(ocr_status_string(details.status))),
          status_(details.status),
          http_status_(details.http_status),
          error_type_(text(details.error_type)),
          error_code_(text(details.error_code)),
          error_param_(text(details.error_param)),
          error_message_(text(details.error_message)),
          request_id_(text(details.request_id)) {
        if (details.retry_after_ms >= 0) {
            retry_after_ = std::chrono::milliseconds(details.retry_after_ms);
        }
    }

    ocr_status status() const noexcept { return status_; }

    /// The library's message (ocr_last_error() of the failed call), or the binding's for a misuse it caught.
    std::string_view message() const noexcept { return what(); }

    /// The HTTP status of the answer that failed, or 0 when no answer arrived (a network failure, a bad argument).
    int http_status() const noexcept { return http_status_; }

    /// The server's error object: its "type" (e.g. "invalid_request_error"), "code" (a number in decimal, e.g.
    /// "invalid_api_key"), "param" (the request field at fault) and "message" (whole, as the server wrote it).
    /// Each is unset when the answer had none.
    const std::optional<std::string>& error_type() const noexcept { return error_type_; }
    const std::optional<std::string>& error_code() const noexcept { return error_code_; }
    const std::optional<std::string>& error_param() const noexcept { return error_param_; }
    const std::optional<std::string>& error_message() const noexcept { return error_message_; }

    /// The answer's x-request-id, for the service's support; unset when it had none.
    const std::optional<std::string>& request_id() const noexcept { return request_id_; }

    /// How long the answer's Retry-After asked to wait; unset when it had none.
    std::optional<std::chrono::milliseconds> retry_after() const noexcept { return retry_after_; }

    /// The status's name and meaning, e.g. "OCR_E_TIMEOUT: the request timed out".
    std::string_view status_name() const noexcept { return ocr_status_string(status_); }

private:
    static std::optional<std::string> text(const char* value) {
        return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
    }

    ocr_status status_;
    int http_status_ = 0;
    std::optional<std::string> error_type_;
    std::optional<std::string> error_code_;
    std::optional<std::string> error_param_;
    std::optional<std::string> error_message_;
    std::optional<std::string> request_id_;
    std::optional<std::chrono::milliseconds> retry_after_;
};

/// The library and this header are of incompatible versions (see check_version).
class IncompatibleLibrary : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace detail {

/// Reads the calling thread's failure right after the failing call: the next ocr_* call may replace it.
inline Error last_error(ocr_status status) {
    ocr_error_details details{};
    if (ocr_last_error_details(&details) != OCR_OK || details.status != status) {
        // Cannot happen with a matching library; the status the call returned is the one to report.
        const std::string message = ocr_last_error();
        return Error(status, message.empty() ? std::string(ocr_status_string(status)) : message);
    }
    return Error(details);
}

inline void check(ocr_status status) {
    if (status != OCR_OK) {
        throw last_error(status);
    }
}

[[noreturn]] inline void invalid_argument(const std::string& message) {
    throw Error(OCR_E_INVALID_ARGUMENT, "deepseek_ocr: " + message);
}

/// The C API reads strings up to their first NUL; a string holding one would be cut short without a word.
inline const char* c_str(const std::string& value, const char* name) {
    if (value.find('\0') != std::string::npos) {
        invalid_argument(std::string(name) + " contains a NUL byte");
    }
    return value.c_str();
}

inline const char* c_str(const std::optional<std::string>& value, const char* name) {
    return value ? c_str(*value, name) : nullptr;
}

/// Binding a temporary would hand the C struct a pointer into a string destroyed at the end of the statement.
const char* c_str(std::optional<std::string>&& value, const char* name) = delete;

/// 0 means "the default" in the C structs, so an explicit 0 must not silently become the default.
inline int32_t positive_int32(std::int64_t value, const char* name) {
    if (value <= 0 || value > std::numeric_limits<int32_t>::max()) {
        invalid_argument(std::string(name) + " must be from 1 to 2147483647 (leave it unset for the default), not " +
                         std::to_string(value));
    }
    return static_cast<int32_t>(value);
}

inline int32_t milliseconds(const std::optional<std::chrono::milliseconds>& value, const char* name) {
    return value ? positive_int32(value->count(), name) : 0;
}

struct ClientDeleter {
    void operator()(ocr_client* client) const noexcept { ocr_client_free(client); }
};
struct ResultDeleter {
    void operator()(ocr_result* result) const noexcept { ocr_result_free(result); }
};
struct CancelTokenDeleter {
    void operator()(ocr_cancel_token* token) const noexcept { ocr_cancel_token_free(token); }
};

struct Version {
    int major = -1;
    int minor = -1;
    int patch = -1;
};

/// "MAJOR.MINOR.PATCH" -> numbers; anything else -> {-1, -1, -1}.
inline Version parse_version(std::string_view text) noexcept {
    Version parsed;
    int* parts[] = {&parsed.major, &parsed.minor, &parsed.patch};
    std::size_t at = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        if (i > 0) {
            if (at >= text.size() || text[at] != '.') {
                return {};
            }
            ++at;
        }
        const std::size_t begin = at;
        int value = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - begin < 6) {
            value = value * 10 + (text[at] - '0');
            ++at;
        }
        if (at == begin) {
            return {};
        }
        *parts[i] = value;
    }
    return at == text.size() ? parsed : Version{};
}

}  // namespace detail

/// The version of deepseek_ocr.h this program was compiled against.
constexpr std::string_view header_version() noexcept { return OCR_VERSION; }

/// The version of the libdeepseek_ocr loaded at run time.
inline std::string_view version() noexcept { return ocr_version(); }

/// Whether the loaded library can serve this header: the same major version, and a minor version at least the
/// header's (a newer 1.x library accepts the structs of an older 1.x header, not the other way round).
inline bool library_is_compatible() noexcept {
    const auto library = detail::parse_version(version());
    return library.major == OCR_VERSION_MAJOR && library.minor >= OCR_VERSION_MINOR;
}

/// Throws IncompatibleLibrary, naming both versions, when library_is_compatible() is false.
inline void check_version() {
    if (!library_is_compatible()) {
        throw IncompatibleLibrary("libdeepseek_ocr is version " + std::string(version()) +
                                  " but deepseek_ocr.h is version " OCR_VERSION
                                  "; install a 1.x library at least as new as the header, or rebuild against the "
                                  "header installed with the library");
    }
}

/// Client settings; what is left unset takes the library's default (see ocr_client_options in deepseek_ocr.h).
struct ClientOptions {
    std::optional<std::string> base_url;  ///< unset: $DEEPSEEK_OCR_BASE_URL, else https://api.codingplanx.ai
    std::optional<std::string> api_key;   ///< unset: $DEEPSEEK_OCR_API_KEY; none: no Authorization header
    std::optional<std::string> model;     ///< unset: "deepseek-ocr"
    std::optional<std::chrono::milliseconds> timeout;          ///< whole request; unset: 10 min
    std::optional<std::chrono::milliseconds> connect_timeout;  ///< unset: 10 s
    std::optional<std::chrono::milliseconds> idle_timeout;     ///< longest silence while streaming; unset: 60 s
    std::optional<int> max_retries;                            ///< unset: 2; 0: none
    bool allow_insecure_http = false;  ///< allow sending the API key over http:// to a host that is not loopback
    std::optional<std::int64_t> max_image_bytes;  ///< largest image from a path or buffer; unset: 20 MiB
};

struct Usage {
    std::int64_t prompt_tokens = 0;
    std::int64_t completion_tokens = 0;
    std::int64_t total_tokens = 0;
};

/// DeepSeek-OCR's official prompts by name (ocr_mode in deepseek_ocr.h). The grounding modes (markdown, ocr, locate)
/// make the model write <|ref|>LABEL<|/ref|><|det|>[[x1, y1, x2, y2], ...]<|/det|> tags, which Result::regions()
/// reads; for them the library sends "skip_special_tokens": false, without which a vLLM server drops the tags
/// (Request::extra_body_json overrides it). Request::prompt, when set, wins over the mode's prompt.
enum class Mode : std::int32_t {
    free = OCR_MODE_FREE,          ///< "<image>\nFree OCR.": plain text (the default)
    markdown = OCR_MODE_MARKDOWN,  ///< "<image>\n<|grounding|>Convert the document to markdown.": labelled regions
    ocr = OCR_MODE_OCR,            ///< "<image>\n<|grounding|>OCR this image.": each line of text is a region
    figure = OCR_MODE_FIGURE,      ///< "<image>\nParse the figure."
    describe = OCR_MODE_DESCRIBE,  ///< "<image>\nDescribe this image in detail."
    locate = OCR_MODE_LOCATE,      ///< "<image>\nLocate <|ref|>TEXT<|/ref|> in the image.", TEXT from locate_text
};

/// An image's size in pixels.
struct ImageSize {
    std::int32_t width = 0;
    std::int32_t height = 0;

    friend bool operator==(const ImageSize& a, const ImageSize& b) noexcept {
        return a.width == b.width && a.height == b.height;
    }
    friend bool operator!=(const ImageSize& a, const ImageSize& b) noexcept { return !(a == b); }
};

/// A box: left, top, right, bottom.
struct Box {
    std::int32_t x1 = 0;
    std::int32_t y1 = 0;
    std::int32_t x2 = 0;
    std::int32_t y2 = 0;

    friend bool operator==(const Box& a, const Box& b) noexcept {
        return a.x1 == b.x1 && a.y1 == b.y1 && a.x2 == b.x2 && a.y2 == b.y2;
    }
    friend bool operator!=(const Box& a, const Box& b) noexcept { return !(a == b); }
};

/// A region of the answer's grounding markup: <|ref|>label<|/ref|><|det|>[[boxes]]<|/det|> and its content (ocr_region).
struct Region {
    /// "title", "text", "table", "image", "image_caption", "equation", ...; in the ocr and locate modes the text.
    std::string label;
    /// What the model wrote for the region, trimmed; in the ocr and locate modes the ref's text (as label).
    std::string text;
    /// In pixels of the source image, int(v / 999 * size) truncated as the official scripts; empty when the image's
    /// size is unknown (an image URL without Request::image_size).
    std::vector<Box> boxes;
    /// As the model sent them: 0 to 999 across the image. At least one.
    std::vector<Box> boxes_normalized;
};

/// Cancels running calls from any thread. Copies share one native token, which lives as long as the last copy,
/// so a Request holding a copy keeps it alive for the whole call.
class CancelToken {
public:
    CancelToken() {
        ocr_cancel_token* raw = nullptr;
        detail::check(ocr_cancel_token_new(&raw));
        token_.reset(raw, detail::CancelTokenDeleter{});
    }

    /// Every call using this token ends with OCR_E_CANCELLED promptly, and later calls fail at once.
    /// Safe from any thread, any number of times; a no-op on a moved-from token.
    void cancel() const noexcept { ocr_cancel_token_cancel(token_.get()); }

    ocr_cancel_token* native_handle() const noexcept { return token_.get(); }

private:
    std::shared_ptr<ocr_cancel_token> token_;
};

/// One OCR request: an image from exactly one source (the factories), then optional settings, chained:
///     auto request = Request::from_path("scan.png").prompt("<image>\nConvert to markdown.").max_tokens(2048);
class Request {
public:
    /// An image file (JPEG, PNG, WebP or BMP), read by the library.
    static Request from_path(const std::filesystem::path& path) { return Request(Path{path.string()}); }

    /// Image bytes, owned by the request.
    static Request from_bytes(std::vector<std::uint8_t> bytes) { return Request(Bytes{std::move(bytes)}); }

    /// Image bytes, not copied: they must stay valid until ocr()/stream() returns.
    static Request from_bytes(const void* data, std::size_t size) {
        return Request(BytesView{static_cast<const std::uint8_t*>(data), size});
    }

    /// An http(s) or data: URL, sent to the server as is.
    static Request from_url(std::string url) { return Request(Url{std::move(url)}); }

    /// The prompt; unset: the mode's ("<image>\nFree OCR." by default). Wins over the mode's prompt.
    Request& prompt(std::string value) & { return set(prompt_, std::move(value)); }
    Request&& prompt(std::string value) && { return std::move(prompt(std::move(value))); }

    /// One of DeepSeek-OCR's official prompts; unset: Mode::free. Mode::locate needs locate_text.
    Request& mode(Mode value) & { return set(mode_, value); }
    Request&& mode(Mode value) && { return std::move(mode(value)); }

    /// Mode::locate only: the text to find.
    Request& locate_text(std::string value) & { return set(locate_text_, std::move(value)); }
    Request&& locate_text(std::string value) && { return std::move(locate_text(std::move(value))); }

    /// An image URL only: the image's size, for pixel boxes in Result::regions() (a file or bytes are measured
    /// from their header). Both positive.
    Request& image_size(std::int32_t width, std::int32_t height) & { return set(image_size_, ImageSize{width, height}); }
    Request&& image_size(std::int32_t width, std::int32_t height) && { return std::move(image_size(width, height)); }

    Request& max_tokens(std::int32_t value) & { return set(max_tokens_, value); }
    Request&& max_tokens(std::int32_t value) && { return std::move(max_tokens(value)); }

    /// 0 to 2.
    Request& temperature(double value) & { return set(temperature_, value); }
    Request&& temperature(double value) && { return std::move(temperature(value)); }

    /// 0 to 1.
    Request& top_p(double value) & { return set(top_p_, value); }
    Request&& top_p(double value) && { return std::move(top_p(value)); }

    /// A JSON object, e.g. {"type":"json_object"}.
    Request& response_format_json(std::string value) & { return set(response_format_json_, std::move(value)); }
    Request&& response_format_json(std::string value) && { return std::move(response_format_json(std::move(value))); }

    /// A JSON array of tools.
    Request& tools_json(std::string value) & { return set(tools_json_, std::move(value)); }
    Request&& tools_json(std::string value) && { return std::move(tools_json(std::move(value))); }

    /// A JSON object merged into the request body.
    Request& extra_body_json(std::string value) & { return set(extra_body_json_, std::move(value)); }
    Request&& extra_body_json(std::string value) && { return std::move(extra_body_json(std::move(value))); }

    /// Cancelling token (from any thread) ends the call with OCR_E_CANCELLED.
    Request& cancel_token(CancelToken token) & { return set(cancel_token_, std::move(token)); }
    Request&& cancel_token(CancelToken token) && { return std::move(cancel_token(std::move(token))); }

private:
    friend class Client;

    /// The C request, pointing into this object: valid while it lives unchanged.
    ocr_request to_native() const {
        ocr_request native{};
        ocr_request_init(&native);
        std::visit([&native](const auto& source) { source.apply(native); }, source_);
        native.prompt = detail::c_str(prompt_, "Request prompt");
        native.mode = mode_ ? static_cast<int32_t>(*mode_) : OCR_MODE_FREE;
        native.locate_text = detail::c_str(locate_text_, "Request locate_text");
        if (image_size_) {
            native.image_width = detail::positive_int32(image_size_->width, "Request image_size width");
            native.image_height = detail::positive_int32(image_size_->height, "Request image_size height");
        }
        native.max_tokens = max_tokens_ ? detail::positive_int32(*max_tokens_, "Request max_tokens") : 0;
        if (temperature_) {
            native.temperature = *temperature_;
        }
        if (top_p_) {
            native.top_p = *top_p_;
        }
        native.response_format_json = detail::c_str(response_format_json_, "Request response_format_json");
        native.tools_json = detail::c_str(tools_json_, "Request tools_json");
        native.extra_body_json = detail::c_str(extra_body_json_, "Request extra_body_json");
        native.cancel = cancel_token_ ? cancel_token_->native_handle() : nullptr;
        return native;
    }

    struct Path {
        std::string value;
        void apply(ocr_request& native) const { native.image_path = detail::c_str(value, "Request image path"); }
    };
    struct Bytes {
        std::vector<std::uint8_t> value;
        void apply(ocr_request& native) const {
            native.image_data = value.data();
            native.image_size = value.size();
        }
    };
    struct BytesView {
        const std::uint8_t* data;
        std::size_t size;
        void apply(ocr_request& native) const {
            native.image_data = data;
            native.image_size = size;
        }
    };
    struct Url {
        std::string value;
        void apply(ocr_request& native) const { native.image_url = detail::c_str(value, "Request image URL"); }
    };
    using Source = std::variant<Path, Bytes, BytesView, Url>;

    explicit Request(Source source) : source_(std::move(source)) {}

    template <class T, class V>
    Request& set(std::optional<T>& field, V&& value) {
        field = std::forward<V>(value);
        return *this;
    }

    Source source_;
    std::optional<std::string> prompt_;
    std::optional<Mode> mode_;
    std::optional<std::string> locate_text_;
    std::optional<ImageSize> image_size_;
    std::optional<std::int32_t> max_tokens_;
    std::optional<double> temperature_;
    std::optional<double> top_p_;
    std::optional<std::string> response_format_json_;
    std::optional<std::string> tools_json_;
    std::optional<std::string> extra_body_json_;
    std::optional<CancelToken> cancel_token_;
};

/// The answer to one request; owns the library's ocr_result. Move-only; a moved-from Result throws Error on access.
class Result {
public:
    explicit Result(ocr_result* owned) noexcept : result_(owned) {}

    /// The recognised text as the server sent it, grounding tags included (for a stream, all deltas joined).
    /// May hold NUL bytes.
    std::string_view text() const { return {get().text, get().text_len}; }
    /// The same as text(): the answer before the grounding markup was read, beside markdown().
    std::string_view raw_text() const { return text(); }
    /// The text without grounding tags, image regions as ![](images/N.jpg) (N counting from 0).
    std::string_view markdown() const { return get().markdown; }
    /// The regions parsed from the text (grounding modes), copied out; markup cut short ends the parse.
    std::vector<Region> regions() const {
        const auto& result = get();
        std::vector<Region> regions;
        regions.reserve(result.region_count);
        for (std::size_t r = 0; r < result.region_count; ++r) {
            const ocr_region& native = result.regions[r];
            Region region{native.label, native.text, {}, {}};
            region.boxes_normalized.reserve(native.box_count);
            for (std::size_t b = 0; b < native.box_count; ++b) {
                const ocr_box& box = native.boxes[b];
                // -1: the image's size is unknown, so there are no pixel coordinates.
                if (box.x1 >= 0) {
                    region.boxes.push_back({box.x1, box.y1, box.x2, box.y2});
                }
                region.boxes_normalized.push_back({box.norm_x1, box.norm_y1, box.norm_x2, box.norm_y2});
            }
            regions.push_back(std::move(region));
        }
        return regions;
    }
    /// The source image's size (from its header, or Request::image_size for a URL); unset when unknown.
    std::optional<ImageSize> image_size() const {
        const auto& result = get();
        if (result.image_width <= 0 || result.image_height <= 0) {
            return std::nullopt;
        }
        return ImageSize{result.image_width, result.image_height};
    }
    /// "stop", or "length" when max_tokens cut the text.
    std::string_view finish_reason() const { return get().finish_reason; }
    std::string_view id() const { return get().id; }
    std::string_view model() const { return get().model; }
    /// Unix time, seconds.
    std::int64_t created() const { return get().created; }
    /// Zeros when the server did not report it.
    Usage usage() const {
        const auto& usage = get().usage;
        return {usage.prompt_tokens, usage.completion_tokens, usage.total_tokens};
    }
    int http_status() const { return get().http_status; }

    const ocr_result* native_handle() const noexcept { return result_.get(); }

private:
    const ocr_result& get() const {
        if (!result_) {
            detail::invalid_argument("Result used after it was moved from");
        }
        return *result_;
    }

    std::unique_ptr<ocr_result, detail::ResultDeleter> result_;
};

/// A connection pool, credentials and defaults. Move-only; safe to share between threads (by reference) while
/// it lives. A moved-from Client throws Error (OCR_E_INVALID_ARGUMENT) from ocr() and stream().
class Client {
public:
    /// All defaults, from the environment ($DEEPSEEK_OCR_BASE_URL, $DEEPSEEK_OCR_API_KEY).
    Client() : Client(ClientOptions{}) {}

    /// Throws IncompatibleLibrary when the loaded library does not match this header, Error on bad options.
    explicit Client(const ClientOptions& options) {
        check_version();
        ocr_client_options native{};
        ocr_client_options_init(&native);
        native.base_url = detail::c_str(options.base_url, "ClientOptions base_url");
        native.api_key = detail::c_str(options.api_key, "ClientOptions api_key");
        native.model = detail::c_str(options.model, "ClientOptions model");
        native.timeout_ms = detail::milliseconds(options.timeout, "ClientOptions timeout");
        native.connect_timeout_ms = detail::milliseconds(options.connect_timeout, "ClientOptions connect_timeout");
        native.idle_timeout_ms = detail::milliseconds(options.idle_timeout, "ClientOptions idle_timeout");
        native.max_retries = options.max_retries ? *options.max_retries : -1;
        native.allow_insecure_http = options.allow_insecure_http ? 1 : 0;
        if (options.max_image_bytes && *options.max_image_bytes <= 0) {
            detail::invalid_argument("ClientOptions max_image_bytes must be positive (leave it unset for the default)");
        }
        native.max_image_bytes = options.max_image_bytes ? *options.max_image_bytes : 0;
        ocr_client* raw = nullptr;
        detail::check(ocr_client_new(&native, &raw));
        client_.reset(raw);
    }

    /// Recognise one image and wait for the whole answer.
    [[nodiscard]] Result ocr(const Request& request) const {
        const ocr_request native = request.to_native();
        ocr_result* raw = nullptr;
        detail::check(ocr_image(handle(), &native, &raw));
        return Result(raw);
    }

    /// Recognise one image, calling on_delta(std::string_view) with each piece of text as it arrives, on this
    /// thread. on_delta returns void (go on) or something convertible to bool (true: go on; false: stop, and the
    /// call throws Error with OCR_E_CANCELLED). If on_delta throws, the call stops and rethrows that exception.
    template <class OnDelta>
    [[nodiscard]] Result stream(const Request& request, OnDelta&& on_delta) const {
        using Callable = std::remove_reference_t<OnDelta>;
        static_assert(std::is_invocable_v<Callable&, std::string_view>,
                      "on_delta must be callable with a std::string_view");
        using Returned = std::invoke_result_t<Callable&, std::string_view>;
        static_assert(std::is_void_v<Returned> || std::is_convertible_v<Returned, bool>,
                      "on_delta must return void or a value convertible to bool (true: go on)");

        const ocr_request native = request.to_native();
        StreamContext<Callable> context{on_delta, nullptr};
        ocr_result* raw = nullptr;
        const ocr_status status =
            ocr_stream(handle(), &native, &StreamContext<Callable>::on_delta, &context, &raw);
        if (context.failure) {
            ocr_result_free(raw);
            std::rethrow_exception(context.failure);
        }
        detail::check(status);
        return Result(raw);
    }

    ocr_client* native_handle() const noexcept { return client_.get(); }

private:
    /// Exceptions must not unwind through the library's C frames: the trampoline keeps one and stops the stream.
    template <class Callable>
    struct StreamContext {
        Callable& callback;
        std::exception_ptr failure;

        static int on_delta(const char* delta, std::size_t len, void* user_data) noexcept {
            auto& self = *static_cast<StreamContext*>(user_data);
            try {
                const std::string_view piece(delta, len);
                if constexpr (std::is_void_v<std::invoke_result_t<Callable&, std::string_view>>) {
                    std::invoke(self.callback, piece);
                    return 0;
                } else {
                    return static_cast<bool>(std::invoke(self.callback, piece)) ? 0 : 1;
                }
            } catch (...) {
                self.failure = std::current_exception();
                return 1;
            }
        }
    };

    ocr_client* handle() const {
        if (!client_) {
            detail::invalid_argument("Client used after it was moved from");
        }
        return client_.get();
    }

    std::unique_ptr<ocr_client, detail::ClientDeleter> client_;
};

}  // namespace deepseek_ocr

#endif  // DEEPSEEK_OCR_HPP
