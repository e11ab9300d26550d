"""The wording model ships as a file built from the corpus by a command: the build is
reproducible, it reads only the tuning four-fifths, and the site needs no library to use it."""

import json
import math

import pytest
from django.core.management import call_command

from scams import checking, corpus, wording


def test_building_the_model_again_from_the_corpus_gives_the_shipped_weights(tmp_path):
    rebuilt = tmp_path / "model.json"
    call_command("build_checker_model", output=rebuilt, verbosity=0)
    shipped = json.loads(wording.MODEL_PATH.read_text(encoding="utf-8"))
    fresh = json.loads(rebuilt.read_text(encoding="utf-8"))
    assert fresh["trained_on"] == shipped["trained_on"]
    assert fresh["idf"].keys() == shipped["idf"].keys()
    for label in wording.LABELS:
        assert math.isclose(fresh["intercepts"][label], shipped["intercepts"][label], abs_tol=1e-3)
        drift = max(
            abs(fresh["coefficients"][label][gram] - weight) for gram, weight in shipped["coefficients"][label].items()
        )
        assert drift < 1e-3, label  # numerical noise only: the same corpus gives the same model


def test_the_model_is_trained_on_the_tuning_part_only():
    shipped = json.loads(wording.MODEL_PATH.read_text(encoding="utf-8"))
    tuning = [message for message in corpus.load() if not message.held_out]
    assert sum(shipped["trained_on"].values()) == len(tuning)


def test_features_fold_digits_and_read_both_languages():
    assert "000" in wording.features("转账5000元")
    assert " tr" in wording.features("transfer now")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("你好，我是公安局的，你涉嫌洗钱，把钱转到安全账户配合调查", "scam"),
        ("明天降温了，记得多穿点衣服", "innocent"),
        ("【12381】您可能正在遭遇诈骗，请立即挂断可疑电话，切勿向陌生账户转账。", "official"),
    ],
)
def test_the_model_tells_the_three_kinds_apart(text, label):
    plain = checking.plain_text(text, checking.message_language(text))
    likely = wording.probabilities(plain)
    assert max(likely, key=likely.get) == label
    assert math.isclose(sum(likely.values()), 1.0)


def test_the_model_names_the_type_a_scam_follows():
    text = "各位家长好，我是新来的班主任，下学期资料费每人200元，请扫我的个人收款码缴纳，交完截图发群里。"
    likely = wording.type_probabilities(checking.plain_text(text, "zh"))
    assert math.isclose(sum(likely.values()), 1.0)
    assert max(likely, key=likely.get) == "fake-teacher-fees"


def test_a_starting_worker_reads_the_model_before_the_first_check(monkeypatch):
    wording._compiled.cache_clear()
    wording.warm()
    reads = []
    monkeypatch.setattr(wording, "_model", lambda: reads.append(1))
    wording.probabilities("转账")
    wording.type_probabilities("转账")
    assert reads == []  # both parts were arranged at start
    monkeypatch.undo()
    wording._compiled.cache_clear()
