// Ownership and sharing: move-only Client and Result, versions, many threads on one client.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "support/canned.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

namespace {

using deepseek_ocr::Client;
using deepseek_ocr::Error;
using deepseek_ocr::Request;
using deepseek_ocr::Result;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::tiny_png;

static_assert(!std::is_copy_constructible_v<Client> && !std::is_copy_assignable_v<Client>);
static_assert(std::is_nothrow_move_constructible_v<Client> && std::is_nothrow_move_assignable_v<Client>);
static_assert(!std::is_copy_constructible_v<Result> && std::is_nothrow_move_constructible_v<Result>);

/// Answers with the request's prompt, the "marker-N-M" each caller sends, so each caller can tell its own answer from
/// the others': whole, or streamed in two pieces when the request asks for a stream.
ScriptedServer echoing_marker() {
    return ScriptedServer(R"({"when_stream": {"stream": [{"delta": "${prompt}", "pieces": 2}, {"finish": "stop"},
        {"done": true}]}, "otherwise": {"completion": "${prompt}"}})");
}

TEST(Client, MovedTo_WorksAndMovedFrom_ThrowsAClearError) {
    const auto server = echoing_marker();
    Client original(options_for(server));

    const Client moved = std::move(original);

    EXPECT_EQ(moved.ocr(Request::from_bytes(tiny_png()).prompt("marker-1-1")).text(), "marker-1-1");
    try {
        (void)original.ocr(Request::from_bytes(tiny_png()));  // NOLINT(bugprone-use-after-move): the point
        FAIL() << "a moved-from client ran a request";
    } catch (const Error& error) {
        EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
        EXPECT_NE(std::string(error.what()).find("moved from"), std::string::npos) << error.what();
    }
    EXPECT_EQ(original.native_handle(), nullptr);  // NOLINT(bugprone-use-after-move)
}

TEST(Client, MoveAssigned_FreesItsOldClientAndTakesTheOther) {
    const auto first = echoing_marker();
    const auto second = echoing_marker();
    Client client(options_for(first));
    Client other(options_for(second));

    client = std::move(other);
    (void)client.ocr(Request::from_bytes(tiny_png()).prompt("marker-2-2"));

    EXPECT_EQ(first.request_count(), 0u);
    EXPECT_EQ(second.request_count(), 1u);
}

TEST(Client, MovedResult_KeepsItsTextAndMovedFromThrows) {
    const auto server = echoing_marker();
    const Client client(options_for(server));
    Result result = client.ocr(Request::from_bytes(tiny_png()).prompt("marker-3-3"));

    const Result kept = std::move(result);

    EXPECT_EQ(kept.text(), "marker-3-3");
    EXPECT_THROW((void)result.text(), Error);  // NOLINT(bugprone-use-after-move): the point
}

TEST(Client, ManyThreadsOnOneClient_EachGetsItsOwnAnswerWholeOrStreamed) {
    const auto server = echoing_marker();
    const Client client(options_for(server));
    constexpr int threads = 8;
    constexpr int requests_per_thread = 6;
    std::atomic<int> correct{0};
    std::vector<std::string> failures(threads);

    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int r = 0; r < requests_per_thread; ++r) {
                const std::string marker = "marker-" + std::to_string(t) + "-" + std::to_string(r);
                try {
                    std::string streamed = marker;  // what a whole answer is checked against
                    const auto request = Request::from_bytes(tiny_png()).prompt(marker);
                    const auto result = (r % 2 == 0) ? client.ocr(request) : [&] {
                        streamed.clear();
                        return client.stream(request, [&streamed](std::string_view delta) { streamed += delta; });
                    }();
                    if (result.text() == marker && streamed == marker) {
                        ++correct;
                    } else {
                        failures[static_cast<std::size_t>(t)] += "expected " + marker + ", got " +
                                                                 std::string(result.text()) + "; ";
                    }
                } catch (const std::exception& error) {
                    failures[static_cast<std::size_t>(t)] += marker + " threw " + error.what() + "; ";
                }
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }

    for (const auto& failure : failures) {
        EXPECT_EQ(failure, "");
    }
    EXPECT_EQ(correct.load(), threads * requests_per_thread);
    EXPECT_EQ(server.request_count(), static_cast<std::size_t>(threads * requests_per_thread));
}

TEST(Version, LibraryMatchesTheHeader) {
    EXPECT_EQ(deepseek_ocr::header_version(), OCR_VERSION);
    EXPECT_EQ(deepseek_ocr::version(), deepseek_ocr::header_version());
    EXPECT_TRUE(deepseek_ocr::library_is_compatible());
    EXPECT_NO_THROW(deepseek_ocr::check_version());
}

}  // namespace
