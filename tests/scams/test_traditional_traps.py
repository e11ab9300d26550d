"""Generated Traditional Chinese is free of the characters OpenCC is known to pick wrongly.

The patterns below are written independently of fraudwatch.core.traditional_fixes (the table
that puts the mistakes right): each catches a family of mistake wherever it occurs, so a
new text that trips OpenCC fails here, listing where, until its pair joins the table.
"""

import re

import polib
import pytest
from django.conf import settings

from fraudwatch.core.bilingual import to_traditional
from scams.models import CaseStory, Category, ScamType, Tag

TRAPS = {
    "髮 (hair) for 發 (issue, send)": r"(?<![頭理毛白假黑金])髮(?!型)",
    "隻 (a measure word) for 只 (only)": r"隻(?=[能要是有賺需會在給用找收發讓好限剩管認從通])",
    "乾 (dry) for 幹 (do)": r"乾(?=[部事活嘛麼啥])",
    "幹 (do) for 乾 (dry)": r"幹(?=[淨脆貨燥杯])",
    "干 left for 幹 or 乾": r"干(?=[淨脆部事活嘛])",
    "後 (after) for 后 (queen)": r"[皇王太]後",
    "里 (a mile) for 裡 (in)": r"(?<![公英海千萬鄰鄉故])里(?![程長])",
    "面 left for 麵 (noodles)": r"面(?=[館條粉])",
    "麵 (noodles) for 面 (face, side)": r"麵(?![館條粉包食])",
    "範 (model) for the surname 范": r"範(?=女士|先生|阿姨|大爺|老師|師傅)|姓範",
    "籤 (a lot, a label) for 簽 (sign)": r"籤(?=合同|訂|字|名|約|收|證)|著籤",
    "托 for 託 (entrust, a paid shill)": r"托(?=你|我|他|她)|[醫飯酒婚]托|都是托",
    "游 (swim) left in 遊戲 (game) or 旅遊": r"游戲|旅游",
    "板 left in 老闆 (boss)": r"老板",
}
PATTERN = re.compile("|".join(f"(?P<t{number}>{regex})" for number, regex in enumerate(TRAPS.values())))
NAMES = list(TRAPS)


def traps_in(text):
    """(trap, the words around it) for every trap in `text`."""
    for match in PATTERN.finditer(text):
        number = int(match.lastgroup[1:])
        yield NAMES[number], text[max(match.start() - 4, 0) : match.end() + 4]


@pytest.mark.parametrize(
    ("text", "trap"),
    [
        ("聯繫髮卡銀行", "髮 (hair) for 發 (issue, send)"),
        ("沒有隻賺不賠", "隻 (a measure word) for 只 (only)"),
        ("你卡里的錢", "里 (a mile) for 裡 (in)"),
        ("金店的範女士", "範 (model) for the surname 范"),
        ("不籤合同", "籤 (a lot, a label) for 簽 (sign)"),
        ("刪幹淨", "幹 (do) for 乾 (dry)"),
        ("王乾事", "乾 (dry) for 幹 (do)"),
    ],
)
def test_each_kind_of_trap_is_caught(text, trap):
    assert [name for name, _words in traps_in(text)] == [trap]


@pytest.mark.parametrize(
    "text", ["頭髮", "一隻手", "乾淨", "幹部", "皇后", "公里", "麵館", "範圍", "標籤", "抽籤", "託管"]
)
def test_right_words_are_not_traps(text):
    assert list(traps_in(text)) == []


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("请联系发卡银行", "請聯繫發卡銀行"),
        ("没有只赚不赔的投资", "沒有只賺不賠的投資"),
        ("最多只能有 5 行", "最多只能有 5 行"),
        ("几分钟后卡里的钱就没了", "幾分鐘後卡裡的錢就沒了"),
        ("视频里老板的样子", "視頻裡老闆的樣子"),
        ("金店的范女士", "金店的范女士"),
        ("不签合同", "不簽合同"),
    ],
)
def test_the_conversion_puts_opencc_s_wrong_picks_right(simplified, traditional):
    assert to_traditional(simplified) == traditional


def test_no_stored_traditional_text_of_the_catalogue_falls_into_a_trap(catalogue):
    found = []
    for model in (Category, Tag, ScamType, CaseStory):
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            assert row.traditional, (model.__name__, row.pk)
            for name, (_checksum, text) in row.traditional.items():
                found += [f"{model.__name__} {row}: {name}: {trap}: {words}" for trap, words in traps_in(text)]
    assert found == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_no_traditional_interface_message_falls_into_a_trap(domain):
    catalogue = polib.pofile(str(settings.LOCALE_PATHS[0] / "zh_Hant" / "LC_MESSAGES" / f"{domain}.po"))
    found = []
    for entry in catalogue:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            found += [f"{entry.msgid[:40]!r}: {trap}: {words}" for trap, words in traps_in(text)]
    assert found == []
