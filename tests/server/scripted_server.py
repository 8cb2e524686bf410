#!/usr/bin/env python3
"""The scripted test server: one loopback Chat Completions server for every test suite (C, C++, Python, C#).

What it answers is data, not code: a scenario is JSON (the shared ones live in scenarios.json beside this file; a
test can define its own at run time), and the first path segment of a request picks it, so a client whose base URL
is http://127.0.0.1:PORT/sse gets the "sse" scenario. A request to /v1/... (no scenario segment) gets "default".
README.md beside this file describes the scenario language and the control API.

Run standalone, it prints "port N" on its first line of output and serves until its standard input closes, so a test
program that dies takes its server with it. Imported, `ScriptedServer` runs it in a background thread of the test.
Raw sockets, not http.server: the tests need bytes a well-behaved server never sends (trickles, truncation, resets,
malformed events, CRLF lines).
"""

from __future__ import annotations

import argparse
import base64
import http
import json
import os
import select
import socket
import struct
import sys
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

MAX_REQUEST_BYTES = 256 * 1024 * 1024
READ_TIMEOUT_SECONDS = 30.0  # a client that stops sending mid-request never pins a thread for longer
DEFAULT_HOLD_LIMIT_MS = 20000  # a held answer never outlives a test by more than this
SCENARIOS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios.json")
CHUNK_DEFAULTS = {"id": "chatcmpl-t1", "created": 1700000000, "model": "deepseek-ocr"}
DEFAULT_USAGE = {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}

Scenario = Union[str, Dict[str, Any], Callable[["Exchange"], Any]]  # a callable returns None or a scenario


