"""The "Is this a scam?" checker: which catalogue types a pasted message resembles and why,
the red flags in it, and masking the personal numbers in a message a resident shares.

The checker never calls a message safe. A fraudster's next script may be one the
catalogue does not describe yet, so the most it can say is "not recognised".
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fraudwatch.bilingual import as_shown, as_stored

from . import search
from .models import ScamType

# Sentences end at Chinese and Western stops and at line breaks. A full stop counts only
# before a space or the end, so that links (www.example.com) and amounts (3.5) stay whole.
SENTENCE_BREAKS = re.compile(r"[。！？!?\n]+|\.(?=\s|$)")
MAX_SENTENCES = 80
MAX_MATCHES = 3
# A message is recognised as a type when it shares with it at least as much as this many
# words found in that type alone would give; types after the first must reach this share
# of the first one's score. Both were read off the bundled catalogue. The threshold leans
# towards recognising: a scam text of a few words only just passes it, while an
# ordinary message that shares a scam's words (a meeting notice, a bank's spending alert)
# passes too, and is then only said to resemble that scam. Greetings and chat stay below.
MINIMUM_EVIDENCE = 1.5
RELATIVE_CUTOFF = 0.3


@dataclass
class Match:
    pk: int
    score: float
    sentence: str  # the resident's sentence most like the catalogue's line, or ""
    resembles: str  # that line: a typical phrase or a warning sign of the type
    resembles_field: str
    scam: ScamType | None = None


@dataclass
class Answer:
    matches: list  # of Match, best first; empty when the message is not recognised
    flags: list  # of RedFlag

    @property
    def best_type(self):
        return self.matches[0].scam if self.matches else None


def check(text, language):
    """What the checker answers about a message, in the page's language."""
    matches = matching_types(text, language)
    scams = ScamType.objects.published().in_bulk([match.pk for match in matches])
    for match in matches:
        match.scam = scams.get(match.pk)
    return Answer([match for match in matches if match.scam], red_flags(as_stored(text, language)))


def sentences(text):
    return [part.strip() for part in SENTENCE_BREAKS.split(text) if part.strip()][:MAX_SENTENCES]


def matching_types(text, language):
    """The types the message resembles, best first, each with its closest sentence pair."""
    index = search.index_for(language)
    # Traditional characters are matched against the Simplified text the catalogue keeps.
    ranked = index.rank(as_stored(text, language))
    if not ranked or ranked[0][1] < MINIMUM_EVIDENCE * index.distinctive_idf:
        return []
    floor = ranked[0][1] * RELATIVE_CUTOFF
    parts = [(sentence, index.query(as_stored(sentence, language))) for sentence in sentences(text)]
    found = []
    for document, score in ranked[:MAX_MATCHES]:
        if score < floor:
            break
        best_score, sentence, line = 0.0, "", None
        for part, weights in parts:
            for candidate in document.lines:
                pair_score = index.score(weights, candidate.counts)
                if pair_score > best_score:
                    best_score, sentence, line = pair_score, part, candidate
        found.append(
            Match(
                pk=document.pk,
                score=score,
                sentence=sentence,
                resembles=as_shown(line.text, language) if line else "",
                resembles_field=line.field if line else "",
            )
        )
    return found


@dataclass(frozen=True)
class RedFlag:
    code: str
    title: str
    explanation: str
    pattern: re.Pattern


def _pattern(*alternatives):
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


