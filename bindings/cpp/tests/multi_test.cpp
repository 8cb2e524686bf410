// Multi against a real HTTP server: every item's done event once, failures in their own slot, deltas, cancel.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "support/canned.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

namespace {

using deepseek_ocr::Client;
using deepseek_ocr::EventKind;
using deepseek_ocr::Multi;
using deepseek_ocr::Request;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::tiny_png;

// Answers after a short delay; the server counts the requests it holds at once.
ScriptedServer counting_server() {
    return ScriptedServer(R"({"delay_ms": 20, "then": {
        "when_stream": {"stream": [{"delta": "Hel"}, {"delta": "lo"}, {"done": true}]},
        "otherwise": {"completion": "Hello"}}})");
}

TEST(Multi, EveryItemEndsOnceWithinTheBound) {
    const auto counting = counting_server();
    const Client client(options_for(counting));
    Multi multi(client, 4);
    for (std::uint64_t tag = 0; tag < 40; ++tag) {
        multi.add(Request::from_bytes(tiny_png()), tag);
    }
    EXPECT_EQ(multi.pending(), 40u);

    std::map<std::uint64_t, int> done;
    while (auto event = multi.wait()) {
        ASSERT_EQ(event->kind(), EventKind::done);
        EXPECT_EQ(event->result().text(), "Hello");
        ++done[event->tag()];
    }
    EXPECT_EQ(done.size(), 40u);
    for (const auto& [tag, count] : done) {
        EXPECT_EQ(count, 1) << "tag " << tag;
    }
    EXPECT_EQ(multi.pending(), 0u);
    EXPECT_LE(counting.most_at_once(), 4);
}

TEST(Multi, AMissingFileFailsInItsOwnSlot) {
    const auto counting = counting_server();
    const Client client(options_for(counting));
    Multi multi(client);
    multi.add(Request::from_bytes(tiny_png()), 1);
    multi.add(Request::from_path("/nonexistent/deepseek_ocr_cpp/missing.png"), 2);
    int succeeded = 0;
    while (auto event = multi.wait()) {
        if (event->tag() == 2) {
            ASSERT_TRUE(event->failed());
            EXPECT_EQ(event->error().status(), OCR_E_IO);
            EXPECT_NE(std::string(event->error().what()).find("missing.png"), std::string::npos);
            EXPECT_THROW(event->result(), deepseek_ocr::Error);
        } else {
            succeeded += event->result().text() == "Hello";
        }
    }
    EXPECT_EQ(succeeded, 1);
}

TEST(Multi, StreamingItemsGiveDeltasThenDone) {
    const auto counting = counting_server();
    const Client client(options_for(counting));
    Multi multi(client, 2);
    for (std::uint64_t tag = 0; tag < 3; ++tag) {
        multi.add(Request::from_bytes(tiny_png()), tag, /*stream=*/true);
    }
    std::map<std::uint64_t, std::string> joined;
    int done = 0;
    while (auto event = multi.wait()) {
        if (event->kind() == EventKind::delta) {
            joined[event->tag()] += event->delta();
        } else {
            EXPECT_EQ(event->result().text(), "Hello");
            EXPECT_EQ(joined[event->tag()], "Hello");
            ++done;
        }
    }
    EXPECT_EQ(done, 3);
}

TEST(Multi, CancelEndsEveryPendingItemAndTheDestructorDoesNotWaitForTheServer) {
    const ScriptedServer silent(R"({"steps": [{"hold": {"until": "close", "limit_ms": 10000}}]})");
    const Client client(options_for(silent));
    const auto start = std::chrono::steady_clock::now();
    {
        Multi multi(client, 2);
        for (std::uint64_t tag = 0; tag < 5; ++tag) {
            multi.add(Request::from_bytes(tiny_png()), tag);
        }
        EXPECT_FALSE(multi.wait(std::chrono::milliseconds(0)).has_value());  // none yet
        EXPECT_EQ(multi.pending(), 5u);
        multi.cancel();
        int cancelled = 0;
        while (auto event = multi.wait(std::chrono::seconds(5))) {
            cancelled += event->status() == OCR_E_CANCELLED;
        }
        EXPECT_EQ(cancelled, 5);

        multi.add(Request::from_bytes(tiny_png()), 99);  // left in flight for the destructor
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
}

TEST(Multi, MovedFromMultiThrows) {
    const auto counting = counting_server();
    const Client client(options_for(counting));
    Multi multi(client);
    Multi other(std::move(multi));
    EXPECT_THROW(multi.add(Request::from_bytes(tiny_png()), 1), deepseek_ocr::Error);  // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(other.pending(), 0u);
    EXPECT_THROW(Multi(client, 5000), deepseek_ocr::Error);
}

}  // namespace
