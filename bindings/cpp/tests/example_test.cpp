// The example program, run as a user would run it, against a loopback server.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "support/canned.hpp"
#include "support/scripted_server.hpp"

namespace {

using deepseek_ocr::testing::ScriptedServer;

struct Run {
    int exit_status;
    std::string output;  // stdout and stderr
};

/// Runs the example with the given environment assignments and arguments (already shell-quoted).
Run run_example(const std::string& environment, const std::string& arguments) {
    const std::string command =
        "env -u DEEPSEEK_OCR_API_KEY " + environment + " '" OCR_EXAMPLE_PATH "' " + arguments + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return {-1, "popen failed"};
    }
    Run run{-1, ""};
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        run.output.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

/// A whole answer, or two deltas when the request asks for a stream.
ScriptedServer answering() {
    return ScriptedServer(R"({"when_stream": {"stream": [{"delta": "Streamed "}, {"delta": "page text"}, {"done": true}]},
        "otherwise": {"completion": "Whole page text"}})");
}

TEST(Example, TwoImages_PrintsEachText) {
    const auto server = answering();
    const deepseek_ocr::testing::TempFile image(deepseek_ocr::testing::tiny_png());

    const auto run = run_example("DEEPSEEK_OCR_BASE_URL=" + server.url(), image.path() + " " + image.path());

    EXPECT_EQ(run.exit_status, 0) << run.output;
    EXPECT_EQ(run.output, "Whole page text\nWhole page text\n");
}

TEST(Example, StreamFlag_PrintsTheDeltas) {
    const auto server = answering();
    const deepseek_ocr::testing::TempFile image(deepseek_ocr::testing::tiny_png());

    const auto run = run_example("DEEPSEEK_OCR_BASE_URL=" + server.url(), "--stream " + image.path());

    EXPECT_EQ(run.exit_status, 0) << run.output;
    EXPECT_EQ(run.output, "Streamed page text\n");
}

TEST(Example, MissingImage_ExitsOneWithTheReason) {
    const auto server = answering();

    const auto run = run_example("DEEPSEEK_OCR_BASE_URL=" + server.url(), "/nonexistent/page-7.png");

    EXPECT_EQ(run.exit_status, 1);
    EXPECT_NE(run.output.find("page-7.png"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("OCR_E_IO"), std::string::npos) << run.output;
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Example, NoImage_PrintsUsageAndExitsTwo) {
    const auto run = run_example("", "");

    EXPECT_EQ(run.exit_status, 2);
    EXPECT_EQ(run.output.rfind("usage: ocr_example", 0), 0u) << run.output;
}

}  // namespace
