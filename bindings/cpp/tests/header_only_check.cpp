// Compiles deepseek_ocr.hpp alone, under every warning the project enables: it must include what it uses.
#include <deepseek_ocr.hpp>
