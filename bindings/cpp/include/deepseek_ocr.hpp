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

namespace detail {

/// The regions of a result, copied out (Result::regions and each page of a Document).
inline std::vector<Region> regions_of(const ocr_result& result) {
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

}  // namespace detail

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

    /// Several images in one request (ocr_request.more_images): each of these is sent after the request's own image,
    /// and the service answers them together, pages separated by "<--- Page Split --->" (pixel boxes are then
    /// unknown). One request per image stays the default.
    Request& add_image_path(const std::filesystem::path& path) & { return add(Path{path.string()}); }
    Request&& add_image_path(const std::filesystem::path& path) && { return std::move(add_image_path(path)); }
    Request& add_image_bytes(std::vector<std::uint8_t> bytes) & { return add(Bytes{std::move(bytes)}); }
    Request&& add_image_bytes(std::vector<std::uint8_t> bytes) && { return std::move(add_image_bytes(std::move(bytes))); }
    Request& add_image_url(std::string url) & { return add(Url{std::move(url)}); }
    Request&& add_image_url(std::string url) && { return std::move(add_image_url(std::move(url))); }

    /// Cancelling token (from any thread) ends the call with OCR_E_CANCELLED.
    Request& cancel_token(CancelToken token) & { return set(cancel_token_, std::move(token)); }
    Request&& cancel_token(CancelToken token) && { return std::move(cancel_token(std::move(token))); }

private:
    friend class Client;
    friend class Multi;  // see "Many requests in flight from one thread"

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
        more_images_.apply(native);
        return native;
    }

    struct Path {
        std::string value;
        void apply(ocr_request& native) const { native.image_path = detail::c_str(value, "Request image path"); }
        void apply(ocr_image_source& native) const { native.path = detail::c_str(value, "Request added image path"); }
    };
    struct Bytes {
        std::vector<std::uint8_t> value;
        void apply(ocr_request& native) const {
            native.image_data = value.data();
            native.image_size = value.size();
        }
        void apply(ocr_image_source& native) const {
            native.data = value.data();
            native.size = value.size();
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
        void apply(ocr_image_source& native) const { native.url = detail::c_str(value, "Request added image URL"); }
    };
    using Source = std::variant<Path, Bytes, BytesView, Url>;
    using AddedSource = std::variant<Path, Bytes, Url>;

    /// The added images and the C array that points into them, rebuilt whenever the strings and buffers it points
    /// into move (a copy or a move of the Request), so that to_native() stays a const read.
    class MoreImages {
    public:
        MoreImages() = default;
        MoreImages(const MoreImages& other) : sources_(other.sources_) { rebuild(); }
        MoreImages(MoreImages&& other) : sources_(std::move(other.sources_)) { rebuild(); }
        MoreImages& operator=(const MoreImages& other) {
            sources_ = other.sources_;
            rebuild();
            return *this;
        }
        MoreImages& operator=(MoreImages&& other) {
            sources_ = std::move(other.sources_);
            rebuild();
            return *this;
        }
        ~MoreImages() = default;

        void add(AddedSource source) {
            sources_.push_back(std::move(source));
            rebuild();
        }

        void apply(ocr_request& native) const {
            native.more_images = native_.empty() ? nullptr : native_.data();
            native.more_image_count = native_.size();
        }

    private:
        void rebuild() {
            native_.assign(sources_.size(), ocr_image_source{});
            for (std::size_t i = 0; i < sources_.size(); i++) {
                std::visit([this, i](const auto& source) { source.apply(native_[i]); }, sources_[i]);
            }
        }

        std::vector<AddedSource> sources_;
        std::vector<ocr_image_source> native_;
    };

    explicit Request(Source source) : source_(std::move(source)) {}

    Request& add(AddedSource source) {
        more_images_.add(std::move(source));
        return *this;
    }

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
    MoreImages more_images_;
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
    std::vector<Region> regions() const { return detail::regions_of(get()); }
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

// ==== Many requests in flight from one thread (ocr_multi_*, since 1.2) ====================================
//
//     deepseek_ocr::Multi multi(client, 64);                      // at most 64 requests at once
//     for (std::uint64_t i = 0; i < paths.size(); ++i) multi.add(Request::from_path(paths[i]), i);
//     while (auto event = multi.wait()) {                        // ends when every item's DONE was delivered
//         if (event->failed()) std::cerr << paths[event->tag()] << ": " << event->error().what() << '\n';
//         else std::cout << event->result().text() << '\n';
//     }

/// What an Event is: a piece of streamed text (an item added with stream = true), or the end of an item.
enum class EventKind { done = OCR_EVENT_DONE, delta = OCR_EVENT_DELTA };

/// One event of a Multi, copied out of the library's: it owns its result, delta and error. Move-only.
class Event {
public:
    EventKind kind() const noexcept { return kind_; }
    /// The tag the item was added with.
    std::uint64_t tag() const noexcept { return tag_; }
    /// A done event's outcome (OCR_OK for a delta).
    ocr_status status() const noexcept { return status_; }
    bool failed() const noexcept { return status_ != OCR_OK; }
    /// A delta's piece of text.
    std::string_view delta() const noexcept { return delta_; }
    /// A successful done event's result; throws the item's Error if it failed, Error if this is a delta.
    Result& result() {
        if (error_) {
            throw *error_;
        }
        if (!result_) {
            detail::invalid_argument("Event::result() of an event without a result (a delta)");
        }
        return *result_;
    }
    /// A failed done event's failure; throws Error if it did not fail.
    const Error& error() const {
        if (!error_) {
            detail::invalid_argument("Event::error() of an event that did not fail");
        }
        return *error_;
    }

private:
    friend class Multi;

    explicit Event(const ocr_event& native)
        : kind_(static_cast<EventKind>(native.kind)), tag_(native.tag), status_(native.status) {
        if (native.result != nullptr) {
            result_.emplace(native.result);  // owned from here on, even if what follows throws
        }
        if (native.delta != nullptr) {
            delta_.assign(native.delta, native.delta_len);
        }
        if (native.status != OCR_OK) {
            error_.emplace(native.error != nullptr ? Error(*native.error)
                                                   : Error(native.status, ocr_status_string(native.status)));
        }
    }

    EventKind kind_;
    std::uint64_t tag_;
    ocr_status status_;
    std::string delta_;
    std::optional<Result> result_;
    std::optional<Error> error_;
};

/// Many requests in flight from one thread: add() queues requests, at most max_in_flight run at once on the
/// library's own I/O, wait() returns their events on the calling thread (no callback ever runs on a library
/// thread). Every added item ends with exactly one done event. add(), cancel() and pending() are safe from any
/// thread; wait() from one thread at a time. The Client must outlive the Multi. Move-only; the destructor cancels
/// what is pending and waits for the requests in flight to stop.
class Multi {
public:
    /// max_in_flight: 0 for the library's default (16), at most 1024.
    explicit Multi(const Client& client, std::int32_t max_in_flight = 0) {
        ocr_multi* raw = nullptr;
        detail::check(ocr_multi_new(client.native_handle(), max_in_flight, &raw));
        multi_.reset(raw);
    }

    /// Queues a request (copied whole: it need not outlive the call). A request that cannot start (a missing
    /// file, a bad field) does not throw here: its done event carries the failure. stream: deliver the text as
    /// delta events before the done event.
    void add(const Request& request, std::uint64_t tag, bool stream = false) {
        const ocr_request native = request.to_native();
        detail::check(ocr_multi_add(handle(), &native, stream ? OCR_MULTI_STREAM : 0u, tag));
    }

    /// The next event, waiting up to timeout (unset: no limit; zero: only look). Empty when none came in time,
    /// or when no item is pending (pending() tells which); so `while (auto event = multi.wait())` reads every
    /// event of what was added.
    std::optional<Event> wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
        std::int32_t milliseconds = -1;
        if (timeout) {
            const auto count = timeout->count();
            milliseconds = count <= 0 ? 0
                           : count >= std::numeric_limits<std::int32_t>::max()
                               ? std::numeric_limits<std::int32_t>::max()
                               : static_cast<std::int32_t>(count);
        }
        ocr_event native{};
        const ocr_status status = ocr_multi_wait(handle(), milliseconds, &native);
        if (status == OCR_E_TIMEOUT || (status == OCR_E_INVALID_ARGUMENT && pending() == 0)) {
            return std::nullopt;
        }
        detail::check(status);
        return Event(native);
    }

    /// Items added whose done event has not been returned by wait() yet.
    std::size_t pending() const {
        std::size_t count = 0;
        detail::check(ocr_multi_pending(handle(), &count));
        return count;
    }

    /// Cancels every pending item: each still ends with a done event (OCR_E_CANCELLED unless it had ended).
    /// Items added later run normally. A no-op on a moved-from Multi.
    void cancel() const noexcept { ocr_multi_cancel(multi_.get()); }

    ocr_multi* native_handle() const noexcept { return multi_.get(); }

private:
    struct Deleter {
        void operator()(ocr_multi* multi) const noexcept { ocr_multi_free(multi); }
    };

    ocr_multi* handle() const {
        if (!multi_) {
            detail::invalid_argument("Multi used after it was moved from");
        }
        return multi_.get();
    }

    std::unique_ptr<ocr_multi, Deleter> multi_;
};

