"""Whether words are asked for, or warned against and described: "切勿转账", "never share this code", "……的，都是诈骗"."""

import re

from .sign import CODE

# A comma ends a clause, except before "or"/"and" that carry the clause's verb on
# ("never ask for your code, or to move money").
CLAUSE_BREAKS = re.compile(r"[。！？!?；;\n]|[，,](?!\s*(?:or|and|nor|或|和|也|或者|以及|更)\b)|\.(?=\s|$)")
SENTENCE_BREAKS = re.compile(r"[。！？!?\n]|\.(?=\s|$)")
ZH_NEGATION = re.compile(
    r"切勿|请勿|不要|不用|不必|别|勿|不会|绝不|决不|从不|从来不|不得|不能|不可|严禁|谨防|警惕|防范|拒绝|不需要|无需|没有|不存在|不是|不再|千万别|谁也不|任何人都不|免收|免交|免缴|免付|免除"
)
EN_NEGATION = re.compile(
    r"\b(?:never|not|no|nothing|don['’]?t|doesn['’]?t|won['’]?t|cannot|can['’]?t|nobody|avoid|beware|refuse|neither"
    r"|nor|without|stop)\b|n['’]t\b"
)
# One character of negation right before the words: 无需缴纳, 不转账, 没有安全账户.
ZH_NEGATION_CHARACTER = re.compile(r"[不无没未勿别莫非]$")
# Money already sent is news, not an ask.
DONE = re.compile(
    r"已经|已|刚刚|刚才|\b(?:already|just) (?:sent|paid|transferred)\b|\bi(?:'ve| have) (?:sent|paid|transferred)\b"
)
# Conditions and generalities that describe what a scam would do: "凡是……", "if anyone asks you to …".
DESCRIBED_CONDITION = re.compile(
    r"凡是|凡|任何(?:人|自称|以|要求)|是否有人|有没有人|有(?:员工|人|居民|用户|市民|家长|同事|老人|客户|邻居|学生)(?:收到|接到|自称|冒充|假冒)|(?:那个|这个|刚才(?:那个)?|之前(?:那个)?)(?:电话|短信|人|号码)里?说|陌生人(?:让|要|叫|要求)|(?:如果|若|如|一旦)(?:在[^。！？\n]{0,8})?(?:看到|遇到|碰到)|如系|如属|若系|如果是|若是|所有(?:自称|以)|一切|要是有人|如果有人|若有人|如遇|若遇|以[^。！？\n]{0,6}为由|"
    r"\b(?:anyone|anybody|whoever|any (?:caller|message|text|call|one|person|website|app|request)|if (?:someone|anyone"
    r"|a (?:caller|stranger|friend|relative|person)|they|somebody|the (?:caller|person))|such (?:calls|texts|messages)"
    r"|(?:is|has|did|does) (?:anyone|someone|somebody)|if (?:a|an|the|your) \w+ (?:emails|calls|texts|messages|says|asks|tells)\b"
    r"|(?:that|the|a) (?:call|text|message|caller) (?:saying|that said|who said)|if you (?:see|come across)|strangers? (?:who )?(?:ask|tell|want)"
    r"|(?:calls|texts|messages) (?:asking|that ask|telling))\b"
)
# In the same clause: the words are what the fraudsters do ("不法分子冒充我行发送……").
DESCRIBED_ACTOR = re.compile(
    r"冒充|不法分子|骗子|诈骗分子|犯罪分子|\b(?:fraudsters?|scammers?|criminals|impostors?)\b"
    r"|\b(?:people|someone|somebody|callers?) (?:claiming|pretending|posing) (?:to be|as)\b"
)
QUOTED = re.compile(r"“[^”]{0,40}”|\"[^\"]{0,40}\"|「[^」]{0,40}」|‘[^’]{0,40}’|'[^']{2,40}'")
# A sentence that describes a scam to warn about it, after the words it describes.
DESCRIBED_AFTER = re.compile(
    r"(?:都是|均为|均是|一律是|一律为|全是|全都是|就是|肯定是|一定是|都可能是|可能是)(?:诈骗|骗子|骗局|钓鱼|非法)|是诈骗|的诈骗|类诈骗|诈骗高发|"
    r"违法|犯法|不正规|不合法|提高警惕|注意防范|不要相信|请勿相信|切勿相信|[—－-]+\s*诈骗|的[，,]?\s*(?:都|一律|全部|一概)?(?:不要|别|勿|切勿|不能)(?:理会|照做|相信|听|信|操作|回复)|疑似诈骗|涉嫌诈骗|是骗子|是骗局|是钓鱼|(?:很|就)?像(?:是)?诈骗|"
    r"(?:\b(?:is|are|was|were)|['’]s) (?:all |always |a |an |likely |just )?(?:scams?|fraud|fraudsters|scammers|phishing|illegal)\b"
    r"|is a trick|\blooks? (?:very much |a lot |just )?like (?:a )?(?:fraud|scam)"
    r"|\b(?:suspected|possible|likely|known) (?:scam|fraud)|against the law|\s[-–—:]\s*(?:a )?scam\b|\bis lying\b"
)
DESCRIBED_BEFORE = re.compile(
    r"谨防|警惕|防范[^。！？\n]{0,4}(?:诈骗|骗)|不会(?:要求|让|通过|以|向)|\bbeware\b|watch out for|be wary|warning:"
    r"|\b(?:will|would|do|does) never (?:ask|tell|request|call)|\bnever asks?\b|\b(?:do|does|will) not ask\b"
    r"|(?:接着|然后|随后|之后)(?:就|会|便|再)?(?:让|要|叫|要求)(?:您|你)|\bthen (?:they|he|she|the \w+) (?:ask|tell|get|want)s? you\b"
)
# A code or password in the words of a "tell no one" means: protect your code, not secrecy.
PROTECTING_CODES = re.compile(
    rf"{CODE}|卡号|银行卡|身份证|个人信息|code|password|pin\b|otp|card|id number|personal", re.IGNORECASE
)
# A link is warned against only in so many words: "请勿点击", "don't tap links".
LINK_WARNED = re.compile(
    r"(?:不要|请勿|切勿|勿|别|不会)[^。！？\n]{0,6}(?:点击|点开|打开|访问|登录|发送)|"
    r"\b(?:do not|don'?t|never|won'?t|will not)\b[^.!?\n]{0,20}\b(?:click|tap|open|visit|follow|log in|send)"
)
# A message that carries a code (验证码482913, "your code is 860427"): its "tell no one" is
# the sender protecting the code.
CARRIES_A_CODE = re.compile(
    rf"(?:{CODE}|驗證碼|code|otp)[^。！？\n\d]{{0,40}}\d{{4,8}}|\d{{4,8}}[^。！？\n\d]{{0,6}}(?:{CODE}|code)"
)
# An app that a warning tells people to install: the anti-fraud centre's own, from the store.
TRUSTED_APP = re.compile(r"反诈|应用商店|官方|anti-fraud|app store|official")
NEGATION_REACH_ZH = 24  # characters back within the clause
NEGATION_REACH_EN = 64


