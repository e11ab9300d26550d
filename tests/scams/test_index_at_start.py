"""A worker builds the search and checker indexes as it starts (fraudwatch/wsgi.py), so the
first resident to check a message waits for nothing: the builds are counted, not timed."""

import runpy

import pytest
from django.urls import reverse
from django.utils import translation

from scams import search


@pytest.fixture
def builds(monkeypatch):
    """Every index build from now on, by language."""
    built = []
    build = search._build

    def counted(suffix):
        built.append(suffix)
        return build(suffix)

    monkeypatch.setattr(search, "_build", counted)
    monkeypatch.setattr(search, "_indexes", {})  # as in a new process
    return built


@pytest.mark.django_db
def test_a_starting_worker_builds_both_indexes_and_the_first_check_builds_none(client, catalogue, builds):
    runpy.run_module("fraudwatch.wsgi")  # what gunicorn and runserver load in each worker
    assert sorted(builds) == ["en", "zh"]
    with translation.override("zh-hans"):
        url = reverse("check")
    response = client.post(url, {"text": "我是公安局的，你涉嫌洗钱，把钱转到安全账户，不要告诉家人。"})
    assert 'data-risk="high"' in response.content.decode()
    with translation.override("en"):
        client.post(reverse("check"), {"text": "Transfer your savings to the safe account now."})
    assert sorted(builds) == ["en", "zh"]  # no build on the first checks


@pytest.mark.django_db
def test_a_catalogue_change_builds_again_once(client, catalogue, builds):
    from fraudwatch.core import pagecache

    search.warm()
    pagecache.invalidate()
    search.warm()
    search.warm()
    assert sorted(builds) == ["en", "en", "zh", "zh"]


def test_a_database_not_ready_leaves_the_build_to_the_first_request(monkeypatch, builds, caplog):
    from django.db import DatabaseError

    def broken(suffix):
        raise DatabaseError("no such table: scams_scamtype")

    monkeypatch.setattr(search, "_build", broken)
    search.warm()  # no exception: a worker still starts
    assert "search index not built at start" in caplog.text
