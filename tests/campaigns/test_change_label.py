"""A figure's line in an activity's history is labelled in the page's language."""

import pytest
from django.utils.translation import override

from campaigns.templatetags.activities import change_label

FIGURE = {"field": "figure", "old": "3", "new": "5", "label": {"zh": "发放宣传资料", "en": "leaflets handed out"}}


@pytest.mark.parametrize(
    ("language", "label"),
    [("zh-hans", "发放宣传资料"), ("zh-hant", "發放宣傳資料"), ("en", "leaflets handed out")],
)
def test_a_figures_label_is_in_the_pages_language(language, label):
    with override(language):
        assert change_label(FIGURE) == label
