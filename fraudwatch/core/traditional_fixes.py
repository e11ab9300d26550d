"""Where OpenCC's s2tw picks the wrong Traditional character for our texts, and the right one.

One Simplified character can stand for several Traditional ones (发: 發 "send, issue" or
髮 "hair"; 只: 只 "only" or 隻 a measure word; 里: 裡 "inside" or 里 "a mile"), and OpenCC
chooses by the words it knows. Where it chose wrongly in the catalogue or the interface
messages, the pair is listed here, in the converted text's own characters, with the
Simplified words it came from. fraudwatch.core.bilingual.to_traditional applies the table to
everything it converts: the stored Traditional columns, text converted as a page needs
it, the PDFs (which read both) and locale/zh_Hant (made by `manage.py traditional_messages`).

Each pair was reviewed against every converted text of the catalogue and of zh_Hans, and
is written long enough to be wrong in every context it can occur in: 髮卡 is never a
hair clip here, but 卡里 is only wrong because a bank card has money "in" it.
tests/scams/test_traditional_traps.py scans all generated text for the families of
mistake (髮/發, 隻/只, 乾/幹/干, 後/后, 裡/里, 麵/面 and a few more) independently of this
table, so a new text that trips OpenCC fails there and its pair is added here.
"""

import re
import zlib

# (what s2tw writes, what is right): from these Simplified words.
FIXES = (
    # 发卡银行, 发卡机构: the bank that issued the card, not a hair clip.
    ("髮卡", "發卡"),
    # 只赚不赔, 最多只能, 多半只发文字: "only", not the measure word.
    ("隻賺", "只賺"),
    ("隻能", "只能"),
    ("多半隻", "多半只"),
    # 卡里的钱, 视频里老板, 频道里, 奖金里扣, 收益里扣: "in"; OpenCC reads 卡里, 里老 and
    # 道里 as names and places and leaves 老板 unconverted after them.
    ("卡里", "卡裡"),
    ("里老板", "裡老闆"),
    ("頻道里", "頻道裡"),
    ("獎金里", "獎金裡"),
    ("收益里", "收益裡"),
    # 报上游戏账号: 游戏 "game", not 上游 "upstream".
    ("上游戲", "上遊戲"),
    # 托你帮…, 都是托, 医托: to entrust, and a paid shill, are 託.
    ("托你", "託你"),
    ("都是托", "都是託"),
    ("醫托", "醫託"),
    ("飯托", "飯託"),
    ("酒托", "酒託"),
    ("婚托", "婚託"),
    # 范女士: the surname 范, not 範 "model".
    ("範女士", "范女士"),
    ("範先生", "范先生"),
    ("姓範", "姓范"),
    # 签合同, 承诺书签订, 抽签名照, 急着签: to sign is 簽; 籤 is a lot or a label.
    ("籤合同", "簽合同"),
    ("籤訂", "簽訂"),
    ("籤名", "簽名"),
    ("籤字", "簽字"),
    ("籤約", "簽約"),
    ("著籤", "著簽"),
)

_WRONG = re.compile("|".join(re.escape(wrong) for wrong, _right in sorted(FIXES, key=lambda pair: -len(pair[0]))))
_RIGHT = dict(FIXES)

# Changes whenever the table does, so that Traditional text stored under an older table
# is known to be stale (fraudwatch.core.bilingual keeps it with the checksum of its source).
VERSION = zlib.crc32(repr(FIXES).encode("utf-8"))


def fixed(text):
    """Text converted by s2tw, with the table's wrong picks put right."""
    return _WRONG.sub(lambda match: _RIGHT[match.group()], text)
