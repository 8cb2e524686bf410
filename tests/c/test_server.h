/*
 * The C and C++ tests' side of the scripted test server (tests/server/scripted_server.py, README.md beside it):
 * test_server_start() starts it as a child process, and the other functions ask it over its control API.
 * The first path segment picks the scenario: a client with base_url http://127.0.0.1:PORT/sse sends its request to
 * /sse/v1/chat/completions and gets the "sse" scenario of tests/server/scenarios.json.
 * The server lives as long as this process (and any child it forks): it exits when its standard input closes.
 */
#ifndef TEST_SERVER_H
#define TEST_SERVER_H

#ifdef __cplusplus
extern "C" {
#endif

/* Starts the server (once per process; later calls return the same port). Aborts the program on failure. */
int test_server_start(void);

/* Defines (or replaces) a scenario from its JSON text; aborts if the server refuses it. */
void test_server_define(const char *name, const char *scenario_json);

/* Requests received so far: of every scenario (test_server_requests) or of one (test_server_count). */
int test_server_requests(void);
int test_server_count(const char *scenario);

/* The most requests of a scenario the server held at once, each counted until the first byte of its answer. */
int test_server_most_at_once(const char *scenario);

/* One field ("body", "head", "path" or "method") of a scenario's request (NULL: of every scenario); index counts
 * from 0, or from the end when negative. Returns a malloc'ed, NUL-terminated copy to free(), or NULL. */
char *test_server_request(const char *scenario, int index, const char *field);

/* The body and the head (request line and headers) of the last request received ("" before any). The text stays
 * valid until the next call of the same function. */
const char *test_server_last_body(void);
const char *test_server_last_headers(void);

/* Lets one held answer (a scenario's hold step "until": "release", as in "hold" and "stall") go on. */
void test_server_release(void);

/* The smallest valid PNG: 1x1, one gray pixel. */
#define TINY_PNG_SIZE 67
extern const unsigned char tiny_png[TINY_PNG_SIZE];

#ifdef __cplusplus
}
#endif

#endif