def negated(text, start, end, *, done_turns_off=False, quotes=()):
    """True when the words at [start, end) are warned against or described, not asked for.
    `quotes` are spans of quoted words, which a warning quotes from the scam it describes."""
    clause_start = max((m.end() for m in CLAUSE_BREAKS.finditer(text, 0, start)), default=0)
    before = text[clause_start:start]
    reach = NEGATION_REACH_EN if text[start:end].isascii() else NEGATION_REACH_ZH
    if ZH_NEGATION.search(before[-NEGATION_REACH_ZH:]) or EN_NEGATION.search(before[-reach:]):
        return True
    if ZH_NEGATION_CHARACTER.search(before) or (done_turns_off and DONE.search(before[-reach:])):
        return True
    if DESCRIBED_ACTOR.search(before):
        return True
    if any(low <= start < high for low, high in quotes):
        return True
    sentence_start = max((m.end() for m in SENTENCE_BREAKS.finditer(text, 0, start)), default=0)
    following = SENTENCE_BREAKS.search(text, end)
    sentence_end = following.start() if following else len(text)
    leading = text[sentence_start:start]
    return bool(
        DESCRIBED_AFTER.search(text, end, sentence_end)
        or DESCRIBED_BEFORE.search(leading)
        or DESCRIBED_CONDITION.search(leading)
    )
