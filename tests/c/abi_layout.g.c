/* Generated from native/include/deepseek_ocr.h by tools/DeepSeekOcr.AbiGen (build.sh runs it): do not edit. */
/* Each number of native/abi/layout.json, which the C#, Python and C++ copies are tested against, checked against
 * what this compiler makes of the header: a wrong number fails the build of the C tests. */
#include <deepseek_ocr.h>

#include <stddef.h>

_Static_assert(sizeof(ocr_client_options) == 64, "sizeof(ocr_client_options) is not 64 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_client_options) == 8, "_Alignof(ocr_client_options) is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, struct_size) == 0, "offsetof(ocr_client_options, struct_size) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->struct_size) == 4, "the size of ocr_client_options.struct_size is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, base_url) == 8, "offsetof(ocr_client_options, base_url) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->base_url) == 8, "the size of ocr_client_options.base_url is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, api_key) == 16, "offsetof(ocr_client_options, api_key) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->api_key) == 8, "the size of ocr_client_options.api_key is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, model) == 24, "offsetof(ocr_client_options, model) is not 24 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->model) == 8, "the size of ocr_client_options.model is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, timeout_ms) == 32, "offsetof(ocr_client_options, timeout_ms) is not 32 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->timeout_ms) == 4, "the size of ocr_client_options.timeout_ms is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, connect_timeout_ms) == 36, "offsetof(ocr_client_options, connect_timeout_ms) is not 36 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->connect_timeout_ms) == 4, "the size of ocr_client_options.connect_timeout_ms is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, idle_timeout_ms) == 40, "offsetof(ocr_client_options, idle_timeout_ms) is not 40 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->idle_timeout_ms) == 4, "the size of ocr_client_options.idle_timeout_ms is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, max_retries) == 44, "offsetof(ocr_client_options, max_retries) is not 44 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->max_retries) == 4, "the size of ocr_client_options.max_retries is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, allow_insecure_http) == 48, "offsetof(ocr_client_options, allow_insecure_http) is not 48 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->allow_insecure_http) == 4, "the size of ocr_client_options.allow_insecure_http is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_client_options, max_image_bytes) == 56, "offsetof(ocr_client_options, max_image_bytes) is not 56 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_client_options *)0)->max_image_bytes) == 8, "the size of ocr_client_options.max_image_bytes is not 8 as in native/abi/layout.json");

_Static_assert(sizeof(ocr_request) == 128, "sizeof(ocr_request) is not 128 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_request) == 8, "_Alignof(ocr_request) is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, struct_size) == 0, "offsetof(ocr_request, struct_size) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->struct_size) == 4, "the size of ocr_request.struct_size is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, image_path) == 8, "offsetof(ocr_request, image_path) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->image_path) == 8, "the size of ocr_request.image_path is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, image_data) == 16, "offsetof(ocr_request, image_data) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->image_data) == 8, "the size of ocr_request.image_data is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, image_size) == 24, "offsetof(ocr_request, image_size) is not 24 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->image_size) == 8, "the size of ocr_request.image_size is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, image_url) == 32, "offsetof(ocr_request, image_url) is not 32 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->image_url) == 8, "the size of ocr_request.image_url is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, prompt) == 40, "offsetof(ocr_request, prompt) is not 40 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->prompt) == 8, "the size of ocr_request.prompt is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, max_tokens) == 48, "offsetof(ocr_request, max_tokens) is not 48 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->max_tokens) == 4, "the size of ocr_request.max_tokens is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, temperature) == 56, "offsetof(ocr_request, temperature) is not 56 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->temperature) == 8, "the size of ocr_request.temperature is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, top_p) == 64, "offsetof(ocr_request, top_p) is not 64 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->top_p) == 8, "the size of ocr_request.top_p is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, response_format_json) == 72, "offsetof(ocr_request, response_format_json) is not 72 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->response_format_json) == 8, "the size of ocr_request.response_format_json is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, tools_json) == 80, "offsetof(ocr_request, tools_json) is not 80 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->tools_json) == 8, "the size of ocr_request.tools_json is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, extra_body_json) == 88, "offsetof(ocr_request, extra_body_json) is not 88 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->extra_body_json) == 8, "the size of ocr_request.extra_body_json is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, cancel) == 96, "offsetof(ocr_request, cancel) is not 96 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->cancel) == 8, "the size of ocr_request.cancel is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, mode) == 104, "offsetof(ocr_request, mode) is not 104 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->mode) == 4, "the size of ocr_request.mode is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, locate_text) == 112, "offsetof(ocr_request, locate_text) is not 112 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->locate_text) == 8, "the size of ocr_request.locate_text is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, image_width) == 120, "offsetof(ocr_request, image_width) is not 120 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->image_width) == 4, "the size of ocr_request.image_width is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_request, image_height) == 124, "offsetof(ocr_request, image_height) is not 124 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_request *)0)->image_height) == 4, "the size of ocr_request.image_height is not 4 as in native/abi/layout.json");

