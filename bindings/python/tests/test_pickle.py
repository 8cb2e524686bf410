"""Clients travel to other processes as their settings (multiprocessing, Dask, Spark, Ray) and reconnect there;
results and errors come back whole; the API key never shows in a repr, and stays home with pickle_api_key=False."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle

import pytest

import deepseek_ocr
import many_workers
from conftest import REPO_ROOT
from replies import GROUNDED_MARKDOWN, completion, error

KEY = "sk-never-in-a-log-4f1c"


@pytest.fixture
def pool():
    # spawn: a fresh interpreter that gets the client only through the pickle, as a Dask or Spark worker does.
    with multiprocessing.get_context("spawn").Pool(1) as made:
        yield made


def test_a_client_pickles_as_its_settings_and_works_in_another_process(server, pool, png):
    server.define("default", completion("from the worker"))
    client = deepseek_ocr.Client(server.url, api_key=KEY, model="ocr-2", timeout=30, max_retries=0)

    pid, result = pool.apply_async(many_workers.ocr_with, ((client, png),)).get(60)

    assert pid != os.getpid()
    assert result.text == "from the worker"
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert server.requests[0].body["model"] == "ocr-2"


def test_without_pickle_api_key_the_key_stays_home_and_the_worker_reads_its_environment(server, png, monkeypatch):
    client = deepseek_ocr.Client(server.url, api_key=KEY, max_retries=0, pickle_api_key=False)
    data = pickle.dumps(client)
    assert KEY.encode() not in data
    monkeypatch.setenv("DEEPSEEK_OCR_API_KEY", "sk-the-workers-own")  # the spawned worker's environment
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        _, result = pool.apply_async(many_workers.ocr_with, ((client, png),)).get(60)

    assert isinstance(result, deepseek_ocr.OcrResult)
    assert server.requests[0].headers["authorization"] == "Bearer sk-the-workers-own"
    assert KEY.encode() not in pickle.dumps(pickle.loads(data))  # and it stays out when pickled on


def test_the_key_is_in_no_repr_and_no_log_line(server, caplog):
    client = deepseek_ocr.Client(server.url, api_key=KEY)
    async_client = deepseek_ocr.AsyncClient(server.url, api_key=KEY)
    logging.getLogger("test").warning("task args: %r %s %r %s %r", client, client, async_client, async_client,
                                      vars(client))

    assert "<redacted>" in repr(client) and "<redacted>" in repr(async_client)
    assert KEY not in caplog.text
    assert server.url in caplog.text
    restored = pickle.loads(pickle.dumps(client))
    assert KEY not in repr(restored) and KEY not in repr(vars(restored))
    client.close()


def test_an_async_client_pickles_too(server):
    copy = pickle.loads(pickle.dumps(deepseek_ocr.AsyncClient(server.url, api_key=KEY, timeout=5)))

    assert isinstance(copy, deepseek_ocr.AsyncClient)
    assert copy._settings["timeout"] == 5


def test_results_and_errors_pickle_whole(server, client, png):
    server.queue("default", completion(GROUNDED_MARKDOWN), error(429, "slow down", code="rate"))
    result = client.ocr(png, mode="markdown")
    with pytest.raises(deepseek_ocr.RateLimitError) as raised:
        client.ocr(png)

    assert pickle.loads(pickle.dumps(result)) == result
    copy = pickle.loads(pickle.dumps(raised.value))
    assert (type(copy), copy.status_code, copy.code, str(copy)) == \
        (deepseek_ocr.RateLimitError, 429, "rate", str(raised.value))


def test_a_closed_client_unpickles_open(server, png):
    client = deepseek_ocr.Client(server.url, max_retries=0)
    client.close()

    copy = pickle.loads(pickle.dumps(client))

    assert not copy.closed
    assert copy.ocr(png).text


def test_a_document_pickles_with_its_pages_and_their_errors(server, client):
    server.queue("default", completion("first page"), error(500, "page two failed"))
    document = client.ocr_document(REPO_ROOT / "tests" / "samples" / "document.pdf", pages=[1, 2], concurrency=1)

    copy = pickle.loads(pickle.dumps(document))

    assert copy.markdown == document.markdown and copy.pdf_page_count == document.pdf_page_count
    assert [page.markdown for page in copy.pages] == [page.markdown for page in document.pages]
    assert isinstance(copy.pages[1].error, deepseek_ocr.APIStatusError)
    assert "page two failed" in str(copy.pages[1].error)