# Patterns read the message lower-cased, full-width characters made plain.
RED_FLAGS = [
    RedFlag(
        "transfer",
        _("It asks you to move money"),
        _(
            "Police, courts, banks, shops and employers never settle a problem by having you transfer money "
            "during a call or a chat."
        ),
        _pattern(
            r"转账|转帐|汇款|打款|打钱|转钱|转到|转入|转给|转过去|转一笔|扫码付|付款到",
            r"\btransfer|\bwire\b|\bremit|\bsend (?:\w+ ){0,2}money\b|\bmove (?:\w+ ){0,2}(?:money|savings|funds)\b",
        ),
    ),
    RedFlag(
        "safe_account",
        _("A “safe account”"),
        _("There is no such thing as a “safe account”. Anyone who asks you to move money into one is a fraudster."),
        _pattern(
            r"安全账户|安全帐户|监管账户|资金清查|清查资金|资金核查|核查资金|国家账户",
            r"safe account|secure account|supervis\w* account|state account",
            r"(?:check|verify|inspect)\w* (?:your )?funds",
        ),
    ),
    RedFlag(
        "code",
        _("It asks for a verification code"),
        _(
            "A verification code is the key to your account. No bank, police officer or customer service "
            "will ever ask you for it."
        ),
        _pattern(
            r"验证码|短信码|动态码|校验码|动态密码",
            r"(?:verification|security|confirmation|sms|text|login|bank) codes?\b|\botp\b|one[- ]time (?:pass|code)",
        ),
    ),
    RedFlag(
        "secrecy",
        _("You are told to keep it secret"),
        _(
            "Being told to tell no one, not even your family or the bank's staff, is how fraudsters stop "
            "anyone from warning you."
        ),
        _pattern(
            r"不要告诉|别告诉|不能告诉|不许告诉|不准告诉|(?:不要|别|不能|不许)(?:跟|和|对).{0,8}说|保密|声张|秘密",
            r"don['’]?t tell|do not tell|not to tell|tell no ?one|keep (?:it|this) (?:a )?secret|confidential"
            r"|between (?:us|you and me)",
        ),
    ),
    RedFlag(
        "urgency",
        _("You are rushed"),
        _("Pressure to act at once is meant to stop you from thinking and checking. A real matter can wait."),
        _pattern(
            r"马上|立即|立刻|赶紧|赶快|尽快|抓紧|\d+\s*个?小时内|今天之内|今日内|限时|逾期|否则|来不及|名额有限",
            r"immediately|right (?:now|away)|\burgent|at once|as soon as possible|\basap\b"
            r"|within \d+ (?:hours?|minutes?|days?)|today only|or else|otherwise|last chance|limited (?:time|places)",
        ),
    ),
    RedFlag(
        "link",
        _("It contains a link"),
        _(
            "A link in an unexpected message often leads to a fake site that steals passwords and card numbers. "
            "Do not open it: type the official address yourself."
        ),
        _pattern(
            r"https?://\S+|www\.\S+",
            r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|info|shop|site|online|app|link|icu|club)\b",
        ),
    ),
    RedFlag(
        "app",
        _("It asks you to install an app"),
        _(
            "An app from a link or a stranger can read your messages or let someone control your phone. "
            "Install apps only from your phone's own store, and never because a stranger asks."
        ),
        _pattern(r"下载|安装|\bapk\b|\.apk", r"\bdownload|\binstall"),
    ),
    RedFlag(
        "screen_sharing",
        _("It asks you to share your screen"),
        _(
            "Sharing your screen lets the other person watch the codes and passwords you type. "
            "Never share your screen with someone you do not know."
        ),
        _pattern(
            r"共享屏幕|屏幕共享|分享屏幕|开启共享|会议app|会议软件|腾讯会议|视频会议|远程控制|\bzoom\b",
            r"share (?:your |my |the )?screen|screen[- ]?shar|meeting app|video meeting|remote (?:control|access)",
        ),
    ),
    RedFlag(
        "upfront_fee",
        _("You must pay something first"),
        _(
            "Paying a fee, a deposit or a tax before you receive a loan, a prize, a refund or a job is the mark "
            "of a scam."
        ),
        _pattern(
            r"保证金|手续费|解冻费|先交|先付|先缴|工本费|激活费|会员费|服务费|押金|认证费|公证费|税费|验资|刷流水",
            r"\bdeposit|\bfees?\b|upfront|up-front|pay (?:the |any )?tax(?:es)? (?:first|before)",
        ),
    ),
]


def red_flags(text):
    plain = search.normalise(text)
    return [flag for flag in RED_FLAGS if flag.pattern.search(plain)]


# --- Masking a shared message -----------------------------------------------------------
#
# Personal numbers are masked: mainland mobiles (138****5678), landlines with an area code,
# 18-character ID numbers and 13- to 19-digit card numbers, and e-mail addresses. Numbers
# that belong to no one person are kept, because they help warn others: short service
# numbers (110, 96110, 95588), 400 and 800 numbers, and 106 numbers that firms send texts from.

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d*])1[3-9]\d(?:[ -]?\d){8}(?![\d*])")
LANDLINE = re.compile(r"(?<![\d*])(0\d{2,3}[ -]?)(\d{7,8})(?![\d*])")
CARD_NUMBER = re.compile(r"(?<![\d*])(?!106)\d(?:[ -]?\d){12,18}(?![\d*])")
EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")


def _mask(text, keep_first, keep_last=4):
    """Stars for every digit (and an ID number's X) but the first and last few."""
    digits = sum(character.isdigit() or character in "Xx" for character in text)
    seen, masked = 0, []
    for character in text:
        if character.isdigit() or character in "Xx":
            seen += 1
            masked.append(character if seen <= keep_first or seen > digits - keep_last else "*")
        else:
            masked.append(character)
    return "".join(masked)


def mask_personal_numbers(text):
    text = ID_NUMBER.sub(lambda match: _mask(match.group(), 3), text)
    text = MOBILE.sub(lambda match: _mask(match.group(), 3), text)
    text = LANDLINE.sub(lambda match: match.group(1) + _mask(match.group(2), 0), text)
    text = CARD_NUMBER.sub(lambda match: _mask(match.group(), 4), text)
    return EMAIL.sub(r"\1***@\2", text)
