"""Genuine anti-fraud warnings, and impostors that claim to be one but ask the reader to act."""

import re

from django.utils.translation import gettext_lazy as _

from .links_and_numbers import LINK_SIGNALS, NUMBER_SIGNALS
from .negation import negated
from .reading import _clause, _sentence
from .sign import Signal, _any

FAKE_OFFICIAL = Signal(
    "fake_official",
    5,
    _("It claims to be an anti-fraud warning but asks you to act"),
    _(
        "96110 and 12381 only warn you. They never ask for money, codes, a download, a link or screen sharing. "
        "A message that claims to be from them and does is a scam."
    ),
    ask=True,
)

# --- Genuine anti-fraud warnings -------------------------------------------------------------

OFFICIAL_SOURCE = _any(
    r"96110|12381|反诈中心|反诈骗中心|反诈专线|反诈提醒|反诈预警|涉诈预警|反诈宣传|反诈|防诈|警方提示|警方提醒|公安[^。！？\n]{0,6}(?:提醒|提示)|"
    r"民警[^。！？\n]{0,4}(?:提醒|提示)|(?:不法分子|骗子|诈骗分子|犯罪分子)[^。！？\n]{0,8}(?:冒充|假冒|自称)|(?:最近|近期|近来|近日)(?:有人|不少人|一些人|有不法分子)[^。！？\n]{0,10}(?:冒充|假冒|自称)|停止(?:转账|汇款|付款|支付|操作|交易)|(?:部门|机关|学校|老师|班主任|客服|平台|我司|本园|本校|医院|税务|医保|公安|警察|民警|法院|运营商)"
    r"[^。！？\n]{0,3}(?:都|也|均|从来)?(?:不会|绝不会|从不|决不会|绝不)(?:以|通过|要求|发送|打电话|索要|让|向|在|替|主动|私下)|"
    r"派出所[^。！？\n]{0,8}(?:提醒|提示|注意)|(?:我行|本行|银行)(?:工作人员)?(?:不会|绝不会|从不|决不会|绝不)|风险提示|温馨提示|"
    r"防范[^。！？\n]{0,6}诈骗|防骗|警情通报|(?:诈骗|骗局|骗子)[^。！？\n]{0,20}(?:提醒|提示|警惕|注意)|(?:提醒|提示|警惕|注意)[^。！？\n]{0,20}(?:诈骗|骗局|骗子)|"
    r"暂停(?:转账|汇款|付款|支付)|提醒(?:您的|你的)?(?:孩子|家人|老人|父母|家中老人|身边)|例行提醒|"
    r"(?:报警|报案)[^。！？\n]{0,12}止付|到[^。！？\n]{0,6}(?:派出所|所里|公安)[^。！？\n]{0,4}报案",
    r"(?:people|fraudsters|scammers|criminals|callers) (?:are|have been) (?:calling|pretending|posing|impersonating"
    r"|texting|sending|targeting)|\banti[- ]?(?:fraud|scam)|fraud (?:warning|alert|reminder|prevention)|scam (?:warning|alert)|police (?:reminder|warning"
    r"|notice|tip)|police (?:officers? )?(?:remind|warn)|stop (?:the |this |your )?(?:transfer|payment)|we will never|will never ask|(?:bank|police|staff|school|teachers?|officers|offices) (?:will )?never|beware of"
    r"|(?:scam|fraud)\w*\b[^.!?\n]{0,40}\b(?:remind|alert|warn|beware|careful)|(?:remind|alert|warn|beware|careful)\w*\b[^.!?\n]{0,40}"
    r"\b(?:scam|fraud)|pause (?:any|the|this|your) (?:transfer|payment)"
    r"|(?:remind|tell|warn) (?:your |their )?(?:children|kids|parents|family|elderly|relatives|grandparents)"
    r"|(?:reminder|warning|notice|message|alert) from (?:your |the |our )?(?:local |community |neighbou?rhood )?"
    r"(?:police|bank|anti-fraud|school|station)|people (?:claiming|pretending|posing) (?:to be|as)"
    r"|(?:have|has) had (?:calls|messages|texts) from (?:someone|people|a man|a woman) (?:pretending|posing|claiming)"
    r"|(?:not to|don'?t|do not|never) believe (?:messages|calls|anyone|texts)",
)
# What makes an ask concrete: said to the reader as an instruction ("请将余额转入……",
# "please reply with the code"), or told of a caller ("他让我下载……"). A warning describes asks
# in general ("凡是要求您共享屏幕的……"); an impostor makes one.
INSTRUCTION = re.compile(
    r"请(?!勿|不要)(?:您|你)?[^。！？\n，,]{0,16}?(?:转|汇|点击|点开|下载|安装|卸载|回复|提供|输入|填写|扫|添加|加|共享|登录|打开|"
    r"拨打|联系|缴纳|支付|告知|配合|按)|(?:需要|必须|须)(?:您|你)|(?:您|你)(?:需要|必须|得)|\byou (?:need|must|have) to\b|"
    r"(?:^\s*|[.!?:;]\s*)(?:please |kindly |now )?(?:click|tap|download|install|transfer|send|reply|provide|enter|scan|add"
    r"|share|log in|open|call|pay|move|verify|confirm|press|withdraw|uninstall|reinstall)\b|\b(?:please|kindly)\b"
)
# A caller's ask, told of: it reaches over the whole sentence ("对方说……让我先去银行把钱取出来……").
TOLD_BY_CALLER = re.compile(
    r"(?:对方|他|她|他们|那人|骗子)(?:说|让|要|叫|要求)我|让我|要我|叫我|"
    r"\b(?:he|she|they|the caller|a man|a woman|the officer) (?:told|asked|wanted|got) me to\b"
)
CONTACTS = frozenset(
    {signal.code for signal in LINK_SIGNALS.values()}
    | {signal.code for signal in NUMBER_SIGNALS.values()}
    | {"call_back"}
    # A warning never asks to be kept secret: "不得外传" in its name is an impostor's.
    | {"secrecy"}
)


