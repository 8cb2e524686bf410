// The Error a call throws, so a test states what it holds in plain expectations.
#ifndef DEEPSEEK_OCR_TESTS_ERROR_FROM_HPP
#define DEEPSEEK_OCR_TESTS_ERROR_FROM_HPP

#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <functional>

namespace deepseek_ocr::testing {

/// Runs call, which must throw Error, and returns that Error (a test failure, and an OCR_OK Error, if it does not).
inline Error error_from(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "no deepseek_ocr::Error was thrown";
    return Error(OCR_OK, "");
}

}  // namespace deepseek_ocr::testing

#endif  // DEEPSEEK_OCR_TESTS_ERROR_FROM_HPP
