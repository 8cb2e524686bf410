# find_package(DeepSeekOcr) -> the imported target DeepSeekOcr::deepseek_ocr.
# Relocatable: the prefix is found from where this file lies (PREFIX/lib/cmake/DeepSeekOcr).
get_filename_component(_deepseek_ocr_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET DeepSeekOcr::deepseek_ocr)
  add_library(DeepSeekOcr::deepseek_ocr SHARED IMPORTED)
  set_target_properties(DeepSeekOcr::deepseek_ocr PROPERTIES
    IMPORTED_LOCATION "${_deepseek_ocr_prefix}/lib/libdeepseek_ocr.so"
    IMPORTED_SONAME "libdeepseek_ocr.so.1"
    INTERFACE_INCLUDE_DIRECTORIES "${_deepseek_ocr_prefix}/include")
endif()

set(DeepSeekOcr_INCLUDE_DIRS "${_deepseek_ocr_prefix}/include")
set(DeepSeekOcr_LIBRARIES DeepSeekOcr::deepseek_ocr)
unset(_deepseek_ocr_prefix)
