"""The links and phone numbers in a pasted message, judged against who they claim to be.

Hosts are split with tldextract and the Public Suffix List snapshot it ships (never fetched
at run time: intranets are cut off), so `ybj-gov.cn.xyz` is seen as the domain `cn.xyz`
under `.xyz`, not as a government address. A link is judged by its registered domain:
an official body's own domain passes; one that borrows an official name (`gov-cn.top`,
`95588-icbc.com`) is a look-alike; raw IP addresses, punycode and link shorteners hide
where they lead.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import tldextract

# Registered domains of the bodies whose messages residents get, and whose names
# fraudsters borrow. Every *.gov.cn and *.edu.cn address counts as official too.
OFFICIAL_DOMAINS = frozenset(
    [
        "gov.cn",
        "edu.cn",
        "12306.cn",
        "12377.cn",
        "12321.cn",
        "cyberpolice.cn",
        "icbc.com.cn",
        "ccb.com",
        "boc.cn",
        "abchina.com",
        "bankcomm.com",
        "cmbchina.com",
        "psbc.com",
        "spdb.com.cn",
        "citicbank.com",
        "cebbank.com",
        "cmbc.com.cn",
        "pingan.com",
        "cib.com.cn",
        "hxb.com.cn",
        "cgbchina.com.cn",
        "bankofbeijing.com.cn",
        "unionpay.com",
        "95516.com",
        "alipay.com",
        "tenpay.com",
        "sf-express.com",
        "ems.com.cn",
        "11183.com.cn",
        "zto.com",
        "yto.net.cn",
        "sto.cn",
        "yundaex.com",
        "jtexpress.cn",
        "cainiao.com",
        "jd.com",
        "taobao.com",
        "tmall.com",
        "qq.com",
        "weixin.qq.com",
        "wechat.com",
        "meituan.com",
        "pinduoduo.com",
        "douyin.com",
        "ctrip.com",
        "trip.com",
        "10086.cn",
        "10010.com",
        "chinaunicom.cn",
        "189.cn",
        "chinamobile.com",
        "chinatelecom.com.cn",
        "baidu.com",
        "amap.com",
        "didiglobal.com",
        "eleme.cn",
        "ele.me",
        "bilibili.com",
        "fedex.com",
        "ups.com",
        "dhl.com",
        "apple.com",
        "hsbc.com.cn",
        "xiaohongshu.com",
    ]
)
OFFICIAL_SUFFIXES = ("gov.cn", "edu.cn")
SHORTENERS = frozenset(
    [
        "t.cn",
        "url.cn",
        "dwz.cn",
        "suo.im",
        "bit.ly",
        "tinyurl.com",
        "goo.gl",
        "t.co",
        "is.gd",
        "ow.ly",
        "rebrand.ly",
        "cutt.ly",
        "s.id",
        "v.gd",
        "rb.gy",
        "tiny.cc",
        "shorturl.at",
        "u.nu",
        "985.so",
        "w.url.cn",
    ]
)
# Pieces of official names that a look-alike host borrows: the long ones anywhere in the
# host, the short ones only as a whole part of it (between dots and hyphens).
BORROWED_ANYWHERE = [
    "gov",
    "police",
    "gongan",
    "fzzx",
    "fanzha",
    "12381",
    "96110",
    "yibao",
    "nhsa",
    "shebao",
    "chinatax",
    "customs",
    "haiguan",
    "icbc",
    "abchina",
    "bankcomm",
    "cmbchina",
    "psbc",
    "95588",
    "95533",
    "95599",
    "95566",
    "95559",
    "95555",
    "95595",
    "unionpay",
    "alipay",
    "taobao",
    "tmall",
    "12306",
    "10086",
    "10010",
    "sfexpress",
    "court",
    "fayuan",
]
BORROWED_PARTS = frozenset(["110", "ybj", "tax", "ccb", "cmb", "boc", "abc", "jd", "ems", "etc", "bank", "sf"])

URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'，。！？、；）)\]]+"
    r"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:[a-z]{2,12}|xn--[a-z0-9-]+)(?:/[^\s<>\"'，。！？、；）)\]]*)?(?![\w@-])"
    r"|(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:/[^\s<>\"'，。！？、；）)\]]*)?",
    re.IGNORECASE,
)
IP_HOST = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
# Words that end in a dot-and-letters but are no address: file names, decimals with units.
NOT_A_HOST_SUFFIX = frozenset(
    ["apk", "exe", "jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx", "txt", "mp4", "zip", "rar"]
)


@lru_cache(maxsize=1)
def _extractor():
    # No list URLs: the snapshot bundled with the package is used, and nothing is fetched.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    text: str
    host: str
    domain: str  # the registered domain, or the IP address
    kind: str  # official, lookalike, ip, punycode, shortener, unknown


def links(text):
    """The links in `text` (already lower-cased), each judged."""
    found = []
    for match in URL.finditer(text):
        raw = match.group().rstrip(".,:;!?")
        host = re.sub(r"^(?:https?://)?", "", raw).split("/")[0].split(":")[0].strip(".")
        if not host:
            continue
        if IP_HOST.match(host):
            found.append(Link(match.start(), match.start() + len(raw), raw, host, host, "ip"))
            continue
        parts = _extractor()(host)
        if not parts.suffix or not parts.domain or parts.suffix in NOT_A_HOST_SUFFIX:
            continue
        domain = f"{parts.domain}.{parts.suffix}"
        found.append(Link(match.start(), match.start() + len(raw), raw, host, domain, _kind(host, domain)))
    return found


def _kind(host, domain):
    if "xn--" in host:
        return "punycode"
    if domain in OFFICIAL_DOMAINS or host in OFFICIAL_DOMAINS or domain.endswith(OFFICIAL_SUFFIXES):
        return "official"
    if domain in SHORTENERS or host in SHORTENERS:
        return "shortener"
    if _borrows_a_name(host):
        return "lookalike"
    return "unknown"


def _borrows_a_name(host):
    plain = re.sub(r"[.-]", "", host)
    return any(name in plain for name in BORROWED_ANYWHERE) or bool(BORROWED_PARTS & set(re.split(r"[.-]", host)))


# --- Phone numbers ----------------------------------------------------------------------

PHONE = re.compile(r"(?<![0-9a-z+*])(\+|00)?(\d[\d -]{1,18}\d|\d{3,}|1[3-9]\d[*x]{4}\d{4})(?![0-9a-z*])")
# The service numbers residents trust: bank and operator 95xxx and 10xxx lines, the police,
# and the anti-fraud lines. Shown with a prefix or extra digits, they are spoofed.
TRUSTED_NUMBER = re.compile(r"^(?:95\d{3}|9\d{4}|10086|10010|10000|110|12381|96110|12315|12345|12366|12333)$")
VIRTUAL_RANGES = ("162", "165", "167", "170", "171")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    kind: str  # international, spoofed_official, virtual


def numbers(text):
    """Phone numbers in `text` that deserve a warning."""
    found = []
    for match in PHONE.finditer(text):
        prefix, body = match.group(1) or "", re.sub(r"[ -]", "", match.group(2)).replace("*", "0").replace("x", "0")
        kind = _number_kind(prefix, body, match)
        if kind:
            found.append(Number(match.start(), match.end(), match.group(), kind))
    return found


def _number_kind(prefix, body, match):
    if prefix:
        body = body.removeprefix("00")
        national = body[2:] if body.startswith("86") else body
        if TRUSTED_NUMBER.match(national) or TRUSTED_NUMBER.match(body):
            return "spoofed_official"  # +95588, 0095588, +86 110: a trusted number cannot have a prefix
        if not body.startswith("86"):
            return "international"
        return ""
    if len(body) == 11 and body.startswith("1") and body.startswith(VIRTUAL_RANGES):
        return "virtual"
    # 95588 with more digits glued on: a caller ID made to look like the bank's line.
    if (
        6 <= len(body) <= 9
        and TRUSTED_NUMBER.match(body[:5])
        and body[:5].startswith("95")
        and " " not in match.group()
    ):
        return "spoofed_official"
    return ""