_Static_assert(sizeof(ocr_usage) == 24, "sizeof(ocr_usage) is not 24 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_usage) == 8, "_Alignof(ocr_usage) is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_usage, prompt_tokens) == 0, "offsetof(ocr_usage, prompt_tokens) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_usage *)0)->prompt_tokens) == 8, "the size of ocr_usage.prompt_tokens is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_usage, completion_tokens) == 8, "offsetof(ocr_usage, completion_tokens) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_usage *)0)->completion_tokens) == 8, "the size of ocr_usage.completion_tokens is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_usage, total_tokens) == 16, "offsetof(ocr_usage, total_tokens) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_usage *)0)->total_tokens) == 8, "the size of ocr_usage.total_tokens is not 8 as in native/abi/layout.json");

_Static_assert(sizeof(ocr_box) == 32, "sizeof(ocr_box) is not 32 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_box) == 4, "_Alignof(ocr_box) is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, x1) == 0, "offsetof(ocr_box, x1) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->x1) == 4, "the size of ocr_box.x1 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, y1) == 4, "offsetof(ocr_box, y1) is not 4 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->y1) == 4, "the size of ocr_box.y1 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, x2) == 8, "offsetof(ocr_box, x2) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->x2) == 4, "the size of ocr_box.x2 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, y2) == 12, "offsetof(ocr_box, y2) is not 12 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->y2) == 4, "the size of ocr_box.y2 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, norm_x1) == 16, "offsetof(ocr_box, norm_x1) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->norm_x1) == 4, "the size of ocr_box.norm_x1 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, norm_y1) == 20, "offsetof(ocr_box, norm_y1) is not 20 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->norm_y1) == 4, "the size of ocr_box.norm_y1 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, norm_x2) == 24, "offsetof(ocr_box, norm_x2) is not 24 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->norm_x2) == 4, "the size of ocr_box.norm_x2 is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_box, norm_y2) == 28, "offsetof(ocr_box, norm_y2) is not 28 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_box *)0)->norm_y2) == 4, "the size of ocr_box.norm_y2 is not 4 as in native/abi/layout.json");

_Static_assert(sizeof(ocr_region) == 32, "sizeof(ocr_region) is not 32 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_region) == 8, "_Alignof(ocr_region) is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_region, label) == 0, "offsetof(ocr_region, label) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_region *)0)->label) == 8, "the size of ocr_region.label is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_region, text) == 8, "offsetof(ocr_region, text) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_region *)0)->text) == 8, "the size of ocr_region.text is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_region, box_count) == 16, "offsetof(ocr_region, box_count) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_region *)0)->box_count) == 8, "the size of ocr_region.box_count is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_region, boxes) == 24, "offsetof(ocr_region, boxes) is not 24 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_region *)0)->boxes) == 8, "the size of ocr_region.boxes is not 8 as in native/abi/layout.json");

