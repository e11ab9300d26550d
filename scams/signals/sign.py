"""A warning sign: its code, its weight, its words for the reader and the patterns that raise it."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Signal:
    code: str
    weight: float
    title: str
    explanation: str
    patterns: tuple = ()
    ask: bool = False  # asks the reader to act: an official-looking message with one is an impostor
    negatable: bool = True
    done_turns_off: bool = False  # "已经转过去了": money already sent is a report, not an ask


def _any(*alternatives):
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives), re.IGNORECASE)


NUMBER = r"[\d一二两三四五六七八九十百千万.,，]+"
CODE = r"验证码|短信码|动态码|校验码|动态密码|取件码?|密码|口令"
EN_CODE = r"(?:verification |security |one[- ]time |sms |login |confirmation |6-digit )?(?:code|otp|password|pin)\b"
