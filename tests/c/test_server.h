/*
 * A small HTTP/1.1 server on 127.0.0.1 for the C ABI tests, run in a background thread of the test program.
 * The first path segment picks the scenario: a client with base_url http://127.0.0.1:PORT/sse sends its
 * request to /sse/v1/chat/completions and gets the "sse" answer (see test_server.c for the list).
 */
#ifndef TEST_SERVER_H
#define TEST_SERVER_H

/* Starts the server on a free port; returns the port. Aborts the program on failure. */
int test_server_start(void);

/* Requests received so far (all scenarios). */
int test_server_requests(void);

/* The most requests the "delay" scenario has held at once. */
int test_server_most_at_once(void);

/* The body of the last request received (NUL-terminated; "" before any). */
const char *test_server_last_body(void);

/* The headers of the last request received (NUL-terminated). */
const char *test_server_last_headers(void);

/* The smallest valid PNG: 1x1, one gray pixel. */
#define TINY_PNG_SIZE 67
extern const unsigned char tiny_png[TINY_PNG_SIZE];

/* Lets a held stream ("hold" scenario) send the rest of its answer. */
void test_server_release(void);

#endif