_Static_assert(sizeof(ocr_result) == 112, "sizeof(ocr_result) is not 112 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_result) == 8, "_Alignof(ocr_result) is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, text) == 0, "offsetof(ocr_result, text) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->text) == 8, "the size of ocr_result.text is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, text_len) == 8, "offsetof(ocr_result, text_len) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->text_len) == 8, "the size of ocr_result.text_len is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, finish_reason) == 16, "offsetof(ocr_result, finish_reason) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->finish_reason) == 8, "the size of ocr_result.finish_reason is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, id) == 24, "offsetof(ocr_result, id) is not 24 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->id) == 8, "the size of ocr_result.id is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, model) == 32, "offsetof(ocr_result, model) is not 32 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->model) == 8, "the size of ocr_result.model is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, created) == 40, "offsetof(ocr_result, created) is not 40 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->created) == 8, "the size of ocr_result.created is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, usage) == 48, "offsetof(ocr_result, usage) is not 48 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->usage) == 24, "the size of ocr_result.usage is not 24 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, http_status) == 72, "offsetof(ocr_result, http_status) is not 72 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->http_status) == 4, "the size of ocr_result.http_status is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, markdown) == 80, "offsetof(ocr_result, markdown) is not 80 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->markdown) == 8, "the size of ocr_result.markdown is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, region_count) == 88, "offsetof(ocr_result, region_count) is not 88 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->region_count) == 8, "the size of ocr_result.region_count is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, regions) == 96, "offsetof(ocr_result, regions) is not 96 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->regions) == 8, "the size of ocr_result.regions is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, image_width) == 104, "offsetof(ocr_result, image_width) is not 104 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->image_width) == 4, "the size of ocr_result.image_width is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_result, image_height) == 108, "offsetof(ocr_result, image_height) is not 108 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_result *)0)->image_height) == 4, "the size of ocr_result.image_height is not 4 as in native/abi/layout.json");

_Static_assert(sizeof(ocr_error_details) == 72, "sizeof(ocr_error_details) is not 72 as in native/abi/layout.json");
_Static_assert(_Alignof(ocr_error_details) == 8, "_Alignof(ocr_error_details) is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, struct_size) == 0, "offsetof(ocr_error_details, struct_size) is not 0 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->struct_size) == 4, "the size of ocr_error_details.struct_size is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, status) == 4, "offsetof(ocr_error_details, status) is not 4 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->status) == 4, "the size of ocr_error_details.status is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, http_status) == 8, "offsetof(ocr_error_details, http_status) is not 8 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->http_status) == 4, "the size of ocr_error_details.http_status is not 4 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, message) == 16, "offsetof(ocr_error_details, message) is not 16 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->message) == 8, "the size of ocr_error_details.message is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, error_type) == 24, "offsetof(ocr_error_details, error_type) is not 24 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->error_type) == 8, "the size of ocr_error_details.error_type is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, error_code) == 32, "offsetof(ocr_error_details, error_code) is not 32 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->error_code) == 8, "the size of ocr_error_details.error_code is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, error_param) == 40, "offsetof(ocr_error_details, error_param) is not 40 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->error_param) == 8, "the size of ocr_error_details.error_param is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, error_message) == 48, "offsetof(ocr_error_details, error_message) is not 48 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->error_message) == 8, "the size of ocr_error_details.error_message is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, request_id) == 56, "offsetof(ocr_error_details, request_id) is not 56 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->request_id) == 8, "the size of ocr_error_details.request_id is not 8 as in native/abi/layout.json");
_Static_assert(offsetof(ocr_error_details, retry_after_ms) == 64, "offsetof(ocr_error_details, retry_after_ms) is not 64 as in native/abi/layout.json");
_Static_assert(sizeof(((ocr_error_details *)0)->retry_after_ms) == 8, "the size of ocr_error_details.retry_after_ms is not 8 as in native/abi/layout.json");

int main(void) {
    return 0;
}