class Recorded:
    """One request as the server received it."""

    def __init__(self, method: str, path: str, head: str, headers: Dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.head = head  # the request line and headers as sent
        self.headers = headers  # lower-cased names
        self.raw_body = body
        self.number = 0  # the request's number within its scenario, from 1: set when the server records it
        try:
            self.body: Any = json.loads(body) if body else {}
        except ValueError:
            self.body = None

    @property
    def scenario(self) -> str:
        return scenario_of(self.path)

    @property
    def prompt(self) -> str:
        messages = (self.body or {}).get("messages") or [{}]
        content = messages[0].get("content", "")
        return content if isinstance(content, str) else ""

    @property
    def image_url(self) -> str:
        return self.body["messages"][-1]["content"][0]["image_url"]["url"]

    @property
    def image_bytes(self) -> bytes:
        return base64.b64decode(self.image_url.split(",", 1)[1])

    @property
    def bearer(self) -> str:
        value = self.headers.get("authorization", "")
        return value[len("Bearer "):] if value.startswith("Bearer ") else ""

    def to_json(self) -> Dict[str, Any]:
        return {"method": self.method, "path": self.path, "scenario": self.scenario, "head": self.head,
                "headers": self.headers, "body": self.raw_body.decode("utf-8", "replace")}


def scenario_of(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
    return "default" if first in ("", "v1") else first


class ClientGone(Exception):
    """The client closed or reset the connection while the server was answering."""


class Exchange:
    """One connection's request and the means to answer it, as a scenario's steps use them."""

    def __init__(self, server: "ScriptedServer", connection: socket.socket, request: Recorded) -> None:
        self.server = server
        self.connection = connection
        self.request = request
        self.started = False  # the first byte of the answer is out (the request is no longer counted in flight)

    def send(self, data: bytes) -> None:
        if not self.started:
            self.started = True
            self.server._leave(self.request.scenario)
        try:
            self.connection.sendall(data)
        except OSError as error:
            raise ClientGone() from error

    def head(self, status: int, headers: Dict[str, str], content_length: Optional[int] = None) -> None:
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = "Status"
        lines = [f"HTTP/1.1 {status} {reason}"] + [f"{name}: {value}" for name, value in headers.items()]
        if content_length is not None:
            lines.append(f"Content-Length: {content_length}")
        lines.append("Connection: close")
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode())

    def wait_for_close(self, limit_ms: int, release: bool) -> bool:
        """Sends nothing until a release (true; only with release) or the limit (false). A client that goes away
        meanwhile raises ClientGone."""
        self.server.holding.set()
        deadline = time.monotonic() + limit_ms / 1000
        while time.monotonic() < deadline:
            if release and self.server._take_release(self.request.scenario):
                return True
            readable, _, _ = select.select([self.connection], [], [], 0.02)
            if readable:
                try:
                    if self.connection.recv(1, socket.MSG_PEEK) == b"":
                        raise ClientGone()
                except OSError as error:
                    raise ClientGone() from error
        return False

    def reset(self) -> None:
        """Closes with RST instead of FIN: SO_LINGER with a zero timeout."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


def substitute(value: Any, request: Recorded) -> Any:
    """Fills ${prompt}, ${bearer} (the Authorization header's token) and ${n} (the request's number within its
    scenario, from 1) in every string of a reply from the request it answers."""
    if isinstance(value, str):
        return (value.replace("${prompt}", request.prompt).replace("${bearer}", request.bearer)
                .replace("${n}", str(request.number)))
    if isinstance(value, list):
        return [substitute(item, request) for item in value]
    if isinstance(value, dict):
        return {key: substitute(item, request) for key, item in value.items()}
    return value


def encode_json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


class Player:
    """Plays one reply (a dict of the scenario language) on an exchange."""

    def __init__(self, exchange: Exchange) -> None:
        self.exchange = exchange
        self.eol = b"\n"
        self.chunk_fields: Dict[str, Any] = dict(CHUNK_DEFAULTS)

    def reply(self, reply: Dict[str, Any]) -> None:
        exchange = self.exchange
        if "delay_ms" in reply:
            time.sleep(reply["delay_ms"] / 1000)
        headers = dict(reply.get("headers", {}))
        status = reply.get("status", 200)
        if "stream" in reply:
            self.eol = reply.get("eol", "\n").encode()
            self.chunk_fields.update(reply.get("chunk", {}))
            exchange.head(status, {"Content-Type": reply.get("content_type", "text/event-stream"),
                                   "Cache-Control": "no-cache", **headers})
            self.steps(reply["stream"])
        elif "json" in reply or "text" in reply or "base64" in reply:
            if "json" in reply:
                body, content_type = encode_json(reply["json"]), "application/json"
            elif "text" in reply:
                body, content_type = reply["text"].encode(), "text/plain"
            else:
                body, content_type = base64.b64decode(reply["base64"]), "application/octet-stream"
            exchange.head(status, {"Content-Type": reply.get("content_type", content_type), **headers}, len(body))
            exchange.send(body)
        elif "completion" in reply:
            completion = {"id": "chatcmpl-42", "object": "chat.completion", "created": 1700000042,
                          "model": "deepseek-ocr", "choices": [{"index": 0, "message": {
                              "role": "assistant", "content": reply["completion"]},
                              "finish_reason": reply.get("finish_reason", "stop")}]}
            completion.update(reply.get("fields", {}))
            if "usage" in reply:
                completion["usage"] = reply["usage"]
            body = encode_json(completion)
            exchange.head(status, {"Content-Type": "application/json", **headers}, len(body))
            exchange.send(body)
        else:
            self.steps(reply.get("steps", []))

    def steps(self, steps: List[Dict[str, Any]]) -> None:
        for step in steps:
            if self.step(step):
                return

    def event(self, data: Any) -> None:
        payload = data.encode() if isinstance(data, str) else encode_json(data)
        self.exchange.send(b"data: " + payload + self.eol + self.eol)

    def chunk(self, choices: List[Dict[str, Any]], **extra: Any) -> None:
        self.event({**{"id": self.chunk_fields["id"], "object": "chat.completion.chunk"},
                    **{k: v for k, v in self.chunk_fields.items() if k != "id"}, "choices": choices, **extra})

    def step(self, step: Dict[str, Any]) -> bool:
        """Plays one step; true when the answer ends here."""
        exchange = self.exchange
        if "pieces" in step:  # one text as that many deltas, cut by characters, so a client is seen joining them
            text, count = step["delta"], step["pieces"]
            cuts = [len(text) * i // count for i in range(count + 1)]
            self.steps([{"delta": text[start:end]} for start, end in zip(cuts, cuts[1:])])
        elif "delta" in step or "role" in step:
            delta = {key: step[key] for key in ("role", "delta") if key in step}
            if "delta" in delta:
                delta["content"] = delta.pop("delta")
            self.chunk([{"index": 0, "delta": delta, "finish_reason": None}])
        elif "finish" in step:
            self.chunk([{"index": 0, "delta": {}, "finish_reason": step["finish"]}])
        elif "usage" in step:
            self.chunk([], usage=step["usage"] or DEFAULT_USAGE)
        elif "done" in step:
            exchange.send(b"data: [DONE]" + self.eol + self.eol)
        elif "end" in step:
            self.steps([{"finish": step["end"]}, {"usage": step.get("end_usage")}, {"done": True}])
        elif "data" in step:
            self.event(step["data"])
        elif "raw" in step:
            exchange.send(step["raw"].encode() * step.get("times", 1))
        elif "base64" in step:
            exchange.send(base64.b64decode(step["base64"]))  # bytes a JSON string cannot carry (a split UTF-8 char)
        elif "sleep_ms" in step:
            time.sleep(step["sleep_ms"] / 1000)
        elif "repeat" in step:
            for _ in range(step["repeat"]):
                self.steps(step["steps"])
        elif "hold" in step:
            hold = step["hold"]
            until_release = hold.get("until", "close") == "release"
            ended = exchange.wait_for_close(hold.get("limit_ms", DEFAULT_HOLD_LIMIT_MS), until_release)
            self.steps(step.get("released" if ended else "late", []))
        elif "close" in step:
            if step["close"] == "reset":
                exchange.reset()
            return True
        else:
            raise ValueError(f"unknown step: {json.dumps(step)}")
        return False


class ScriptedServer:
    """The server; `with ScriptedServer() as server:` runs it in a background thread on a free loopback port."""

    def __init__(self, scenarios_file: Optional[str] = SCENARIOS_FILE, port: int = 0) -> None:
        self.scenarios: Dict[str, Scenario] = {}
        if scenarios_file:
            with open(scenarios_file, encoding="utf-8") as file:
                self.scenarios.update({k: v for k, v in json.load(file).items() if not k.startswith("//")})
        self.requests: List[Recorded] = []
        self.holding = threading.Event()  # a hold step has started
        self.disconnected = threading.Event()  # a client went away while the server was holding or writing
        self._lock = threading.Lock()
        self._queues: Dict[str, List[Scenario]] = {}
        # A cycle's next turn, by the cycle's identity; the cycle is held too, so that its id is never reused.
        self._turns: Dict[int, Tuple[Any, int]] = {}
        self._in_flight: Dict[str, int] = {}
        self._most_at_once: Dict[str, int] = {}
        self._received: Dict[str, int] = {}  # requests received, by scenario
        self._releases = 0
        self._scenario_releases: Dict[str, int] = {}
        self._gone: Dict[str, int] = {}
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", port))
        self._listener.listen(512)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopping = False
        self._thread = threading.Thread(target=self._accept_loop, name="scripted-server", daemon=True)

    # --- the tests' side -----------------------------------------------------------------------------------------

    def __enter__(self) -> "ScriptedServer":
        self.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()  # wakes accept()
        except OSError:
            pass
        self._thread.join(5)
        self._listener.close()

    def define(self, name: str, scenario: Scenario) -> None:
        """Defines (or replaces) a scenario; a callable answers from code, or returns the scenario to answer with, for
        the few tests whose answer is computed from the request."""
        with self._lock:
            self.scenarios[name] = scenario

    def queue(self, name: str, *replies: Scenario) -> None:
        """Queues replies for the next requests of a scenario, in order; after them the scenario answers."""
        with self._lock:
            self._queues.setdefault(name, []).extend(replies)

    def release(self, name: Optional[str] = None) -> None:
        """Lets one held answer (a hold step with "until": "release") go on; with a name, one of that scenario."""
        with self._lock:
            if name is None:
                self._releases += 1
            else:
                self._scenario_releases[name] = self._scenario_releases.get(name, 0) + 1

    def gone(self, name: str) -> int:
        """How many answers of a scenario the client cut short by closing or resetting the connection."""
        with self._lock:
            return self._gone.get(name, 0)

    def most_at_once(self, name: str) -> int:
        """The most requests of a scenario the server held at once, counted until the first byte of each answer."""
        with self._lock:
            return self._most_at_once.get(name, 0)

    def url_for(self, scenario: str) -> str:
        return f"{self.url}/{scenario}"

    # --- the server's side -----------------------------------------------------------------------------------------

    def _take_release(self, name: str) -> bool:
        with self._lock:
            if self._scenario_releases.get(name, 0) > 0:
                self._scenario_releases[name] -= 1
                return True
            if self._releases == 0:
                return False
            self._releases -= 1
            return True

    def _enter(self, name: str) -> None:
        with self._lock:
            self._in_flight[name] = self._in_flight.get(name, 0) + 1
            self._most_at_once[name] = max(self._most_at_once.get(name, 0), self._in_flight[name])

    def _leave(self, name: str) -> None:
        with self._lock:
            self._in_flight[name] -= 1

    def _accept_loop(self) -> None:
        while not self._stopping:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                continue
            if self._stopping:
                connection.close()
                break
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        try:
            connection.settimeout(READ_TIMEOUT_SECONDS)
            request = read_request(connection)
            if request is None:
                return
            connection.settimeout(None)
            if request.path.startswith("/_control/"):
                self._control(connection, request)
                return
            with self._lock:
                self.requests.append(request)
                request.number = self._received[request.scenario] = self._received.get(request.scenario, 0) + 1
            self._enter(request.scenario)
            exchange = Exchange(self, connection, request)
            try:
                self._answer(exchange, request.scenario, set())
            except ClientGone:
                with self._lock:
                    self._gone[request.scenario] = self._gone.get(request.scenario, 0) + 1
                self.disconnected.set()
            finally:
                if not exchange.started:
                    self._leave(request.scenario)
        except OSError:
            pass
        finally:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()

    def _resolve(self, name: str) -> Optional[Scenario]:
        with self._lock:
            queue = self._queues.get(name)
            if queue:
                return queue.pop(0)
            return self.scenarios.get(name)

    def _answer(self, exchange: Exchange, scenario: Scenario, seen: set) -> None:
        if isinstance(scenario, str):
            if scenario in seen:
                raise ValueError(f"scenario {scenario!r} refers to itself")
            seen.add(scenario)
            found = self._resolve(scenario)
            if found is None:
                body = encode_json({"error": {"message": f"no such scenario: {scenario}",
                                              "type": "invalid_request_error"}})
                exchange.head(404, {"Content-Type": "application/json"}, len(body))
                exchange.send(body)
                return
            self._answer(exchange, found, seen)
        elif callable(scenario):
            chosen = scenario(exchange)
            if chosen is not None:  # it answered from code, or computed which scenario answers
                self._answer(exchange, chosen, seen)
        elif "when_stream" in scenario:
            streaming = bool((exchange.request.body or {}).get("stream"))
            self._answer(exchange, scenario["when_stream"] if streaming else scenario["otherwise"], seen)
        elif "cycle" in scenario:
            with self._lock:
                _, turn = self._turns.get(id(scenario), (scenario, 0))
                self._turns[id(scenario)] = (scenario, turn + 1)
            self._answer(exchange, scenario["cycle"][turn % len(scenario["cycle"])], seen)
        elif "when_body_has" in scenario:
            body = exchange.request.raw_body.decode("utf-8", "replace")
            chosen = next((s for text, s in scenario["when_body_has"].items() if text in body), scenario["otherwise"])
            self._answer(exchange, chosen, seen)
        elif "then" in scenario and "delay_ms" in scenario:
            time.sleep(scenario["delay_ms"] / 1000)
            self._answer(exchange, scenario["then"], seen)
        else:
            Player(exchange).reply(substitute(scenario, exchange.request))

    def _control(self, connection: socket.socket, request: Recorded) -> None:
        """The control API (README.md): what the tests of other processes ask of the server."""
        path, _, query = request.path.partition("?")
        parts = path.split("/")[2:]
        arguments = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        name = arguments.get("scenario")
        status, answer = 200, {}  # type: Tuple[int, Any]
        try:
            with self._lock:
                chosen = [r for r in self.requests if name is None or r.scenario == name]
            if parts == ["requests"]:
                answer = [r.to_json() for r in chosen]
            elif parts == ["request"]:
                answer = chosen[int(arguments.get("index", "-1"))].to_json()[arguments.get("field", "body")]
            elif parts == ["count"]:
                answer = len(chosen)
            elif parts == ["most_at_once"]:
                answer = self.most_at_once(name or "default")
            elif len(parts) == 2 and parts[0] == "scenarios" and request.method == "PUT":
                self.define(parts[1], json.loads(request.raw_body))
            elif len(parts) == 2 and parts[0] == "queue" and request.method == "POST":
                self.queue(parts[1], *json.loads(request.raw_body))
            elif parts == ["release"] and request.method == "POST":
                self.release(name)
            elif parts == ["gone"]:
                answer = self.gone(name or "default")
            else:
                status, answer = 404, f"no such control request: {request.method} {request.path}"
        except (ValueError, IndexError, KeyError) as error:
            status, answer = 400, f"{type(error).__name__}: {error}"
        # A string goes out as itself, so a C test can read a body or a count without a JSON parser.
        body = answer.encode() if isinstance(answer, str) else encode_json(answer)
        kind = "text/plain; charset=utf-8" if isinstance(answer, str) else "application/json"
        connection.sendall(f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}\r\nContent-Type: {kind}\r\n"
                           f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)


def read_request(connection: socket.socket) -> Optional[Recorded]:
    """Reads one request: the head up to the blank line, then a Content-Length or chunked body."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(65536)
        if not piece or len(data) > MAX_REQUEST_BYTES:
            return None
        data += piece
    head_bytes, rest = data.split(b"\r\n\r\n", 1)
    head = head_bytes.decode("latin-1")
    request_line, *header_lines = head.split("\r\n")
    method, path = (request_line.split(" ") + ["", ""])[:2]
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = bytearray(rest)
    if "content-length" in headers:
        length = int(headers["content-length"])
        while len(body) < length:
            piece = connection.recv(min(1 << 20, length - len(body)))
            if not piece:
                return None
            body += piece
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = read_chunked(connection, body)
    return Recorded(method, path, head, headers, bytes(body))


def read_chunked(connection: socket.socket, data: bytearray) -> bytearray:
    body = bytearray()
    while True:
        while b"\r\n" not in data:
            data += connection.recv(65536) or b"\r\n0\r\n\r\n"
        size_line, _, rest = bytes(data).partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        data = bytearray(rest)
        while len(data) < size + 2:
            piece = connection.recv(65536)
            if not piece:
                return body
            data += piece
        body += data[:size]
        data = data[size + 2:]
        if size == 0:
            return body
        if len(body) > MAX_REQUEST_BYTES:
            return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="the port to listen on (default: a free one)")
    parser.add_argument("--scenarios", default=SCENARIOS_FILE, help="the scenarios file (default: %(default)s)")
    arguments = parser.parse_args()
    server = ScriptedServer(arguments.scenarios, arguments.port)
    server.start()
    print(f"port {server.port}", flush=True)
    try:
        sys.stdin.read()  # until the test that started us closes our standard input, or exits
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
