// The header used from C++17: extern "C" linkage, no C-only constructs, and the ABI callable as declared.
#include <deepseek_ocr.h>

#include <cstring>
#include <type_traits>

static_assert(std::is_same<decltype(&ocr_image), ocr_status (*)(ocr_client *, const ocr_request *, ocr_result **)>::value,
              "ocr_image has the documented signature");
static_assert(OCR_OK == 0 && OCR_E_INTERNAL == 13, "status values are fixed");

int main()
{
    ocr_request req;
    ocr_request_init(&req);
    return std::strcmp(ocr_version(), OCR_VERSION) == 0 && req.struct_size == sizeof req ? 0 : 1;
}