// ==== end of the Multi section ===========================================================================

// ==== Documents (ocr_document, since 1.2) =================================================================
// The pages of a PDF, rendered by Poppler in the library and recognised several at once:
//     auto request = deepseek_ocr::DocumentRequest::from_path("report.pdf").mode(Mode::markdown).crop_figures(true);
//     auto document = deepseek_ocr::document(client, request, [](std::size_t done, std::size_t total) {
//         std::cerr << done << '/' << total << '\n';
//     });
//     std::cout << document.markdown;  // pages joined by "\n<--- Page Split --->\n"
// Everything is copied out of the library's ocr_document_result, which is freed before document() returns.

/// A figure cropped from a page: the first box of an "image" region, as a PNG file.
struct Figure {
    /// The index of the region in Page::regions.
    std::size_t region = 0;
    /// NAME_PAGE_N.png, linked from the page's markdown as images/NAME_PAGE_N.png.
    std::string file_name;
    std::vector<std::uint8_t> png;
};

/// One page of a document: its number in the PDF and its own outcome.
struct Page {
    /// 1-based, in the PDF.
    std::int32_t number = 0;
    /// OCR_OK, or why this page failed (the other pages are not affected).
    ocr_status status = OCR_OK;
    /// The failure's message; empty on OCR_OK.
    std::string error;
    /// The answer as the server sent it, and without grounding tags (figures linked as images/NAME_PAGE_N.png);
    /// empty when the page failed.
    std::string text;
    std::string markdown;
    std::vector<Region> regions;
    /// The rendered page, which the pixel boxes refer to; unset when the page was not rendered.
    std::optional<ImageSize> size;
    std::vector<Figure> figures;