def concrete_asks(plain, hits):
    """The asks among `hits` that are made, not described: a link or a number to use, or an
    ask in a clause that instructs the reader (or tells what a caller told them to do)."""
    return [
        hit
        for hit in hits
        if hit.signal.ask
        and (
            hit.signal.code in CONTACTS
            or any(
                INSTRUCTION.search(_clause(plain, start, end)) or TOLD_BY_CALLER.search(_sentence(plain, start, end))
                for start, end in hit.spans
            )
        )
    ]


# Words of a warning: what a genuine notice says about scams.
WARNING_WORDS = _any(
    r"诈骗|骗局|骗子|钓鱼|非法集资|警惕|谨防|核实|不听|不信|不转账|反诈|防诈|96110|12381|不法分子|冒充|轻信|不正规|挂断|"
    r"不要(?:扫|转|点|付)|不会(?:电话|短信|要求|通知)|(?:不会|从不|绝不)(?:以|通过|发送|要求|索要|让|向|打电话|主动)|套路|陷阱|上当|受骗|被骗|正规|官方渠道|"
    r"停止转账|伪基站|假冒|虚假|所谓|(?:是|构成|属于|涉嫌)(?:犯罪|违法)|”(?:之类|等|这类|类)的?(?:短信|电话|信息|链接|消息)|"
    r"立即停止|马上停止|自称|这是钓鱼|(?:请勿|切勿|不要|别)(?:点击|点开|扫码|转账|透露|泄露|提供|告诉|下载|安装)|(?<!不许)(?<!不准)(?<!不要)(?<!不能)(?<!别)(?<!敢)报(?:警|案)|止付",
    r"\bscam|fraud|phishing|\bnever\b|beware|verify|anti-fraud|hang up|impersonat|risk alert|stop now"
    r"|(?:do not|don'?t) (?:scan|pay|transfer|click|share|send|tap|open|reply|answer)|pretend|posing as|so-called"
    r"|\bfake (?:base station|website|site|app|link|page|caller|officer|police|customer service|platform)"
    r"|stop and (?:tell|call|talk|check|ask)|report it|lost money to|please be aware|\bplease stop\b|call 110"
    r"|\blost (?:over |more than |nearly |about |almost )?(?:[\d,]+ (?:yuan|rmb)|money|their savings) to"
    r"|the sooner you report|report (?:it )?to the police"
    r"|(?:can|may|is|could) be (?:a )?(?:crime|illegal|against the law)|['\"“‘][^'\"”’]{2,40}['\"”’] (?:messages|texts|calls|scams|links)",
)
# A sender's tag, as notices open: 【某某银行】, [Police Station], "Kindergarten notice:".
SOURCE_TAG = re.compile(
    r"^\s*(?:【[^】]{1,30}】|\[[^\]]{1,60}\]|[^:：。\n]{2,40}(?:notice|reminder|alert|announcement|通知|提醒|提示|公告|通告)(?:您|你)?\s*[:：]"
    r"|(?:notice|reminder|alert|warning|announcement)\b[^:：。\n]{0,60}[:：])",
    re.IGNORECASE,
)


def claims_to_warn(plain):
    """Whether the message presents itself as a warning: an anti-fraud source, or a
    sender's tag with the words of a warning."""
    return bool(OFFICIAL_SOURCE.search(plain) or (SOURCE_TAG.match(plain) and WARNING_WORDS.search(plain)))


def sounds_like_a_warning(plain):
    return bool(WARNING_WORDS.search(plain))


# The anti-fraud centre's own lines. A message in its name that gives any other number to call
# is an impostor: 96110 and 12381 call and text from those numbers and ask to be called back
# on them, or on 110.
ANTI_FRAUD_CENTRE = _any(r"96110|12381|反诈中心|反诈骗中心|反诈专线|\banti[- ]fraud (?:centre|center|hotline)")
CENTRE_LINES = frozenset({"96110", "12381", "110"})
CALL_A_NUMBER = re.compile(
    r"(?:拨打|致电|回拨|回电|联系电话|联系|专线|热线|电话|\bcall|\bring|\bphone|\bcontact|\bhotline)[^\d。！？\n!?]{0,30}?"
    r"(\+?\d[\dx*]{1,5}(?:[\s-]?[\dx*]{2,5}){1,3})(?![\dx*])",
    re.IGNORECASE,
)


def another_number_in_the_centres_name(plain):
    """The spans of numbers to call, other than the centre's own, in a message that speaks in
    the anti-fraud centre's name and does not warn against calling them."""
    if not ANTI_FRAUD_CENTRE.search(plain):
        return []
    spans = []
    for match in CALL_A_NUMBER.finditer(plain):
        digits = "".join(character for character in match.group(1) if character.isdigit() or character in "x*")
        if digits in CENTRE_LINES or len(digits) < 7 or negated(plain, *match.span()):
            continue
        spans.append(match.span(1))
    return spans
