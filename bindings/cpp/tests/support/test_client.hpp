// Options for a client of a ScriptedServer: no retries (each test states how many requests it expects) and a
// timeout well under CTest's, so a library that never answers fails the test instead of hanging it.
#ifndef DEEPSEEK_OCR_TESTS_TEST_CLIENT_HPP
#define DEEPSEEK_OCR_TESTS_TEST_CLIENT_HPP

#include <deepseek_ocr.hpp>

#include <chrono>

#include "scripted_server.hpp"

namespace deepseek_ocr::testing {

inline constexpr const char* test_api_key = "sk-cpp-binding-secret-4711";

inline ClientOptions options_for(const ScriptedServer& server) {
    ClientOptions options;
    options.base_url = server.url();
    options.api_key = test_api_key;
    options.max_retries = 0;
    options.timeout = std::chrono::seconds(20);
    return options;
}

}  // namespace deepseek_ocr::testing

#endif  // DEEPSEEK_OCR_TESTS_TEST_CLIENT_HPP