    bool ok() const noexcept { return status == OCR_OK; }
};

/// A recognised document.
struct Document {
    /// The pages' markdown joined by "\n<--- Page Split --->\n" (empty for a failed page).
    std::string markdown;
    /// The pages' text as the server sent it, joined the same way.
    std::string raw_text;
    /// In the order asked for.
    std::vector<Page> pages;
    std::size_t failed_count = 0;
    /// How many pages the PDF has.
    std::int32_t pdf_page_count = 0;
};

/// A PDF (exactly one source: the factories), how to render it, and what every page is sent with, chained:
///     DocumentRequest::from_path("a.pdf").pages({3, 1}).concurrency(2).mode(Mode::markdown)
class DocumentRequest {
public:
    /// A PDF file, read by the library.
    static DocumentRequest from_path(const std::filesystem::path& path) { return DocumentRequest(path.string(), {}); }

    /// PDF bytes, owned by the request.
    static DocumentRequest from_bytes(std::vector<std::uint8_t> bytes) { return DocumentRequest({}, std::move(bytes)); }

    /// 36 to 600; unset: 144, as the official pipeline.
    DocumentRequest& dpi(std::int32_t value) & { return set(dpi_, value); }
    DocumentRequest&& dpi(std::int32_t value) && { return std::move(dpi(value)); }

    /// The 1-based page numbers to recognise, returned in this order; unset: every page.
    DocumentRequest& pages(std::vector<std::int32_t> value) & { return set(pages_, std::move(value)); }
    DocumentRequest&& pages(std::vector<std::int32_t> value) && { return std::move(pages(std::move(value))); }

    /// Pages in flight at once, 1 to 64; unset: 4.
    DocumentRequest& concurrency(std::int32_t value) & { return set(concurrency_, value); }
    DocumentRequest&& concurrency(std::int32_t value) && { return std::move(concurrency(value)); }

