"""Signs raised by a message's links and phone numbers (found by scams.contacts)."""

import re

from django.utils.translation import gettext_lazy as _

from .sign import Signal, _any

LINK_SIGNALS = {
    "lookalike": Signal(
        "link_lookalike",
        4,
        _("A link that imitates an official address"),
        _("The address borrows an official name but is not that body's own site. It leads to a fake page."),
        ask=True,
    ),
    "ip": Signal(
        "link_ip",
        4,
        _("A link to a bare number address"),
        _("Real banks and offices never send links made of numbers. It hides where the page really is."),
        ask=True,
    ),
    "punycode": Signal(
        "link_punycode",
        4,
        _("A link with disguised letters"),
        _("The address is spelt with look-alike characters so that it passes for a familiar one."),
        ask=True,
    ),
    "shortener": Signal(
        "link_short",
        2,
        _("A shortened link"),
        _("A shortened link hides where it leads. Type the official address yourself instead of tapping it."),
        ask=True,
    ),
    "unknown": Signal(
        "link",
        1.5,
        _("A link to an unfamiliar site"),
        _(
            "A link in an unexpected message often leads to a fake site that steals passwords and card numbers. "
            "Do not open it: type the official address yourself."
        ),
        ask=True,
    ),
    "named_body": Signal(
        "link_not_the_body",
        3,
        _("The link is not the official site of who it claims to be"),
        _("The message names an official body, bank or company, but its link goes to another site."),
        ask=True,
    ),
}
NUMBER_SIGNALS = {
    "international": Signal(
        "phone_international",
        2.5,
        _("A foreign number for a local matter"),
        _("Police, banks and couriers in China do not call from numbers that start with + or 00."),
        ask=True,
    ),
    "spoofed_official": Signal(
        "phone_spoofed",
        4,
        _("A trusted number with something added"),
        _("95588, 10086 or 110 with a prefix or extra digits is a disguised number, not the real line."),
        ask=True,
    ),
    "virtual": Signal(
        "phone_virtual",
        1,
        _("A virtual-operator number"),
        _("Numbers starting 170, 171, 162, 165 or 167 are cheap to get and often used by fraudsters."),
    ),
}
CALL_BACK = Signal(
    "call_back",
    1.5,
    _("It asks you to call a personal number"),
    _("Banks and offices give their own service numbers. To check, call a number you look up yourself."),
    ask=True,
)
# "拨打 171****0096", "call 138 1234 5678": a mobile number (masked or not) to call back.
CALL_A_MOBILE = re.compile(
    r"(?:拨打|致电|回拨|回电|联系|打给|call|ring|phone|contact|text)\D{0,12}?(1[3-9]\d[\s-]?(?:\d{4}|[*x]{4})[\s-]?\d{4})(?!\d)"
)


# Who the message says it is from: an official link must belong to one of these.
NAMES_A_BODY = _any(
    r"银行|医保|社保|税务|公安|法院|检察|政府|海关|快递|顺丰|京东|淘宝|支付宝|微信|12306|10086|联通|电信|移动|etc|高速|邮政|ems",
    r"\bbank\b|medical insurance|social security|\btax\b|police|court|government|customs|courier|express|taobao|alipay"
    r"|wechat|12306|china mobile|unicom|telecom|\betc\b|post office",
)