    /// Crop each page's image regions into Page::figures as PNG.
    DocumentRequest& crop_figures(bool value) & { return set(crop_figures_, value); }
    DocumentRequest&& crop_figures(bool value) && { return std::move(crop_figures(value)); }

    /// Figures are NAME_PAGE_N.png; unset: the file's name less its extension, or "document".
    DocumentRequest& name(std::string value) & { return set(name_, std::move(value)); }
    DocumentRequest&& name(std::string value) && { return std::move(name(std::move(value))); }

    /// As Request::mode, prompt, locate_text, max_tokens, temperature, top_p and extra_body_json, for every page.
    DocumentRequest& mode(Mode value) & { return set(mode_, value); }
    DocumentRequest&& mode(Mode value) && { return std::move(mode(value)); }
    DocumentRequest& prompt(std::string value) & { return set(prompt_, std::move(value)); }
    DocumentRequest&& prompt(std::string value) && { return std::move(prompt(std::move(value))); }
    DocumentRequest& locate_text(std::string value) & { return set(locate_text_, std::move(value)); }
    DocumentRequest&& locate_text(std::string value) && { return std::move(locate_text(std::move(value))); }
    DocumentRequest& max_tokens(std::int32_t value) & { return set(max_tokens_, value); }
    DocumentRequest&& max_tokens(std::int32_t value) && { return std::move(max_tokens(value)); }
    DocumentRequest& temperature(double value) & { return set(temperature_, value); }
    DocumentRequest&& temperature(double value) && { return std::move(temperature(value)); }
    DocumentRequest& top_p(double value) & { return set(top_p_, value); }
    DocumentRequest&& top_p(double value) && { return std::move(top_p(value)); }
    DocumentRequest& extra_body_json(std::string value) & { return set(extra_body_json_, std::move(value)); }
    DocumentRequest&& extra_body_json(std::string value) && { return std::move(extra_body_json(std::move(value))); }

    /// Cancelling token (from any thread) ends the call with OCR_E_CANCELLED.
    DocumentRequest& cancel_token(CancelToken token) & { return set(cancel_token_, std::move(token)); }
    DocumentRequest&& cancel_token(CancelToken token) && { return std::move(cancel_token(std::move(token))); }

private:
    template <class OnProgress>
    friend Document document(const Client& client, const DocumentRequest& request, OnProgress&& on_progress);

    DocumentRequest(std::string path, std::vector<std::uint8_t> bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {}

    /// The C request every page is sent with, pointing into this object.
    ocr_request request_to_native() const {
        ocr_request native{};
        ocr_request_init(&native);
        native.prompt = detail::c_str(prompt_, "DocumentRequest prompt");
        native.mode = mode_ ? static_cast<int32_t>(*mode_) : OCR_MODE_FREE;
        native.locate_text = detail::c_str(locate_text_, "DocumentRequest locate_text");
        native.max_tokens = max_tokens_ ? detail::positive_int32(*max_tokens_, "DocumentRequest max_tokens") : 0;
        if (temperature_) {
            native.temperature = *temperature_;
        }
        if (top_p_) {
            native.top_p = *top_p_;
        }
        native.extra_body_json = detail::c_str(extra_body_json_, "DocumentRequest extra_body_json");
        native.cancel = cancel_token_ ? cancel_token_->native_handle() : nullptr;
        return native;
    }

    /// The C options, pointing into this object; the progress callback is the caller's to set.
    ocr_document_options options_to_native() const {
        ocr_document_options native{};
        ocr_document_options_init(&native);
        if (bytes_.empty()) {
            native.pdf_path = detail::c_str(path_, "DocumentRequest path");
        } else {
            native.pdf_data = bytes_.data();
            native.pdf_size = bytes_.size();
        }
        native.dpi = dpi_.value_or(0);
        if (pages_) {
            native.pages = pages_->data();
            native.page_count = pages_->size();
            if (pages_->empty()) {
                detail::invalid_argument("DocumentRequest pages is empty (leave it unset for every page)");
            }
        }
        native.concurrency = concurrency_.value_or(0);
        native.crop_figures = crop_figures_.value_or(false) ? 1 : 0;
        native.name = detail::c_str(name_, "DocumentRequest name");
        return native;
    }

    template <class T, class V>
    DocumentRequest& set(std::optional<T>& field, V&& value) {
        field = std::forward<V>(value);
        return *this;
    }

    std::string path_;
    std::vector<std::uint8_t> bytes_;
    std::optional<std::int32_t> dpi_;
    std::optional<std::vector<std::int32_t>> pages_;
    std::optional<std::int32_t> concurrency_;
    std::optional<bool> crop_figures_;
    std::optional<std::string> name_;
    std::optional<Mode> mode_;
    std::optional<std::string> prompt_;
    std::optional<std::string> locate_text_;
    std::optional<std::int32_t> max_tokens_;
    std::optional<double> temperature_;
    std::optional<double> top_p_;
    std::optional<std::string> extra_body_json_;
    std::optional<CancelToken> cancel_token_;
};

namespace detail {

struct DocumentDeleter {
    void operator()(ocr_document_result* document) const noexcept { ocr_document_result_free(document); }
};

inline Document copy_document(const ocr_document_result& native) {
    Document document;
    document.markdown = native.markdown;
    document.raw_text = native.raw_text;
    document.failed_count = native.failed_count;
    document.pdf_page_count = native.pdf_page_count;
    document.pages.reserve(native.page_count);
    for (std::size_t p = 0; p < native.page_count; ++p) {
        const ocr_page& source = native.pages[p];
        Page page;
        page.number = source.number;
        page.status = source.status;
        page.error = source.error;
        if (source.result != nullptr) {
            page.text.assign(source.result->text, source.result->text_len);
            page.markdown = source.result->markdown;
            page.regions = regions_of(*source.result);
        }
        if (source.width > 0 && source.height > 0) {
            page.size = ImageSize{source.width, source.height};
        }
        for (std::size_t f = 0; f < source.figure_count; ++f) {
            const ocr_figure& figure = source.figures[f];
            page.figures.push_back({figure.region, figure.file_name, {figure.png, figure.png + figure.png_size}});
        }
        document.pages.push_back(std::move(page));
    }
    return document;
}

/// Exceptions must not unwind through the library's C frames: the trampoline keeps one and stops the document.
template <class Callable>
struct ProgressContext {
    Callable& callback;
    std::exception_ptr failure;

    static int on_progress(std::size_t done, std::size_t total, void* user_data) noexcept {
        auto& self = *static_cast<ProgressContext*>(user_data);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<Callable&, std::size_t, std::size_t>>) {
                std::invoke(self.callback, done, total);
                return 0;
            } else {
                return static_cast<bool>(std::invoke(self.callback, done, total)) ? 0 : 1;
            }
        } catch (...) {
            self.failure = std::current_exception();
            return 1;
        }
    }
};

}  // namespace detail

/// Recognise the pages of a PDF, calling on_progress(done, total) on this thread as each page ends. on_progress
/// returns void (go on) or something convertible to bool (true: go on; false: stop, and the call throws Error with
/// OCR_E_CANCELLED); if it throws, the call stops and rethrows that exception. A page that fails keeps its status in
/// Page::status; the call throws Error only when the PDF cannot be opened, a page number is out of range, Poppler is
/// missing (OCR_E_UNAVAILABLE) or it is cancelled.
template <class OnProgress>
[[nodiscard]] Document document(const Client& client, const DocumentRequest& request, OnProgress&& on_progress) {
    using Callable = std::remove_reference_t<OnProgress>;
    static_assert(std::is_invocable_v<Callable&, std::size_t, std::size_t>,
                  "on_progress must be callable with (std::size_t done, std::size_t total)");
    const ocr_request native_request = request.request_to_native();
    ocr_document_options options = request.options_to_native();
    detail::ProgressContext<Callable> context{on_progress, nullptr};
    options.progress = &detail::ProgressContext<Callable>::on_progress;
    options.progress_user_data = &context;
    ocr_document_result* raw = nullptr;
    const ocr_status status = ::ocr_document(client.native_handle(), &native_request, &options, &raw);
    const std::unique_ptr<ocr_document_result, detail::DocumentDeleter> owned(raw);
    if (context.failure) {
        std::rethrow_exception(context.failure);
    }
    detail::check(status);
    return detail::copy_document(*owned);
}

/// Recognise the pages of a PDF without progress reports.
[[nodiscard]] inline Document document(const Client& client, const DocumentRequest& request) {
    return document(client, request, [](std::size_t, std::size_t) {});
}

// ==== end of the Documents section =======================================================================

}  // namespace deepseek_ocr

#endif  // DEEPSEEK_OCR_HPP
